// SPDX-License-Identifier: MIT
#pragma once
// DDL from the schema: CREATE / DROP TABLE and INDEX, and whole schemas in
// dependency order (create_all / drop_all). One header each under stmt/ddl/.
#include <ctql/stmt/ddl/create_table.hpp>
#include <ctql/stmt/ddl/script.hpp>
#include <ctql/stmt/ddl/index.hpp>
#include <ctql/stmt/ddl/create_all.hpp>
