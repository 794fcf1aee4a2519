// An ORDER BY column whose table is not in FROM/JOIN: rejected when the statement runs.
// expect: a column's table is not in this statement's FROM or JOIN
// expect: rule::table_is_in_from<orders_t,
// expect: orders_t::total_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (total, double));

void f(ctql::sqlite::connection& db) {
    db(ctql::select(users.name).from(users).order_by(orders.total));
}
