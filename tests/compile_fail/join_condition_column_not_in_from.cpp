// A join's ON condition names a column of a table that is neither in FROM nor joined.
// expect: a column's table is not in this statement's FROM or JOIN
// expect: rule::table_is_in_from<payments_t,
// expect: payments_t::order_id_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t));
CTQL_TABLE(payments, (id, std::int64_t, ctql::primary_key), (order_id, std::int64_t));

constexpr auto q = ctql::select(users.name).from(users).join(orders).on(payments.order_id == orders.id);
