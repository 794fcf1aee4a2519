// A CHECK condition that is a number, not a condition.
// expect: ctql: a CHECK condition must be boolean
// expect: rule::check_condition_is_boolean<ctql::binary_expression<ctql::op::plus, items_t::qty_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(items, (id, std::int64_t, ctql::primary_key), (qty, std::int32_t));
CTQL_TABLE_CONSTRAINTS(items, ctql::check(items.qty + 1));
