// % on a real column: SQL's % is for integers.
// expect: % needs integer operands
// expect: rule::integer_operand<users_t::score_column, ctql::sql_type::real>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));

constexpr auto q = ctql::select(users.score % 2).from(users);
