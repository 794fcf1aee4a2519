// Two tables reference each other: neither can be created first.
// expect: ctql: these tables reference each other in a cycle
// expect: rule::tables_reference_each_other_in_no_cycle<ctql::detail::type_list<teams_t, people_t>
#include <ctql/sqlite.hpp>

CTQL_TABLE(regions, (id, std::int64_t, ctql::primary_key));
CTQL_TABLE(people, (id, std::int64_t, ctql::primary_key), (team_id, std::int64_t));
CTQL_TABLE(teams, (id, std::int64_t, ctql::primary_key), (lead_id, std::int64_t, ctql::references<people.id>));
CTQL_TABLE_CONSTRAINTS(people, ctql::foreign_key(people.team_id).references(teams.id));

void f(ctql::sqlite::connection& db) {
    ctql::create_all(db, regions, teams, people);
}
