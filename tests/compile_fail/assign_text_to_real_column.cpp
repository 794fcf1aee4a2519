// Assigning a text value to a real column.
// expect: the value's SQL type does not match the column's type in this assignment
// expect: rule::assignable_types<users_t::score_column, ctql::sql_type::real,
// expect: ctql::sql_type::text>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));

constexpr auto q = ctql::update(users).set(users.score = "x").all_rows();
