// A placeholder of a SQL template is given no argument at the call.
// expect: a named parameter of this statement has no argument
// expect: rule::parameter_has_argument<ctql::detail::name<'m', 'a', 'x'>, double>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT name FROM users WHERE score BETWEEN :min AND :max">(users);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"min">(1.0));
}
