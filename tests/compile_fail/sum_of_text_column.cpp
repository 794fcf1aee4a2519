// sum() over a text column.
// expect: sum() adds numbers; its operand is not numeric
// expect: rule::numeric_operand<users_t::name_column, ctql::sql_type::text>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto total = ctql::sum(users.name);
