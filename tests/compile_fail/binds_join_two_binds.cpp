// A join of tables of two binds, routed by the registry: one statement cannot
// run on two databases.
// expect: ctql: this statement uses tables of two binds
// expect: rule::statement_tables_share_one_bind<ctql::detail::name<'w', 'a', 'r', 'e', 'h', 'o', 'u', 's', 'e'>, events_t, ctql::detail::name<'r', 'e', 'p', 'o', 'r', 't', 'i', 'n', 'g'>, daily_totals_t>
#include <ctql/engine.hpp>
#include <ctql/pipeline/binds.hpp>

CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key), (day, std::string));
CTQL_TABLE_BIND(events, "warehouse");
CTQL_TABLE(daily_totals, (day, std::string, ctql::primary_key), (events, std::int64_t));
CTQL_TABLE_BIND(daily_totals, "reporting");

using namespace ctql;

int main() {
    bind_registry registry;
    registry(select(events.id, daily_totals.events).from(events).join(daily_totals).on(daily_totals.day == events.day));
}
