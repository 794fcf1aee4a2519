// A column of a SQL template is qualified by a name that is no table or alias of its FROM clause.
// expect: is qualified by a name that is no table or alias of its FROM clause
// expect: rule::sql_template_table_or_alias_known<ctql::detail::name<'x'>, ctql::sql_offset<7>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto q = ctql::sql_template<"SELECT x.id FROM users u">(users);
