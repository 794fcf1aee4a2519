// The same table joined twice without an alias: its columns could not tell the two apart.
// expect: this table is already in FROM or JOIN; to use it twice, give each use its own name with ctql::alias
#include <ctql/sqlite.hpp>

CTQL_TABLE(staff, (id, std::int64_t, ctql::primary_key), (manager_id, std::int64_t));

constexpr auto q = ctql::select(staff.id).from(staff).join(staff).on(staff.manager_id == staff.id);
