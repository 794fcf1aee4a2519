// A text column referencing an integer key.
// expect: ctql: a foreign key column has another SQL type than the column it references
// expect: rule::foreign_key_column_type_matches<notes_t::user_code_column, ctql::sql_type::text, users_t::id_column, ctql::sql_type::integer>
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key));
CTQL_TABLE(notes, (id, std::int64_t, ctql::primary_key), (user_code, std::string));
CTQL_TABLE_CONSTRAINTS(notes, ctql::foreign_key(notes.user_code).references(users.id));
