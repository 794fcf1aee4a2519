// Assigning a std::optional value to a NOT NULL column.
// expect: a NULL or optional value is assigned to a NOT NULL column
// expect: rule::null_only_into_nullable_column<users_t::name_column, ctql::value<std::optional<
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

void f(const std::optional<std::string>& name) {
    ctql::insert_into(users).set(users.name = name);
}
