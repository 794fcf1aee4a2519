// system_clock::now() (nanoseconds) compared with a timestamp column (microseconds).
// expect: this time point is finer than microseconds
// expect: rule::time_point_at_most_microseconds<
#include <chrono>
#include <ctql/sqlite.hpp>

CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key), (at, ctql::timestamp));

void f(ctql::sqlite::connection& db) {
    db(ctql::select(events.id).from(events).where(events.at < std::chrono::system_clock::now()));
}
