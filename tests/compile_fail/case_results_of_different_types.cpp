// A CASE whose branches give text and a number.
// expect: the results of one CASE have different SQL types
// expect: rule::case_results_have_one_type<
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));

constexpr auto grade = ctql::case_when(users.score > 90.0, "A").else_(0);
