// SPDX-License-Identifier: MIT
#pragma once
// ctql with the PostgreSQL backend (libpq).
#include <ctql/ctql.hpp>
#include <ctql/backend/postgres/connection.hpp>
#include <ctql/backend/postgres/schema_reader.hpp>
