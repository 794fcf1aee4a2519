// A quoted string in a SQL template is never closed: the offset of its quote is named.
// expect: a quoted string in this SQL template is never closed
// expect: rule::sql_template_string_terminated<ctql::detail::name<'\'', 'A', 'd', 'a'>, ctql::sql_offset<34>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto q = ctql::sql_template<"SELECT id FROM users WHERE name = 'Ada">(users);
