// A HAVING condition that is an aggregate count, not a boolean expression.
// expect: a WHERE, HAVING or ON condition must be boolean
// expect: rule::boolean_condition<ctql::aggregate<ctql::fn::count, users_t::id_column,
// expect: ctql::sql_type::integer>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (city, std::string));

constexpr auto q = ctql::select(users.city).from(users).group_by(users.city).having(ctql::count(users.id));
