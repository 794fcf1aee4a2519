// Comparing a boolean column with an integer (write == true, or the column itself).
// expect: these operands have different SQL types and cannot be compared
// expect: rule::comparable_types<users_t::active_column, ctql::sql_type::boolean, ctql::value<int, int>, ctql::sql_type::integer>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (active, bool));

constexpr auto condition = users.active == 1;
