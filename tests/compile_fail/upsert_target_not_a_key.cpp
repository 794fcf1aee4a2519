// ON CONFLICT names a column that is neither the primary key nor unique: both databases refuse it when it runs.
// expect: the ON CONFLICT columns are not the primary key or a unique constraint
// expect: rule::conflict_target_is_a_key<users_t, users_t::name_column>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (email, std::string, ctql::unique));

constexpr auto q = ctql::insert_into(users).set(users.name = "Ada", users.email = "a@x").on_conflict(users.name).do_nothing();
