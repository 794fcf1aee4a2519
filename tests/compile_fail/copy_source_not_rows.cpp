// copy_to_table given a single value where rows belong.
// expect: copy_to_table loads a range of rows (tuples or Hana-adapted structs) or ctql::delimited(stream)
#include <ctql/pipeline/copy_to_table.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

void f(ctql::sqlite::connection& db) {
    ctql::copy_to_table(db, users, 42);
}
