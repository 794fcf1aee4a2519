// Assigning ctql::null to a NOT NULL column.
// expect: a NULL or optional value is assigned to a NOT NULL column
// expect: rule::null_only_into_nullable_column<users_t::name_column, ctql::null_value>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto q = ctql::update(users).set(users.name = ctql::null).all_rows();
