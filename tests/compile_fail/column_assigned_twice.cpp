// An insert that sets the same column twice.
// expect: a column is assigned more than once in one statement
// expect: rule::column_set_once<users_t::name_column>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto q = ctql::insert_into(users).set(users.name = "Ada", users.name = "Grace");
