// A partial index's WHERE that is not a condition.
// expect: ctql: the WHERE of a partial index must be a boolean condition
// expect: rule::index_where_is_boolean<ctql::detail::name<'i', 'x'>, items_t::qty_column, ctql::sql_type::integer>
#include <ctql/sqlite.hpp>

CTQL_TABLE(items, (id, std::int64_t, ctql::primary_key), (qty, std::int32_t));
CTQL_TABLE_CONSTRAINTS(items, ctql::index<"ix">(items.id).where(items.qty));
