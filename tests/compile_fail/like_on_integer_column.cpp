// like() on an integer column.
// expect: like() applies to a text expression
// expect: rule::text_operand<users_t::id_column, ctql::sql_type::integer>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto condition = users.id.like("1%");
