// greatest() of a nullable column: SQLite and PostgreSQL disagree on NULL.
// expect: greatest() and least() take values that cannot be NULL
// expect: rule::not_nullable_operand<users_t::bonus_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double), (bonus, std::optional<double>));

constexpr auto best = ctql::greatest(users.score, users.bonus);
