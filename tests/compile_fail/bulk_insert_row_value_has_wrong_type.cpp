// A bulk insert whose rows hold an integer for a text column.
// expect: a row value's SQL type does not match its column's type
// expect: rule::assignable_types<users_t::name_column, ctql::sql_type::text, ctql::value<int, int>, ctql::sql_type::integer>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

void f(ctql::sqlite::connection& db, const std::vector<std::tuple<int>>& rows) {
    db(ctql::insert_into(users).columns(users.name), rows);
}
