// INSERT ... SELECT puts a text value into a real column.
// expect: a selected value's SQL type does not match the type of the column it is inserted into
// expect: archive_t::score_column
// expect: users_t::name_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));
CTQL_TABLE(archive, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

constexpr auto q = ctql::insert_into(archive).columns(archive.id, archive.name, archive.score)
                       .select(ctql::select(users.id, users.name, users.name).from(users));
