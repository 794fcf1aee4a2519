// The same named argument passed twice.
// expect: a named parameter is given more than one argument
// expect: rule::parameter_bound_once<ctql::detail::name<'m', 'i', 'n'>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::select(users.name).from(users).where(users.score > ctql::param<"min", double>);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"min">(1.0), ctql::arg<"min">(2.0));
}
