// An update with neither .where() nor .all_rows(), run on a connection.
// expect: an update needs .where(condition), or .all_rows() to change every row on purpose
// expect: rule::update_or_delete_has_where<users_t, ctql::missing_where>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));

void f(ctql::sqlite::connection& db) {
    db(ctql::update(users).set(users.score = 0.0));
}
