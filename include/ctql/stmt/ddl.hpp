// SPDX-License-Identifier: MIT
#pragma once
// CREATE TABLE IF NOT EXISTS / DROP TABLE IF EXISTS, rendered from the schema.
#include <ctql/core/type_list.hpp>
#include <ctql/schema/column_definition.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

template <table_type Table>
struct create_table_statement : statement_base<create_table_statement<Table>> {
    using result_row = void;
    using params = detail::type_list<>;
    static constexpr bool check() { return true; }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("CREATE TABLE IF NOT EXISTS ");
        w.identifier(Table::ctql_sql_name.view());
        w.put(" (");
        detail::column_definitions<typename Table::ctql_columns>::render(w);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <table_type Table>
struct drop_table_statement : statement_base<drop_table_statement<Table>> {
    using result_row = void;
    using params = detail::type_list<>;
    static constexpr bool check() { return true; }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("DROP TABLE IF EXISTS ");
        w.identifier(Table::ctql_sql_name.view());
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <table_type Table>
constexpr create_table_statement<Table> create_table(const Table&) {
    return {};
}
template <table_type Table>
constexpr drop_table_statement<Table> drop_table(const Table&) {
    return {};
}

}  // namespace ctql
