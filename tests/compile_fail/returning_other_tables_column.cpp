// RETURNING names a column of a table the statement does not write.
// expect: RETURNING may only name columns of the table the statement writes to
// expect: rule::returning_reads_target_table<orders_t,
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t));

constexpr auto q = ctql::delete_from(users).where(users.id == 1).returning(users.id, orders.user_id);
