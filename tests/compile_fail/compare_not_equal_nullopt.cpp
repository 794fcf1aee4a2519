// != std::nullopt on a nullable column: never true in SQL; is_not_null() is meant.
// expect: comparing with NULL is never true in SQL; write column.is_null() or column.is_not_null()
// expect: rule::no_comparison_with_null<users_t::email_column, ctql::sql_type::text, ctql::null_value, ctql::sql_type::null>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (email, std::optional<std::string>));

constexpr auto condition = users.email != std::nullopt;
