// Comparing a text column with an integer value.
// expect: these operands have different SQL types and cannot be compared
// expect: rule::comparable_types<users_t::name_column, ctql::sql_type::text, ctql::value<int, int>, ctql::sql_type::integer>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto condition = users.name > 3;
