// Arithmetic on a text column.
// expect: arithmetic needs numbers; the left operand is not an integer or real expression
// expect: rule::numeric_operand<users_t::name_column, ctql::sql_type::text>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto q = ctql::select(users.name + 1).from(users);
