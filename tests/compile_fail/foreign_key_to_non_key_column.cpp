// A column references a column that is neither a primary key nor unique.
// expect: ctql: a foreign key must reference the primary key or a unique key of the referenced table
// expect: rule::foreign_key_references_a_key<orders_t, ctql::detail::type_list<orders_t::user_name_column>, users_t, ctql::detail::type_list<users_t::name_column>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_name, std::string, ctql::references<users.name>));

void f(ctql::sqlite::connection& db) {
    db(ctql::create_table(orders));
}
