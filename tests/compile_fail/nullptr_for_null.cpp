// nullptr written where SQL NULL was meant.
// expect: nullptr is not SQL NULL: write ctql::null (or std::nullopt) for NULL
// expect: rule::nullptr_is_not_null<std::nullptr_t
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (email, std::optional<std::string>));

constexpr auto q = ctql::update(users).set(users.email = nullptr).all_rows();
