// A window frame without an order to move along.
// expect: a frame moves along an order: write .order_by(...) first
#include <ctql/sqlite.hpp>

CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (total, double));

constexpr auto running = ctql::sum(orders.total).over(ctql::window().rows_between(ctql::unbounded_preceding, ctql::current_row));
