// Decimals of two scales compared: SQLite would compare counts of different units.
// expect: decimals of different scales are compared
// expect: rule::decimal_scales_match<ledger_t::amount_column, ctql::sql_type::decimal<10, 2>, ledger_t::rate_column, ctql::sql_type::decimal<10, 4>
#include <ctql/sqlite.hpp>

using money_t = ctql::decimal<10, 2>;
using rate_t = ctql::decimal<10, 4>;
CTQL_TABLE(ledger, (id, std::int64_t, ctql::primary_key), (amount, money_t), (rate, rate_t));

constexpr auto q = ctql::select(ledger.id).from(ledger).where(ledger.amount > ledger.rate);
