// A WHERE condition on a column whose table is not in FROM/JOIN: rejected when the SQL is rendered
// (a subquery may read its outer query's tables, so a select is checked once it is complete).
// expect: a column's table is not in this statement's FROM or JOIN
// expect: rule::table_is_in_from<orders_t,
// expect: orders_t::total_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (total, double));

constexpr auto q = ctql::select(users.name).from(users).where(orders.total > 10.0);
constexpr auto text = q.sql<ctql::dialect::sqlite>();
