// Two indexes of one table under one name.
// expect: ctql: two indexes of a table have the same name
// expect: rule::index_name_used_once<items_t, ctql::detail::name<'i', 'x'>
#include <ctql/sqlite.hpp>

CTQL_TABLE(items, (id, std::int64_t, ctql::primary_key), (qty, std::int32_t), (name, std::string));
CTQL_TABLE_CONSTRAINTS(items, ctql::index<"ix">(items.qty), ctql::index<"ix">(items.name));
