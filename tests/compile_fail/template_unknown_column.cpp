// A SQL template names a column its table does not have (a typo).
// expect: names a column that no table of its FROM clause has
// expect: rule::sql_template_column_known<ctql::detail::name<'u', '.', 's', 'c', 'o', 'r'>, ctql::sql_offset<39>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT u.id, u.name FROM users u WHERE u.scor > :min">(users);
