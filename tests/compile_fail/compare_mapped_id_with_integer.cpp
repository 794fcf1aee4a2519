// A strong id compared with a plain integer: the mapping makes user_id a type of its own.
// expect: these operands have different SQL types and cannot be compared
// expect: rule::comparable_types<accounts_t::owner_column, ctql::sql_type::mapped<user_id>, ctql::value<int, int>, ctql::sql_type::integer>
#include <cstdint>

#include <ctql/sqlite.hpp>

struct user_id {
    std::int64_t value;
};
template <>
struct ctql::column_mapping<user_id> {
    using stored = std::int64_t;
    static stored to_stored(user_id id) { return id.value; }
    static user_id from_stored(stored v) { return user_id{v}; }
};

CTQL_TABLE(accounts, (id, std::int64_t, ctql::primary_key), (owner, user_id));

constexpr auto q = ctql::select(accounts.id).from(accounts).where(accounts.owner == 5);
