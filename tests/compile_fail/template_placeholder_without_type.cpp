// A placeholder of a SQL template outside the resolved subset has no declared type.
// expect: a placeholder of this SQL template has no type
// expect: rule::sql_template_placeholder_typed<ctql::detail::name<'d', 'a', 'y', 's'>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"DELETE FROM users WHERE score < abs(:days)">(users);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"days">(1.0));
}
