// SPDX-License-Identifier: MIT
#pragma once
// ctql with both backends behind engines made from URLs, connection pools,
// transactions and statement logging.
#include <ctql/ctql.hpp>
#include <ctql/engine/engine.hpp>
#include <ctql/backend/sqlite/schema_reader.hpp>
#include <ctql/backend/postgres/schema_reader.hpp>
