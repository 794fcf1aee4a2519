// SPDX-License-Identifier: MIT
#pragma once
// ctql with the embedded SQLite backend.
#include <ctql/ctql.hpp>
#include <ctql/backend/sqlite/connection.hpp>
#include <ctql/backend/sqlite/schema_reader.hpp>
