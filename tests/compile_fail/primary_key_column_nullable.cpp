// A composite primary key over a column that may be NULL.
// expect: ctql: a primary key column cannot be NULL
// expect: rule::primary_key_column_not_nullable
#include <ctql/sqlite.hpp>

CTQL_TABLE(lines, (order_id, std::int64_t), (line, std::optional<std::int32_t>));
CTQL_TABLE_CONSTRAINTS(lines, ctql::primary_key(lines.order_id, lines.line));
