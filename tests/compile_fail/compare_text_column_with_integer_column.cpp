// Comparing a text column with an integer column of another table (a wrong join key).
// expect: these operands have different SQL types and cannot be compared
// expect: rule::comparable_types<orders_t::user_id_column, ctql::sql_type::integer, users_t::name_column, ctql::sql_type::text>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t));

constexpr auto q = ctql::select(users.name).from(users).join(orders).on(orders.user_id == users.name);
