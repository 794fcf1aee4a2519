// when() around a value that is neither a condition nor a sort key.
// expect: when() switches a condition (a boolean expression) or a sort key
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));

constexpr auto part = ctql::when(true, users.score);
