// An update's WHERE names a column of another table than the one it updates.
// expect: an update or delete may only use columns of the table it changes
// expect: rule::column_belongs_to_target_table<orders_t,
// expect: orders_t::total_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (total, double));

constexpr auto q = ctql::update(users).set(users.score = 1.0).where(orders.total > 10.0);
