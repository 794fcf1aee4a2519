// SPDX-License-Identifier: MIT
#pragma once
// COPY t (columns) FROM STDIN (FORMAT binary): PostgreSQL's bulk load, for
// `insert_into(t).columns(...)` with a range of rows.
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

template <table_type Table, class... Columns>
struct copy_from_stdin {
    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("COPY ");
        w.identifier(Table::ctql_sql_name.view());
        detail::render_column_names<Columns...>(w);
        w.put(" FROM STDIN (FORMAT binary)");
    }
};

}  // namespace ctql
