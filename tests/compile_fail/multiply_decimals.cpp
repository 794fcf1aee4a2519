// Two decimals multiplied: the product has the sum of their scales, not the column's.
// expect: decimals add and subtract decimals, and multiply by integers
// expect: rule::decimal_arithmetic<ctql::op::multiplies, ledger_t::amount_column, ctql::sql_type::decimal<10, 2>, ledger_t::amount_column, ctql::sql_type::decimal<10, 2>
#include <ctql/sqlite.hpp>

using money = ctql::decimal<10, 2>;
CTQL_TABLE(ledger, (id, std::int64_t, ctql::primary_key), (amount, money));

constexpr auto q = ctql::select(ledger.amount * ledger.amount).from(ledger);
