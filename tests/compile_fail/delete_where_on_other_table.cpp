// A delete's WHERE names a column of another table than the one it deletes from.
// expect: an update or delete may only use columns of the table it changes
// expect: rule::column_belongs_to_target_table<orders_t,
// expect: orders_t::total_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (total, double));

constexpr auto q = ctql::delete_from(users).where(orders.total > 10.0);
