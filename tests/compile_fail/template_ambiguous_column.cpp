// An unqualified column of a SQL template is in two of its tables.
// expect: is in more than one of its tables; qualify it
// expect: rule::sql_template_column_unambiguous<ctql::detail::name<'i', 'd'>
#include <ctql/sqlite.hpp>
#include <ctql/pipeline/sql_template.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t), (total, double));

constexpr auto q = ctql::sql_template<"SELECT id, name FROM users JOIN orders ON user_id = users.id">(users, orders);
