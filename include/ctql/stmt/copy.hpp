// SPDX-License-Identifier: MIT
#pragma once
// The bulk loads of `insert_into(t).columns(...)` with a range of rows:
// PostgreSQL's COPY t (columns) FROM STDIN (FORMAT binary), and SQLite's
// INSERT of several rows per statement.
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

// INSERT INTO t (columns) VALUES (?, ?), (?, ?), ...: `Rows` rows per
// statement, which SQLite runs about twice as fast as one row per statement
// (one VDBE program start and one sqlite3_step per chunk instead of per row).
template <table_type Table, std::size_t Rows, class... Columns>
struct multi_row_insert {
    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("INSERT INTO ");
        w.identifier(Table::ctql_sql_name.view());
        detail::render_column_names<Columns...>(w);
        w.put(" VALUES ");
        for (std::size_t row = 0; row < Rows; ++row) {
            w.put(row == 0 ? "(" : ", (");
            for (std::size_t i = 0; i < sizeof...(Columns); ++i) {
                if (i != 0) w.put(", ");
                w.placeholder();
            }
            w.put(')');
        }
    }
};

}  // namespace ctql
