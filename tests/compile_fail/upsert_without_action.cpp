// on_conflict(...) names the key but not what to do, and the statement is run.
// expect: on_conflict(...) needs .do_nothing() or .do_update(column = value, ...)
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

void run(ctql::sqlite::connection& db) { db(ctql::insert_into(users).set(users.id = 1, users.name = "Ada").on_conflict(users.id)); }
