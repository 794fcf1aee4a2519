// SPDX-License-Identifier: MIT
#pragma once
// ALTER TABLE ... ADD COLUMN / DROP COLUMN for one declared column, the steps
// a schema change between two versions of a table is made of:
//
//   add_column(events.source)     ALTER TABLE "events" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'app'
//   drop_column(events.source)    ALTER TABLE "events" DROP COLUMN "source"
//
// The column is written as CREATE TABLE writes it (type, NOT NULL, default,
// UNIQUE, REFERENCES). The databases add limits of their own that only a live
// table shows: a NOT NULL column without a default cannot be added to a table
// with rows (PostgreSQL) or at all (SQLite), and SQLite adds no UNIQUE column
// and no column whose default is not a constant. drop_column loses the
// column's data: a migration counts it as destructive (pipeline/migration.hpp).
#include <ctql/core/type_list.hpp>
#include <ctql/schema/column.hpp>
#include <ctql/schema/column_definition.hpp>
#include <ctql/stmt/ddl/create_table.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace rule {
template <class Column>
inline constexpr bool added_column_is_not_the_primary_key = false;
}  // namespace rule

template <column_type Column>
struct add_column_statement : statement_base<add_column_statement<Column>> {
    using result_row = void;
    using params = detail::type_list<>;
    using table = typename Column::table;
    using column = Column;
    static constexpr bool creates = true;
    static constexpr bool drops_data = false;
    static constexpr bool check() {
        if constexpr (Column::is_primary_key) {
            static_assert(rule::added_column_is_not_the_primary_key<Column>,
                          "ctql: add_column() cannot add a table's primary key column to an existing table (SQLite "
                          "refuses it, and the rows there have no key values): create the table with its key, or "
                          "copy the rows into a new table");
            return false;
        } else {
            return detail::check_table_definition<table>();
        }
    }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("ALTER TABLE ");
        w.identifier(table::ctql_sql_name.view());
        w.put(" ADD COLUMN ");
        detail::render_column_definition<Column>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <column_type Column>
struct drop_column_statement : statement_base<drop_column_statement<Column>> {
    using result_row = void;
    using params = detail::type_list<>;
    using table = typename Column::table;
    using column = Column;
    static constexpr bool creates = false;
    static constexpr bool drops_data = true;
    static constexpr bool check() { return true; }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("ALTER TABLE ");
        w.identifier(table::ctql_sql_name.view());
        w.put(" DROP COLUMN ");
        Column::render_unqualified(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <column_type Column>
constexpr add_column_statement<Column> add_column(const Column&) {
    static_assert(add_column_statement<Column>::check());
    return {};
}
template <column_type Column>
constexpr drop_column_statement<Column> drop_column(const Column&) {
    return {};
}

}  // namespace ctql
