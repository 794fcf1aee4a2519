// An argument names no placeholder of the SQL template (a typo).
// expect: an argument names no parameter of this statement
// expect: rule::argument_names_a_parameter<ctql::detail::name<'m', 'i', 'n', '_', 's', 'c', 'o', 'r'>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT name FROM users WHERE score > :min_score">(users);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"min_score">(1.0), ctql::arg<"min_scor">(2.0));
}
