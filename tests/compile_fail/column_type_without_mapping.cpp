// A column of a type ctql does not know, with no ctql::column_mapping for it.
// expect: this column's C++ type is not a column type; map it once with a specialisation of ctql::column_mapping<T>
// expect: rule::column_type_is_mapped<accounts_t::owner_column, user_id>
#include <cstdint>

#include <ctql/sqlite.hpp>

struct user_id {
    std::int64_t value;
};

CTQL_TABLE(accounts, (id, std::int64_t, ctql::primary_key), (owner, user_id));

constexpr auto q = ctql::select(accounts.id).from(accounts);
