// SPDX-License-Identifier: MIT
#pragma once
// A column as CREATE TABLE declares it: name, the dialect's type, constraints.
#include <cstdint>
#include <type_traits>

#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/render/literal.hpp>
#include <ctql/schema/column.hpp>
#include <ctql/schema/constraints.hpp>

namespace ctql {

namespace detail {
template <auto Expression>
struct default_expression_values {
    template <class Visitor>
    static constexpr void each_value(Visitor& visit) {
        Expression.each_value(visit);
    }
};

template <class Writer, auto Value>
constexpr void write_default(Writer& w) {
    using value_t = std::remove_cvref_t<decltype(Value)>;
    if constexpr (sql_expression<value_t>) {
        // Both dialects take an expression as a default only in parentheses.
        w.put('(');
        render::node_with_literals<value_t, default_expression_values<Value>>(w);
        w.put(')');
    } else if constexpr (std::is_same_v<value_t, bool>) {
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
        render_referential_actions<Column::reference_constraint::on_delete_action,
                                   Column::reference_constraint::on_update_action>(w);
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

}  // namespace ctql
