// A date column whose default is a timestamp.
// expect: ctql: a column's default has another SQL type than the column
// expect: rule::default_expression_has_column_type<events_t::day_column, ctql::sql_type::date, ctql::current_timestamp_expression, ctql::sql_type::timestamp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key),
           (day, std::chrono::sys_days, ctql::default_value<ctql::current_timestamp()>));

void f() {
    (void)ctql::create_table(events);
}
