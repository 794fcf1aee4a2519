// A union of a text column and a number column.
// expect: the selects of a union, intersect or except have columns of different types
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto q = ctql::union_all(ctql::select(users.name).from(users), ctql::select(users.id).from(users));
