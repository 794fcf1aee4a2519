// SPDX-License-Identifier: MIT
#pragma once
// Column constraints, written as values in CTQL_TABLE:
//   (id, std::int64_t, ctql::primary_key)
//   (score, double, ctql::default_value<0>)
//   (user_id, std::int64_t, ctql::references<users.id>)
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>

namespace ctql {

struct primary_key_t {};
inline constexpr primary_key_t primary_key{};

struct unique_t {};
inline constexpr unique_t unique{};

// Integers, booleans and fixed_string text ("..."); clang 14 cannot take
// floating-point template arguments, so real defaults are written as integers.
template <auto Value>
struct default_value_t {
    static constexpr auto value = Value;
};
template <auto Value>
inline constexpr default_value_t<Value> default_value{};

template <auto Column>
struct references_t {
    using column = decltype(Column);
};
template <auto Column>
inline constexpr references_t<Column> references{};

// A column whose values never appear in logs (passwords, tokens).
struct secret_t {};
inline constexpr secret_t secret{};

// PostgreSQL TIMESTAMPTZ instead of TIMESTAMP for a timestamp column.
struct with_time_zone_t {};
inline constexpr with_time_zone_t with_time_zone{};

namespace detail {
template <class... Constraints>
constexpr type_list<std::remove_cvref_t<Constraints>...> constraint_list(const Constraints&...) {
    return {};
}

template <class C>
inline constexpr bool is_default_v = false;
template <auto V>
inline constexpr bool is_default_v<default_value_t<V>> = true;

template <class C>
inline constexpr bool is_reference_v = false;
template <auto V>
inline constexpr bool is_reference_v<references_t<V>> = true;

template <class List>
struct find_default {
    using type = void;
};
template <class C, class... Cs>
struct find_default<type_list<C, Cs...>> {
    using type = std::conditional_t<is_default_v<C>, C, typename find_default<type_list<Cs...>>::type>;
};
template <class List>
struct find_reference {
    using type = void;
};
template <class C, class... Cs>
struct find_reference<type_list<C, Cs...>> {
    using type = std::conditional_t<is_reference_v<C>, C, typename find_reference<type_list<Cs...>>::type>;
};
}  // namespace detail

}  // namespace ctql
