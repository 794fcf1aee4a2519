// A column marked primary_key and a composite primary key on the same table.
// expect: ctql: a table has one primary key
// expect: rule::one_primary_key<lines_t>
#include <ctql/sqlite.hpp>

CTQL_TABLE(lines, (id, std::int64_t, ctql::primary_key), (order_id, std::int64_t), (line, std::int32_t));
CTQL_TABLE_CONSTRAINTS(lines, ctql::primary_key(lines.order_id, lines.line));
