#pragma once
// ctql core: schema, expressions, statements and compile-time rendering.
// Include <ctql/sqlite.hpp> or <ctql/postgres.hpp> to run statements.
#include <ctql/core/error.hpp>
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/dialect/postgres.hpp>
#include <ctql/dialect/sqlite.hpp>
#include <ctql/expr/aggregates.hpp>
#include <ctql/expr/operators.hpp>
#include <ctql/expr/parameter.hpp>
#include <ctql/expr/predicates.hpp>
#include <ctql/render/writer.hpp>
#include <ctql/result/row.hpp>
#include <ctql/schema/ddl.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/delete.hpp>
#include <ctql/stmt/insert.hpp>
#include <ctql/stmt/select.hpp>
#include <ctql/stmt/update.hpp>
