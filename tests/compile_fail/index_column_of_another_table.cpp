// One index over the columns of two tables.
// expect: ctql: an index's columns and expressions must all come from one table
// expect: rule::index_on_one_table<ctql::detail::name<'i', 'x'>, ctql::detail::type_list<items_t, users_t>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key));
CTQL_TABLE(items, (id, std::int64_t, ctql::primary_key), (qty, std::int32_t));
CTQL_TABLE_CONSTRAINTS(items, ctql::index<"ix">(items.qty, users.id));
