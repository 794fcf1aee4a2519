// One parameter name declared with two different types in one statement.
// expect: one parameter name is declared with two different types in this statement
// expect: rule::parameter_declared_with_one_type<ctql::detail::name<'m', 'i', 'n'>, double, long
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::select(users.name).from(users).where(users.score > ctql::param<"min", double> &&
                                                              users.id > ctql::param<"min", std::int64_t>);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"min">(1.0));
}
