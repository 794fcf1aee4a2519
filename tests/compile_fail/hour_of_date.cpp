// The hour of a DATE column: a date has no time of day.
// expect: a date has no time of day; hour_of(), minute_of() and second_of() take a timestamp
// expect: rule::timestamp_operand<events_t::due_column, ctql::sql_type::date>
#include <ctql/sqlite.hpp>

CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key), (due, std::chrono::sys_days));

constexpr auto q = ctql::select(ctql::hour_of(events.due)).from(events);
