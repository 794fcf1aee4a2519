// A text argument for a double parameter.
// expect: an argument's type does not match its parameter's declared type
// expect: rule::argument_has_parameter_type<ctql::detail::name<'m', 'i', 'n'>, double, std::basic_string_view<char
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::select(users.name).from(users).where(users.score > ctql::param<"min", double>);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"min">("50"));
}
