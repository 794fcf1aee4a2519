// An argument's type does not match the type inferred from the column its placeholder meets.
// expect: an argument's type does not match its parameter's declared type
// expect: rule::argument_has_parameter_type<ctql::detail::name<'n', 'a', 'm', 'e'>, std::
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"UPDATE users SET score = :score WHERE name = :name">(users);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"score">(1.0), ctql::arg<"name">(42));
}
