// default_value<5> on a decimal column: 5 on PostgreSQL, 5 units (0.05) as ctql stores it on SQLite.
// expect: a literal default_value is written into CREATE TABLE as SQL text, which is not how ctql stores a decimal
// expect: rule::literal_default_of_builtin_type<ledger_t::amount_column, ctql::decimal<10, 2>, ctql::default_value_t<5>
#include <ctql/sqlite.hpp>

using money = ctql::decimal<10, 2>;
CTQL_TABLE(ledger, (id, std::int64_t, ctql::primary_key), (amount, money, ctql::default_value<5>));

constexpr auto q = ctql::create_table(ledger);
