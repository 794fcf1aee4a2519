// An input of a resolved SQL template is declared with another type than the column it meets.
// expect: is declared with another type than the column it meets
// expect: rule::sql_template_input_declared_as_its_column<ctql::detail::name<'m', 'i', 'n'>, double, int>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT name FROM users WHERE score > :min">(users).inputs(ctql::param<"min", int>);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"min">(1));
}
