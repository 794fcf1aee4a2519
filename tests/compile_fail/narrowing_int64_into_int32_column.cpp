// A std::int64_t value assigned to a 32-bit column: it may not fit.
// expect: a narrowing conversion
// expect: rule::value_fits_without_loss<counters_t::hits_column, int, ctql::value<long
#include <ctql/sqlite.hpp>

CTQL_TABLE(counters, (id, std::int64_t, ctql::primary_key), (hits, std::int32_t));

void f(ctql::sqlite::connection& db, std::int64_t hits) {
    db(ctql::update(counters).set(counters.hits = hits).all_rows());
}
