// A SELECT template outside the resolved subset must declare its outputs.
// expect: this SELECT template is outside the subset resolved at compile time
// expect: rule::sql_template_outputs_declared<ctql::sql_offset<21>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT id FROM users UNION SELECT 1">(users);

void f(ctql::sqlite::connection& db) {
    db(q);
}
