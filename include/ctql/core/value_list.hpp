// SPDX-License-Identifier: MIT
#pragma once
// A minimal aggregate tuple for expression operands and clause items.
// std::tuple's converting constructors are constrained with std::__and_ /
// std::__or_ chains that cost measurable compile time per instantiation;
// statements only ever need brace initialisation and in-order visiting.
#include <cstddef>
#include <utility>

#include <ctql/core/type_list.hpp>

namespace ctql::detail {

template <std::size_t I, class T>
struct list_leaf {
    T value;
};

template <class Indices, class... Ts>
struct value_list_base;

template <std::size_t... I, class... Ts>
struct value_list_base<std::index_sequence<I...>, Ts...> : list_leaf<I, Ts>... {
    template <class F>
    constexpr void for_each(F&& f) const {
        (f(static_cast<const list_leaf<I, Ts>&>(*this).value), ...);
    }
};

template <class... Ts>
struct value_list : value_list_base<std::index_sequence_for<Ts...>, Ts...> {};

template <class... Ts>
constexpr value_list<Ts...> make_value_list(const Ts&... values) {
    return value_list<Ts...>{{{values}...}};
}

template <std::size_t I, class... Ts>
constexpr const auto& get_value(const value_list<Ts...>& list) {
    return static_cast<const list_leaf<I, nth_t<I, type_list<Ts...>>>&>(list).value;
}

template <class... Ts, class T, std::size_t... I>
constexpr value_list<Ts..., T> append_value(const value_list<Ts...>& list, const T& value, std::index_sequence<I...>) {
    return value_list<Ts..., T>{{{get_value<I>(list)}..., {value}}};
}
template <class... Ts, class T>
constexpr value_list<Ts..., T> append_value(const value_list<Ts...>& list, const T& value) {
    return append_value(list, value, std::index_sequence_for<Ts...>{});
}

}  // namespace ctql::detail
