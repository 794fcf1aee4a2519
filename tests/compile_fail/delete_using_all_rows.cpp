// DELETE ... USING without a condition relating the tables: every row would go whenever the other table has one.
// expect: a delete with using_() needs .where(condition) relating the tables
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t));

constexpr auto sql = decltype(ctql::delete_from(orders).using_(users).all_rows())::sql<ctql::dialect::postgres>();
