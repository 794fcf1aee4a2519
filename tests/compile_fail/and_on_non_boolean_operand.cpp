// && between a condition and a text column.
// expect: the right operand of && / || must be a condition
// expect: rule::boolean_operand<users_t::name_column, ctql::sql_type::text>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto condition = (users.id > 1) && users.name;
