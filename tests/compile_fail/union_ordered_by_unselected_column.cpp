// A union ordered by a column its first select does not select.
// expect: a union, intersect or except is ordered by the columns its first select selects
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto q = ctql::union_all(ctql::select(users.name).from(users), ctql::select(users.name).from(users))
                       .order_by(users.id);
