// An aggregate in WHERE: rows are filtered before grouping, so it belongs in having().
// expect: an aggregate cannot be used in WHERE or ON
// expect: rule::not_an_aggregate<ctql::binary_expression<ctql::op::greater, ctql::aggregate<ctql::fn::count, users_t::id_column
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (city, std::string));

void f() {
    auto q = ctql::select(users.city).from(users).where(ctql::count(users.id) > 1);
    (void)q;
}
