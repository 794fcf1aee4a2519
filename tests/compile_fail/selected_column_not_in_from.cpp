// A selected column whose table is not in FROM/JOIN: rejected when the SQL is rendered.
// expect: a column's table is not in this statement's FROM or JOIN
// expect: rule::table_is_in_from<orders_t,
// expect: orders_t::user_id_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t));

constexpr auto q = ctql::select(users.name, orders.user_id).from(users);
constexpr auto text = q.sql<ctql::dialect::sqlite>();
