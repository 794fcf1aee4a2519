// SPDX-License-Identifier: MIT
#pragma once
// `column = value` in insert and update statements.
#include <utility>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

template <class Column, class Value>
struct assignment {
    using column = Column;
    using tables = typename Value::tables;
    using params = typename Value::params;

    Value value;

    template <class Writer>
    static constexpr void render_value(Writer& w) {
        render::node<Value>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        detail::each_value_of<Column>(value, visit);
    }
};

template <class T>
inline constexpr bool is_assignment_v = false;
template <class C, class V>
inline constexpr bool is_assignment_v<assignment<C, V>> = true;

namespace detail {
template <class Column, class V>
constexpr auto make_assignment(V&& v) {
    using value_t = expression_t<V>;
    static_assert(rule::not_an_aggregate<value_t, sql_type_of<value_t>>,
                  "ctql: an aggregate cannot be assigned to a column");
    static_assert(rule::assignable_types<Column, sql_type_of<Column>, value_t, sql_type_of<value_t>>,
                  "ctql: the value's SQL type does not match the column's type in this assignment");
    static_assert(rule::decimal_scales_match<Column, sql_type_of<Column>, value_t, sql_type_of<value_t>>,
                  "ctql: a decimal of another scale is assigned to a decimal column; convert it with "
                  "ctql::decimal_cast<Precision, Scale>(value) to the column's scale");
    static_assert(rule::null_only_into_nullable_column<Column, value_t>,
                  "ctql: a NULL or optional value is assigned to a NOT NULL column; declare the column "
                  "std::optional<T> or assign a non-null value");
    static_assert(rule::value_fits_without_loss<Column, value_type_of<Column>, value_t, value_type_of<value_t>>,
                  "ctql: this value may not fit the column: a narrowing conversion (such as std::int64_t into a 32-bit "
                  "column, or double into float); convert it explicitly with ctql::narrow<T>(value)");
    return assignment<Column, value_t>{to_expression(std::forward<V>(v))};
}
}  // namespace detail

}  // namespace ctql
