// An insert into one table sets a column of another table.
// expect: this column belongs to another table than the one the statement writes to
// expect: rule::column_is_of_target_table<orders_t::total_column, users_t>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (total, double));

constexpr auto q = ctql::insert_into(users).set(users.name = "Ada", orders.total = 1.0);
