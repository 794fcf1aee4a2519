// SPDX-License-Identifier: MIT
#pragma once
// A column is an empty constexpr object whose type carries its table, name,
// value type and constraints. CTQL_TABLE derives one type per column from
// `column`, so diagnostics name it as `users_t::name_column`.
#include <type_traits>
#include <utility>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/aggregates.hpp>
#include <ctql/expr/assignment.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/order.hpp>
#include <ctql/expr/predicates.hpp>
#include <ctql/schema/constraints.hpp>

namespace ctql {

namespace rule {
// A column's C++ type is a built-in column type, a std::optional of one, or mapped by the user.
template <class Column, class CppType>
inline constexpr bool column_type_is_mapped = column_value<CppType>;

// A literal default (default_value<0>, default_value<fixed_string{"x"}>) is
// written into CREATE TABLE as it is; for a decimal (a count of units on
// SQLite), uuid, JSON, array, enum or mapped column that is not the value ctql stores.
template <class Column, class CppType, class Default>
inline constexpr bool literal_default_of_builtin_type = [] {
    if constexpr (std::is_void_v<Default> || !column_value<CppType>) return true;
    else if constexpr (sql_expression<std::remove_cvref_t<decltype(Default::value)>>) return true;
    else {
        constexpr sql_kind k = kind_of_v<CppType>;
        return !mapped_type<base_type_t<CppType>> && k != sql_kind::decimal && k != sql_kind::uuid &&
               k != sql_kind::json && k != sql_kind::array;
    }
}();
}  // namespace rule

template <class Table, class Self, class T, class ConstraintList>
struct column : expression_methods<Self> {
    static_assert(rule::column_type_is_mapped<Self, T>,
                  "ctql: this column's C++ type is not a column type; map it once with a specialisation of "
                  "ctql::column_mapping<T> (using stored = a built-in column type; to_stored; from_stored), or of "
                  "ctql::enum_names<E> for an enum (see core/column_mapping.hpp)");
    using value_type = T;
    using table = Table;
    using constraints = ConstraintList;
    using tables = detail::type_list<Table>;
    using params = detail::type_list<>;
    using bare_columns = detail::type_list<Self>;
    static constexpr bool is_aggregate = false;
    static constexpr int precedence = precedence::primary;

    static constexpr bool is_primary_key = detail::contains_v<primary_key_t, ConstraintList>;
    static constexpr bool is_unique = detail::contains_v<unique_t, ConstraintList>;
    static constexpr bool is_secret = detail::contains_v<secret_t, ConstraintList>;
    // An integer primary key is assigned by the database (rowid / identity).
    static constexpr bool is_generated = is_primary_key && kind_of_v<T> == sql_kind::integer;
    using default_constraint = typename detail::find_default<ConstraintList>::type;
    static_assert(rule::literal_default_of_builtin_type<Self, T, default_constraint>,
                  "ctql: a literal default_value is written into CREATE TABLE as SQL text, which is not how ctql "
                  "stores a decimal, uuid, JSON, array, enum or mapped column; set the value in the insert instead");
    using reference_constraint = typename detail::find_reference<ConstraintList>::type;
    static constexpr bool has_default = !std::is_void_v<default_constraint> || is_generated;
    static constexpr bool required_in_insert = !is_nullable_v<T> && !has_default;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.identifier(Table::ctql_sql_name.view());
        w.put('.');
        w.identifier(Self::ctql_sql_name.view());
    }
    template <class Writer>
    static constexpr void render_unqualified(Writer& w) {
        w.identifier(Self::ctql_sql_name.view());
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}

    template <class V>
        requires expression_operand<V>
    constexpr auto operator=(V&& v) const {
        return detail::make_assignment<Self>(std::forward<V>(v));
    }
};

template <class T>
concept column_type = requires {
    typename T::table;
    T::ctql_sql_name;
    requires std::is_base_of_v<column<typename T::table, T, typename T::value_type, typename T::constraints>, T>;
};

}  // namespace ctql
