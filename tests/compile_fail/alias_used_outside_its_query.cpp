// An alias joined in a subquery, read by the outer query.
// expect: a column's table is not in this statement's FROM or JOIN
// expect: rule::table_is_in_from<staff_t::ctql_aliased<ctql::detail::alias_name<
#include <ctql/sqlite.hpp>

CTQL_TABLE(staff, (id, std::int64_t, ctql::primary_key), (manager_id, std::int64_t));

constexpr auto boss = ctql::alias<"boss">(staff);
constexpr auto q = ctql::select(staff.id, boss.id)
                       .from(staff)
                       .where(ctql::exists(ctql::select(boss.id).from(boss).where(boss.id == staff.manager_id)));
constexpr auto text = q.sql<ctql::dialect::sqlite>();
