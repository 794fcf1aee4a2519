// CTQL_TABLE_BIND names something that is not a CTQL_TABLE.
// expect: ctql: CTQL_TABLE_BIND names a table declared with CTQL_TABLE
#include <ctql/pipeline/binds.hpp>
#include <ctql/sqlite.hpp>

struct events_t {};
CTQL_TABLE_BIND(events, "warehouse");

int main() {}
