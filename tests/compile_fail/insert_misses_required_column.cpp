// An insert that leaves out a NOT NULL column without a default.
// expect: an insert must set every NOT NULL column that has no default
// expect: rule::required_column_is_set<users_t::name_column, users_t>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users,
    (id,    std::int64_t, ctql::primary_key),
    (name,  std::string),
    (score, double, ctql::default_value<0>));

constexpr auto q = ctql::insert_into(users).set(users.score = 1.0);
