// copy_to_table from delimited text into a table with an array column.
// expect: an array column cannot be read from delimited text; load it from a range of rows
#include <sstream>
#include <vector>

#include <ctql/pipeline/copy_to_table.hpp>
#include <ctql/postgres.hpp>

CTQL_TABLE(samples, (id, std::int64_t, ctql::primary_key), (values, std::vector<double>));

void f(ctql::postgres::connection& db, std::istringstream& in) {
    ctql::copy_to_table(db, samples, ctql::delimited(in));
}
