// A SQL template names a table that is not among the tables it is given.
// expect: names a table that is not among the tables given to sql_template
// expect: rule::sql_template_table_known<ctql::detail::name<'o', 'r', 'd', 'e', 'r', 's'>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT id FROM orders WHERE id = :id">(users);
