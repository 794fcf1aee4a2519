// A marker table of the right columns but no key on (update_id, target_table):
// two loads could not be told apart.
// expect: a marker table for copy_to_table needs a key on (update_id, target_table)
#include <ctql/pipeline/copy_to_table.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(loads,
    (update_id,    std::string),
    (target_table, std::string),
    (inserted,     ctql::timestamp),
    (row_count,    std::int64_t));

void f(ctql::sqlite::connection& db, const std::vector<std::tuple<std::int64_t, std::string>>& rows) {
    ctql::copy_to_table(db, users, rows, {.update_id = "u1"}, loads);
}
