// An argument whose name (a typo) matches no parameter of the statement.
// expect: an argument names no parameter of this statement; check the spelling
// expect: rule::argument_names_a_parameter<ctql::detail::name<'m', 'n', 'i'>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::select(users.name).from(users).where(users.score > ctql::param<"min", double>);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"min">(1.0), ctql::arg<"mni">(2.0));
}
