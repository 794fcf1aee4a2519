// SPDX-License-Identifier: MIT
#pragma once
// The keys of a table: the column sets whose values are unique (its primary
// key and unique constraints, on a column or over several in
// CTQL_TABLE_CONSTRAINTS, and its unique indexes over columns without WHERE).
// An upsert's ON CONFLICT target must be one of them, and a foreign key must
// reference one.
#include <cstddef>
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/schema/table_constraints.hpp>

namespace ctql::detail {

template <class Column>
constexpr auto column_keys() {
    if constexpr (Column::is_primary_key || Column::is_unique) return type_list<type_list<Column>>{};
    else return type_list<>{};
}

template <class Columns>
struct column_level_keys;
template <class... Columns>
struct column_level_keys<type_list<Columns...>> {
    using type = concat_t<decltype(column_keys<Columns>())...>;
};

template <class Constraint>
constexpr auto constraint_keys() {
    if constexpr (requires { typename Constraint::key_columns; }) return type_list<typename Constraint::key_columns>{};
    else return type_list<>{};
}

template <class Constraints>
struct table_level_keys;
template <class... Constraints>
struct table_level_keys<type_list<Constraints...>> {
    using type = concat_t<decltype(constraint_keys<Constraints>())...>;
};

// Every key of Table, each a type_list of its columns:
// the columns' own keys first, then those of CTQL_TABLE_CONSTRAINTS in the
// order they are declared there.
template <class Table>
struct unique_keys {
    using type = concat_t<typename column_level_keys<typename Table::ctql_columns>::type,
                          typename table_level_keys<table_constraint_types_t<Table>>::type>;
};
template <class Table>
using unique_keys_t = typename unique_keys<Table>::type;

// Whether the columns Columns... (in any order) are exactly one key of Table.
template <class Key>
inline constexpr std::size_t key_size_v = 0;
template <class... Columns>
inline constexpr std::size_t key_size_v<type_list<Columns...>> = sizeof...(Columns);

template <class Key, class... Columns>
constexpr bool is_key_set() {
    return key_size_v<Key> == sizeof...(Columns) && (contains_v<Columns, Key> && ...);
}
template <class Keys, class... Columns>
struct matches_a_key;
template <class... Keys, class... Columns>
struct matches_a_key<type_list<Keys...>, Columns...>
    : std::bool_constant<(is_key_set<Keys, Columns...>() || ...)> {};

template <class Table, class... Columns>
inline constexpr bool is_unique_key_v = matches_a_key<unique_keys_t<Table>, Columns...>::value;

}  // namespace ctql::detail
