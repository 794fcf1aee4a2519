// A derived table's column that its query does not select.
// expect: the query of this derived table or CTE selects no column of this name
#include <ctql/sqlite.hpp>

CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t), (total, double));

constexpr auto totals = ctql::derived<"totals">(ctql::select(orders.user_id).from(orders));
constexpr auto spent = totals.column<"spent">();
