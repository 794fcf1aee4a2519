// A NULL argument for a parameter that is not declared std::optional.
// expect: a NULL argument is given for a parameter whose type is not std::optional
// expect: rule::null_argument_only_for_optional_parameter<ctql::detail::name<'m', 'i', 'n'>, double>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::select(users.name).from(users).where(users.score > ctql::param<"min", double>);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"min">(ctql::null));
}
