// A std::vector column (a PostgreSQL array) read from SQLite, which has no arrays.
// expect: SQLite has no array columns: a std::vector<T> column is a PostgreSQL array (T[])
#include <cstdint>
#include <vector>

#include <ctql/sqlite.hpp>

CTQL_TABLE(bags, (id, std::int64_t, ctql::primary_key), (ints, std::vector<std::int64_t>));

int main() {
    ctql::sqlite::connection db{":memory:"};
    for (const auto& row : db(ctql::select(bags.ints).from(bags))) (void)row;
}
