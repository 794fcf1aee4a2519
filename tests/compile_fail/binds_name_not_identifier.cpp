// A bind name that cannot be a [database.<name>] section or part of an
// environment variable's name.
// expect: ctql: the bind name in CTQL_TABLE_BIND is not an identifier
// expect: rule::bind_name_is_an_identifier<events_t, ctql::detail::name<'W', 'a', 'r', 'e', '-', 'h', 'o', 'u', 's', 'e'>
#include <ctql/pipeline/binds.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key));
CTQL_TABLE_BIND(events, "Ware-house");

int main() {}
