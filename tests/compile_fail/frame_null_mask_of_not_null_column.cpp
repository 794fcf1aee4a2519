// A NOT NULL column has no null mask in a frame: asking for one does not compile.
// expect: ctql: data_frame null_mask(): this column is NOT NULL and has no null mask
#include <ctql/result/frame.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

void f(ctql::sqlite::connection& db) {
    const auto frame = ctql::to_frame(db(ctql::select(users.id, users.name).from(users)));
    (void)frame.null_mask<"name">();
}
