// A WHERE condition that is a real column, not a boolean expression.
// expect: a WHERE, HAVING or ON condition must be boolean
// expect: rule::boolean_condition<users_t::score_column, ctql::sql_type::real>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));

constexpr auto q = ctql::select(users.id).from(users).where(users.score);
