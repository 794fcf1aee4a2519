// in() with a subquery that selects two columns.
// expect: the subquery of in() must select exactly one column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t));

constexpr auto q = ctql::select(users.name).from(users).where(users.id.in(ctql::select(orders.user_id, orders.id).from(orders)));
