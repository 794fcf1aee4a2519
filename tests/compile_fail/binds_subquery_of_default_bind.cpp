// A subquery reads a table of the default bind (no CTQL_TABLE_BIND) inside a
// statement on the warehouse bind: the default counts as a bind of its own.
// expect: ctql: this statement uses tables of two binds
// expect: rule::statement_tables_share_one_bind<ctql::detail::name<'w', 'a', 'r', 'e', 'h', 'o', 'u', 's', 'e'>, events_t, ctql::detail::name<'d', 'e', 'f', 'a', 'u', 'l', 't'>, people_t>
#include <ctql/engine.hpp>
#include <ctql/pipeline/binds.hpp>

CTQL_TABLE(people, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key), (person_id, std::int64_t));
CTQL_TABLE_BIND(events, "warehouse");

using namespace ctql;

constexpr auto known_people = delete_from(events).where(events.person_id.in(select(people.id).from(people)));
static_assert(statement_bind_v<decltype(known_people)> == "warehouse");

int main() {}
