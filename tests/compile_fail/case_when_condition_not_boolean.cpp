// case_when() with a value where a condition belongs.
// expect: a WHEN of case_when() is a condition (a boolean expression)
// expect: rule::boolean_condition<users_t::score_column, ctql::sql_type::real>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));

constexpr auto grade = ctql::case_when(users.score, "A");
