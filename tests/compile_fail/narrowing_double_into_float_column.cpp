// A double stored into a float (REAL) column: it may lose precision.
// expect: convert it explicitly with ctql::narrow<T>(value)
// expect: rule::value_fits_without_loss<readings_t::celsius_column, float, ctql::value<double, double>, double>
#include <ctql/sqlite.hpp>

CTQL_TABLE(readings, (id, std::int64_t, ctql::primary_key), (celsius, float));

constexpr auto q = ctql::insert_into(readings).set(readings.celsius = 21.5);
