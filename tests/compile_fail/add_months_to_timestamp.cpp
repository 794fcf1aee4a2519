// Adding std::chrono::months to a timestamp: a month has no fixed length.
// expect: months and years have no fixed length
// expect: rule::fixed_length_duration<std::chrono::duration<
#include <ctql/sqlite.hpp>

CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key), (at, ctql::timestamp));

constexpr auto q = ctql::select(events.at + std::chrono::months{1}).from(events);
