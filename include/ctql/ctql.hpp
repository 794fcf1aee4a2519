// SPDX-License-Identifier: MIT
#pragma once
// ctql core: schema, expressions, statements and compile-time rendering.
// Include <ctql/sqlite.hpp>, <ctql/postgres.hpp> or <ctql/engine.hpp> to run statements.
//
// Headers are listed in dependency order on purpose: each is first included
// from here, so a failed type rule's diagnostic shows a short include chain.
#include <ctql/version.hpp>
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/core/error.hpp>
#include <ctql/core/verbatim.hpp>
#include <ctql/core/narrow.hpp>
#include <ctql/render/writer.hpp>
#include <ctql/render/literal.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/expr/operators.hpp>
#include <ctql/expr/predicates.hpp>
#include <ctql/expr/order.hpp>
#include <ctql/expr/window.hpp>
#include <ctql/expr/aggregates.hpp>
#include <ctql/expr/functions.hpp>
#include <ctql/expr/case.hpp>
#include <ctql/expr/names.hpp>
#include <ctql/expr/dynamic.hpp>
#include <ctql/expr/dates.hpp>
#include <ctql/expr/assignment.hpp>
#include <ctql/expr/parameter.hpp>
#include <ctql/schema/constraints.hpp>
#include <ctql/schema/column.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/schema/ddl_expression.hpp>
#include <ctql/schema/check.hpp>
#include <ctql/schema/foreign_key.hpp>
#include <ctql/schema/index.hpp>
#include <ctql/schema/table_constraints.hpp>
#include <ctql/schema/keys.hpp>
#include <ctql/schema/column_definition.hpp>
#include <ctql/result/row.hpp>
#include <ctql/result/row_type.hpp>
#include <ctql/result/format.hpp>
#include <ctql/result/struct_mapping.hpp>
#include <ctql/result/decode.hpp>
#include <ctql/stmt/statement.hpp>
#include <ctql/stmt/checks.hpp>
#include <ctql/stmt/clauses/values.hpp>
#include <ctql/stmt/insert.hpp>
#include <ctql/stmt/update.hpp>
#include <ctql/stmt/delete.hpp>
#include <ctql/stmt/select.hpp>
#include <ctql/stmt/subquery.hpp>
#include <ctql/stmt/compound.hpp>
#include <ctql/stmt/query_table.hpp>
#include <ctql/stmt/copy.hpp>
#include <ctql/stmt/ddl/create_table.hpp>
#include <ctql/stmt/ddl/script.hpp>
#include <ctql/stmt/ddl/index.hpp>
#include <ctql/stmt/ddl/create_all.hpp>
#include <ctql/stmt/ddl.hpp>
#include <ctql/stmt/enum_type.hpp>
#include <ctql/dialect/sqlite.hpp>
#include <ctql/dialect/postgres.hpp>
// Shared by every backend, so here: the single headers then carry it once.
#include <ctql/backend/transaction.hpp>
#include <ctql/backend/explain.hpp>
#include <ctql/backend/schema_diff.hpp>
