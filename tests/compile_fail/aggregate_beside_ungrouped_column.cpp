// An aggregate next to a bare column with no GROUP BY at all: rejected when the statement runs.
// expect: a selected column is neither aggregated nor in GROUP BY
// expect: rule::column_is_grouped<users_t::name_column, ctql::detail::type_list<>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string), (score, double));

void f(ctql::sqlite::connection& db) {
    db(ctql::select(users.name, ctql::max(users.score)).from(users));
}
