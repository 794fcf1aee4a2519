// SPDX-License-Identifier: MIT
#pragma once
// Typed result rows. A row of a multi-column select is a struct with one
// member per selected column, named like the column (`row.name`), and also a
// tuple: structured bindings, get<0>(row) and get<"name">(row) all work.
// A single-column select yields the bare value instead of a row.
#include <cstddef>
#include <tuple>
#include <string_view>
#include <type_traits>
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>

namespace ctql {

// A selected expression that is not a plain column has no member name; reach it by position.
template <class T>
struct unnamed_member {
    static constexpr std::string_view ctql_name{};
    T ctql_value;
    constexpr T& ctql_ref() { return ctql_value; }
    constexpr const T& ctql_ref() const { return ctql_value; }
};

// The name lives in Member (`ctql_name`), not in this type's arguments:
// row types appear in every symbol of the code that decodes them.
template <std::size_t Index, class Member>
struct row_field : Member {
    static constexpr std::size_t ctql_index = Index;
};

template <class... Fields>
struct row : Fields... {
    using fields = detail::type_list<Fields...>;
    static constexpr std::size_t size = sizeof...(Fields);

    bool operator==(const row& other) const {
        return ((static_cast<const Fields&>(*this).ctql_ref() == static_cast<const Fields&>(other).ctql_ref()) &&
                ...);
    }
};

namespace detail {
template <fixed_string Name, class Fields>
struct field_index;
template <fixed_string Name, class... Fields>
struct field_index<Name, type_list<Fields...>> {
    static constexpr std::size_t count = ((Fields::ctql_name == Name.view() ? 1 : 0) + ... + 0);
    static constexpr std::size_t value = [] {
        std::size_t i = 0, found = sizeof...(Fields);
        ((Fields::ctql_name == Name.view() && found == sizeof...(Fields) ? (found = i, ++i) : ++i), ...);
        return found;
    }();
};
}  // namespace detail

template <class Field, class Column>
constexpr bool source_is() {
    if constexpr (requires { typename Field::ctql_source; }) return std::is_same_v<typename Field::ctql_source, Column>;
    else return false;
}

template <std::size_t I, class... Fields>
constexpr auto& get(row<Fields...>& r) {
    return static_cast<detail::nth_t<I, detail::type_list<Fields...>>&>(r).ctql_ref();
}
template <std::size_t I, class... Fields>
constexpr const auto& get(const row<Fields...>& r) {
    return static_cast<const detail::nth_t<I, detail::type_list<Fields...>>&>(r).ctql_ref();
}
template <std::size_t I, class... Fields>
constexpr auto&& get(row<Fields...>&& r) {
    return std::move(static_cast<detail::nth_t<I, detail::type_list<Fields...>>&>(r).ctql_ref());
}

// The field selected from `Column` (get<orders.id>(row)): reaches each of two
// same-named columns of different tables (or aliases) in one row.
template <auto Column, class... Fields>
    requires requires { typename decltype(Column)::table; }
constexpr const auto& get(const row<Fields...>& r) {
    using column_t = std::remove_cvref_t<decltype(Column)>;
    constexpr std::size_t count = (source_is<Fields, column_t>() + ... + 0);
    static_assert(count == 1, "ctql: get<column>: the row has no field selected from this column, or more than one");
    constexpr std::size_t index = [] {
        std::size_t i = 0, found = 0;
        ((source_is<Fields, column_t>() ? (found = i, ++i) : ++i), ...);
        return found;
    }();
    return get<index>(r);
}

template <fixed_string Name, class... Fields>
constexpr const auto& get(const row<Fields...>& r) {
    using index = detail::field_index<Name, detail::type_list<Fields...>>;
    static_assert(index::count == 1, "ctql: get<\"name\">: the row has no column of that name, or more than one; reach each of two "
                  "same-named columns with get<table.column>(row), or name one with .as(...)");
    return get<index::value>(r);
}
// Doxygen 1.9 takes this overload for a second declaration of get<I>(row&),
// which differs only in its template parameter, and fails: the API reference leaves it out.
// \cond
template <fixed_string Name, class... Fields>
constexpr auto& get(row<Fields...>& r) {
    using index = detail::field_index<Name, detail::type_list<Fields...>>;
    static_assert(index::count == 1, "ctql: get<\"name\">: the row has no column of that name, or more than one; reach each of two "
                  "same-named columns with get<table.column>(row), or name one with .as(...)");
    return get<index::value>(r);
}
// \endcond

}  // namespace ctql

template <class... Fields>
struct std::tuple_size<ctql::row<Fields...>> : std::integral_constant<std::size_t, sizeof...(Fields)> {};

template <std::size_t I, class... Fields>
struct std::tuple_element<I, ctql::row<Fields...>> {
    using type = std::remove_cvref_t<decltype(ctql::get<I>(std::declval<ctql::row<Fields...>&>()))>;
};
