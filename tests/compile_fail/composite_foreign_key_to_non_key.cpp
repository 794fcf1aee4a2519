// Two columns reference two columns of which only one is a key, not the pair.
// expect: ctql: a foreign key must reference the primary key or a unique key of the referenced table
// expect: rule::foreign_key_references_a_key<notes_t, ctql::detail::type_list<notes_t::line_id_column, notes_t::kind_column>, lines_t, ctql::detail::type_list<lines_t::id_column, lines_t::kind_column>
#include <ctql/sqlite.hpp>

CTQL_TABLE(lines, (id, std::int64_t, ctql::primary_key), (kind, std::string));
CTQL_TABLE(notes, (id, std::int64_t, ctql::primary_key), (line_id, std::int64_t), (kind, std::string));
CTQL_TABLE_CONSTRAINTS(notes, ctql::foreign_key(notes.line_id, notes.kind).references(lines.id, lines.kind));

void f() {
    (void)ctql::create_all(lines, notes);
}
