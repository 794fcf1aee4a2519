// A CHECK on one table's columns declared with another table.
// expect: ctql: a constraint or index in CTQL_TABLE_CONSTRAINTS(t, ...) is about another table than t
// expect: rule::constraint_declared_on_its_table<items_t
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (age, std::int32_t));
CTQL_TABLE(items, (id, std::int64_t, ctql::primary_key), (qty, std::int32_t));
CTQL_TABLE_CONSTRAINTS(items, ctql::check(users.age > 17));
