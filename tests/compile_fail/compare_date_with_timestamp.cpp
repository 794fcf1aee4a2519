// Comparing a DATE column with a TIMESTAMP column: midnight or the whole day? Cast one of them.
// expect: these operands have different SQL types and cannot be compared
// expect: rule::comparable_types<events_t::due_column, ctql::sql_type::date, events_t::at_column, ctql::sql_type::timestamp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key), (at, ctql::timestamp), (due, std::chrono::sys_days));

constexpr auto q = ctql::select(events.id).from(events).where(events.due == events.at);
