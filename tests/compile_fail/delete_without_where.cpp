// A delete with neither .where() nor .all_rows(), rendered to SQL.
// expect: a delete needs .where(condition), or .all_rows() to delete every row on purpose
// expect: rule::update_or_delete_has_where<users_t, ctql::missing_where>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));

constexpr auto q = ctql::delete_from(users);
constexpr auto text = q.sql<ctql::dialect::sqlite>();
