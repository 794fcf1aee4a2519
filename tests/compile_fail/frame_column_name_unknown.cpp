// A frame column is reached by a name the select has.
// expect: the frame has no column of that name
// expect: frame_has_exactly_one_column_named<ctql::rule::column_name<
#include <ctql/result/frame.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

void f(ctql::sqlite::connection& db) {
    const auto frame = ctql::to_frame(db(ctql::select(users.id, users.name).from(users)));
    (void)frame.column<"email">();
}
