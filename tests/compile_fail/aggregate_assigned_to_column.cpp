// An update that assigns an aggregate to a column.
// expect: an aggregate cannot be assigned to a column
// expect: rule::not_an_aggregate<ctql::aggregate<ctql::fn::sum, users_t::score_column,
// expect: ctql::sql_type::real>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, std::optional<double>));

constexpr auto q = ctql::update(users).set(users.score = ctql::sum(users.score)).all_rows();
