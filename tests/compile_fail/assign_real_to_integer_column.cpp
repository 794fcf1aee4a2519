// Assigning a real value to an integer column (an integer widens to a real, not the reverse).
// expect: the value's SQL type does not match the column's type in this assignment
// expect: rule::assignable_types<users_t::age_column, ctql::sql_type::integer, ctql::value<double, double>, ctql::sql_type::real>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (age, std::int64_t));

constexpr auto q = ctql::update(users).set(users.age = 1.5).all_rows();
