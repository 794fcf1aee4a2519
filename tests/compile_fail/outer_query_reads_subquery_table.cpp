// The outer query reads a table that only its subquery has in FROM.
// expect: a column's table is not in this statement's FROM or JOIN
// expect: rule::table_is_in_from<orders_t,
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t), (total, double));

constexpr auto q = ctql::select(users.name, orders.total)
                       .from(users)
                       .where(ctql::exists(ctql::select(orders.id).from(orders).where(orders.user_id == users.id)));
constexpr auto text = q.sql<ctql::dialect::postgres>();
