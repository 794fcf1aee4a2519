// An aggregate inside another aggregate.
// expect: an aggregate cannot contain another aggregate
// expect: rule::not_an_aggregate<ctql::aggregate<ctql::fn::count, users_t::id_column,
// expect: ctql::sql_type::integer>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (score, double));

constexpr auto total = ctql::sum(ctql::count(users.id));
