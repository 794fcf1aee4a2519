// min() of a boolean, which PostgreSQL refuses.
// expect: min() and max() take no boolean or blob
// expect: rule::min_max_operand_orders_alike<users_t::active_column, ctql::sql_type::boolean>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (active, bool));

constexpr auto q = ctql::select(ctql::min(users.active)).from(users);
