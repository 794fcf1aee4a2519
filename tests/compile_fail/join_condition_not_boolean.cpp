// A join's ON condition that is an integer column, not a boolean expression.
// expect: a WHERE, HAVING or ON condition must be boolean
// expect: rule::boolean_condition<orders_t::user_id_column, ctql::sql_type::integer>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t));

constexpr auto q = ctql::select(users.name).from(users).join(orders).on(orders.user_id);
