// SPDX-License-Identifier: MIT
#pragma once
// The type of a result row, derived from what a statement selects: one
// member per selected expression, named after its column, std::optional
// where the value may be NULL. A single selected expression yields its bare
// value. SELECT and (later) RETURNING and set operations derive theirs here.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/result/row.hpp>
#include <ctql/schema/column.hpp>

namespace ctql::detail {

// The value type a selected expression has in a row: a column of a table
// on the outer side of a join may be NULL although the column is NOT NULL.
template <class E, class NullableTables>
struct selected_value_of;
template <class E, class NullableTables>
using selected_value_t_of = typename selected_value_of<E, NullableTables>::type;

template <class E, class NullableTables>
constexpr auto selected_value_type() {
    using value_t = value_type_of<E>;
    if constexpr (requires { typename E::expression; typename E::name; }) {
        return std::type_identity<selected_value_t_of<typename E::expression, NullableTables>>{};
    } else if constexpr (requires { typename E::table; }) {
        if constexpr (contains_v<typename E::table, NullableTables>) return std::type_identity<make_optional_t<value_t>>{};
        else return std::type_identity<value_t>{};
    } else {
        return std::type_identity<value_t>{};
    }
}
template <class E, class NullableTables>
using selected_value_t = typename decltype(selected_value_type<E, NullableTables>())::type;
template <class E, class NullableTables>
struct selected_value_of {
    using type = selected_value_t<E, NullableTables>;
};

template <std::size_t I, class E, class NullableTables>
constexpr auto field_for() {
    using value_t = selected_value_t<E, NullableTables>;
    if constexpr (requires { typename E::name::template row_member<value_t>; })
        return std::type_identity<row_field<I, typename E::name::template row_member<value_t>>>{};
    else if constexpr (column_type<E>)
        return std::type_identity<row_field<I, typename E::template row_member<value_t>>>{};
    else
        return std::type_identity<row_field<I, unnamed_member<value_t>>>{};
}

template <class NullableTables, class Indices, class... Es>
struct make_row;
template <class NullableTables, std::size_t... I, class... Es>
struct make_row<NullableTables, std::index_sequence<I...>, Es...> {
    using type = row<typename decltype(field_for<I, Es, NullableTables>())::type...>;
};

template <class NullableTables, class... Es>
struct row_type_of {
    using type = typename make_row<NullableTables, std::index_sequence_for<Es...>, Es...>::type;
};
template <class NullableTables, class E>
struct row_type_of<NullableTables, E> {
    using type = selected_value_t<E, NullableTables>;
};

// The row type of selecting Es from tables of which NullableTables may be missing.
template <class NullableTables, class... Es>
using row_type_t = typename row_type_of<NullableTables, Es...>::type;

// The names of the selected columns, for mapping rows onto user structs ("" where unnamed).
template <class... Es>
inline constexpr std::array<std::string_view, sizeof...(Es)> selected_names{[] {
    if constexpr (requires { Es::name::ctql_sql_name; }) return Es::name::ctql_sql_name.view();
    else if constexpr (column_type<Es>) return Es::ctql_sql_name.view();
    else return std::string_view{};
}()...};

}  // namespace ctql::detail
