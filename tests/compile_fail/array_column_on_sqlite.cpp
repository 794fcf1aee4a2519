// A std::vector column (a PostgreSQL array) created on SQLite, which has no arrays.
// expect: SQLite has no array columns: a std::vector<T> column is a PostgreSQL array (T[]); on SQLite store the list as ctql::json
#include <cstdint>
#include <vector>

#include <ctql/sqlite.hpp>

CTQL_TABLE(bags, (id, std::int64_t, ctql::primary_key), (ints, std::vector<std::int64_t>));

int main() {
    ctql::sqlite::connection db{":memory:"};
    db(ctql::create_table(bags));
}
