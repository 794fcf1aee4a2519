#pragma once
// CREATE TABLE IF NOT EXISTS / DROP TABLE IF EXISTS, rendered from the schema.
#include <cstdint>
#include <type_traits>
#include <ctql/core/fixed_string.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace detail {
template <class Writer, auto Value>
constexpr void write_default(Writer& w) {
    using value_t = std::remove_cvref_t<decltype(Value)>;
    if constexpr (std::is_same_v<value_t, bool>) {
        w.put(Value ? "TRUE" : "FALSE");
    } else if constexpr (std::is_integral_v<value_t>) {
        w.put_signed(static_cast<std::int64_t>(Value));
    } else {
        // Text defaults: a string literal, with quotes doubled.
        w.put('\'');
        for (char c : Value.view()) {
            if (c == '\'') w.put('\'');
            w.put(c);
        }
        w.put('\'');
    }
}

template <class Column, class Writer>
constexpr void render_column_definition(Writer& w) {
    using dialect = typename Writer::dialect;
    using value_t = typename Column::value_type;
    using base_t = base_type_t<value_t>;
    Column::render_unqualified(w);
    w.put(' ');
    if constexpr (Column::is_generated) {
        dialect::template write_generated_primary_key<Writer, base_t>(w);
    } else {
        if constexpr (kind_of_v<value_t> == sql_kind::timestamp &&
                      contains_v<with_time_zone_t, typename Column::constraints>)
            w.put(dialect::timestamp_with_time_zone);
        else
            w.put(dialect::template type_name<base_t>());
        if constexpr (Column::is_primary_key) w.put(" PRIMARY KEY");
        if constexpr (!is_nullable_v<value_t>) w.put(" NOT NULL");
    }
    if constexpr (Column::is_unique) w.put(" UNIQUE");
    if constexpr (!std::is_void_v<typename Column::default_constraint>) {
        w.put(" DEFAULT ");
        write_default<Writer, Column::default_constraint::value>(w);
    }
    if constexpr (!std::is_void_v<typename Column::reference_constraint>) {
        using target = typename Column::reference_constraint::column;
        w.put(" REFERENCES ");
        w.identifier(target::table::ctql_sql_name.view());
        w.put(" (");
        target::render_unqualified(w);
        w.put(')');
    }
}

template <class ColumnList>
struct column_definitions;
template <class... Columns>
struct column_definitions<type_list<Columns...>> {
    template <class Writer>
    static constexpr void render(Writer& w) {
        bool first = true;
        ((w.put(first ? "" : ", "), render_column_definition<Columns>(w), first = false), ...);
    }
};
}  // namespace detail

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
