// INSERT ... SELECT whose query selects fewer values than the columns named.
// expect: the query selects a different number of values than columns() names
// expect: rule::query_selects_one_value_per_column<
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));
CTQL_TABLE(archive, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::insert_into(archive).columns(archive.id, archive.name, archive.score)
                       .select(ctql::select(users.id, users.name).from(users));
