// A statement with a named parameter run without an argument for it.
// expect: a named parameter of this statement has no argument
// expect: rule::parameter_has_argument<ctql::detail::name<'m', 'i', 'n'>, double>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::select(users.name).from(users).where(users.score > ctql::param<"min", double>);

void f(ctql::sqlite::connection& db) {
    db(q);
}
