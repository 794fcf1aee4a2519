// A bare selected column that is neither in GROUP BY nor aggregated, next to an aggregate.
// expect: a selected column is neither aggregated nor in GROUP BY
// expect: rule::column_is_grouped<users_t::name_column, ctql::detail::type_list<users_t::city_column>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (city, std::string));

constexpr auto q = ctql::select(users.city, users.name, ctql::count(users.id)).from(users).group_by(users.city);
constexpr auto text = q.sql<ctql::dialect::sqlite>();
