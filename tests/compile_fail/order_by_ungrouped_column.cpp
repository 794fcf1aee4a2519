// ORDER BY names a column that is neither grouped nor aggregated.
// expect: a selected column is neither aggregated nor in GROUP BY
// expect: rule::column_is_grouped<users_t::name_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (city, std::string), (name, std::string));

constexpr auto q = ctql::select(users.city, ctql::count(users.id))
                       .from(users)
                       .group_by(users.city)
                       .order_by(users.name);
constexpr auto text = q.sql<ctql::dialect::postgres>();
