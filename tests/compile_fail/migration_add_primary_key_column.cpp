// add_column() of the table's primary key: the rows there would have no key values.
// expect: add_column() cannot add a table's primary key column to an existing table
// expect: added_column_is_not_the_primary_key
#include <ctql/pipeline/migrations.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

const ctql::migration m{.id = "0002", .up = {ctql::add_column(users.id)}};
