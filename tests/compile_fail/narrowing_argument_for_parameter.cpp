// A std::int64_t argument for a parameter declared std::int32_t.
// expect: an argument may not fit its parameter's declared type
// expect: rule::argument_fits_without_loss<ctql::detail::name<'n'>, int, long
#include <ctql/sqlite.hpp>

CTQL_TABLE(counters, (id, std::int64_t, ctql::primary_key), (hits, std::int32_t));

void f(ctql::sqlite::connection& db, std::int64_t n) {
    db(ctql::select(counters.id).from(counters).where(counters.hits > ctql::param<"n", std::int32_t>), ctql::arg<"n">(n));
}
