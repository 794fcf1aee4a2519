// ON DELETE SET NULL on a column that cannot be NULL.
// expect: ctql: a foreign key with ctql::set_null sets its columns to NULL, and they are NOT NULL
// expect: rule::set_null_only_on_nullable_columns<orders_t, ctql::detail::type_list<orders_t::user_id_column>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key),
           (user_id, std::int64_t, ctql::references<users.id>.on_delete(ctql::set_null)));

void f() {
    (void)ctql::create_table(orders);
}
