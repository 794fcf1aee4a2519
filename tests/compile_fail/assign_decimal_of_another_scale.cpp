// A decimal of scale 3 assigned to a decimal column of scale 2: which digit is dropped?
// expect: a decimal of another scale is assigned to a decimal column; convert it with ctql::decimal_cast
// expect: rule::decimal_scales_match<ledger_t::amount_column, ctql::sql_type::decimal<10, 2>, ctql::value<ctql::decimal<10, 3>, ctql::decimal<10, 3>
#include <ctql/sqlite.hpp>

using money = ctql::decimal<10, 2>;
CTQL_TABLE(ledger, (id, std::int64_t, ctql::primary_key), (amount, money));

const auto q = ctql::insert_into(ledger).set(ledger.amount = ctql::decimal<10, 3>("1.005"));
