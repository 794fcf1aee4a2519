// A CHECK is stored as SQL text: there is nothing to bind a parameter to.
// expect: ctql: a parameter (ctql::param) cannot appear in a CHECK, an index or its WHERE
// expect: rule::no_parameter_in_schema<ctql::schema_place::check
#include <ctql/sqlite.hpp>

CTQL_TABLE(items, (id, std::int64_t, ctql::primary_key), (qty, std::int32_t));
CTQL_TABLE_CONSTRAINTS(items, ctql::check(items.qty > ctql::param<"min", std::int32_t>));
