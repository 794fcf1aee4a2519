// A default computed from a column: a default reads no column.
// expect: ctql: a default computed by an expression reads no column and no parameter
// expect: rule::default_expression_reads_no_column<events_t::copy_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(sources, (id, std::int64_t, ctql::primary_key), (at, ctql::timestamp));
CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key), (copy, ctql::timestamp, ctql::default_value<sources.at>));

void f() {
    (void)ctql::create_table(events);
}
