// SUM of a text column in a resolved SQL template is refused by the same rule as ctql::sum().
// expect: sum() adds numbers; its operand is not numeric
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::sql_template<"SELECT SUM(name) FROM users">(users);

void f(ctql::sqlite::connection& db) {
    db(q);
}
