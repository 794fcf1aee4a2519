// SUM of a text column in a resolved SQL template is refused, by the rule ctql::sum() applies, at the sql_template call.
// expect: SUM() in this SQL template adds numbers; the column it reads is not numeric
// expect: numeric_operand<users_t::name_column, ctql::sql_type::text>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT SUM(name) FROM users">(users);

void f(ctql::sqlite::connection& db) {
    db(q);
}
