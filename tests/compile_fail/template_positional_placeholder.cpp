// A SQL template uses a positional placeholder instead of a named one.
// expect: has a positional placeholder (? or $1); write a named one, :name
// expect: rule::sql_template_uses_named_placeholders<ctql::detail::name<'?'
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT name FROM users WHERE id = ?">(users);
