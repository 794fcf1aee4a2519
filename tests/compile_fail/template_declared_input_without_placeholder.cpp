// An input declared for a SQL template has no placeholder in its text.
// expect: an input declared for this SQL template has no placeholder :name in its text
// expect: rule::sql_template_input_has_placeholder<ctql::detail::name<'l', 'i', 'm', 'i', 't'>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT name FROM users WHERE score > :min">(users)
                       .inputs(ctql::param<"limit", std::int64_t>);

void f(ctql::sqlite::connection& db) {
    db(q, ctql::arg<"min">(1.0));
}
