// create_index<"name"> of a name the table does not declare.
// expect: ctql: the table has no index of this name
// expect: rule::table_has_index<items_t, ctql::detail::name<'i', 'x', '_', 'n', 'a', 'm', 'e'>
#include <ctql/sqlite.hpp>

CTQL_TABLE(items, (id, std::int64_t, ctql::primary_key), (qty, std::int32_t), (name, std::string));
CTQL_TABLE_CONSTRAINTS(items, ctql::index<"ix_qty">(items.qty));

void f() {
    (void)ctql::create_index<"ix_name">(items);
}
