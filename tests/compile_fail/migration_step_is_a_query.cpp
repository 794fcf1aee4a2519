// A select is not a migration step: a step is DDL, or SQL text.
// expect: a migration step is a ctql DDL statement
// expect: migration_step_is_a_ddl_statement
#include <ctql/pipeline/migrations.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (name, std::string));

const ctql::migration m{.id = "0001", .up = {ctql::select(users.name).from(users)}};
