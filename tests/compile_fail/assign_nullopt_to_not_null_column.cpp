// Assigning std::nullopt to a NOT NULL column.
// expect: a NULL or optional value is assigned to a NOT NULL column
// expect: rule::null_only_into_nullable_column<users_t::name_column, ctql::null_value>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto q = ctql::insert_into(users).set(users.name = std::nullopt);
