// SPDX-License-Identifier: MIT
#pragma once
// Minimal compile-time type sets. Deliberately tiny: folds over packs keep
// instantiation counts (and compile times) low.
#include <cstddef>
#include <type_traits>
#include <utility>

namespace ctql::detail {

template <class... Ts>
struct type_list {
    static constexpr std::size_t size = sizeof...(Ts);
};

template <class T, class List>
inline constexpr bool contains_v = false;
template <class T, class... Ts>
inline constexpr bool contains_v<T, type_list<Ts...>> = (std::is_same_v<T, Ts> || ...);

template <class... Lists>
struct concat;
template <>
struct concat<> {
    using type = type_list<>;
};
template <class... As>
struct concat<type_list<As...>> {
    using type = type_list<As...>;
};
template <class... As, class... Bs, class... Rest>
struct concat<type_list<As...>, type_list<Bs...>, Rest...> {
    using type = typename concat<type_list<As..., Bs...>, Rest...>::type;
};
template <class... Lists>
using concat_t = typename concat<Lists...>::type;

// Set union preserving first-seen order.
template <class Acc, class List>
struct unique_into;
template <class Acc>
struct unique_into<Acc, type_list<>> {
    using type = Acc;
};
template <class... As, class T, class... Ts>
struct unique_into<type_list<As...>, type_list<T, Ts...>> {
    using type = typename unique_into<
        std::conditional_t<contains_v<T, type_list<As...>>, type_list<As...>, type_list<As..., T>>,
        type_list<Ts...>>::type;
};
template <class... Lists>
using union_t = typename unique_into<type_list<>, concat_t<Lists...>>::type;

// The types of A that are not in B, in A's order.
template <class A, class B>
struct difference;
template <class... As, class B>
struct difference<type_list<As...>, B> {
    using type = concat_t<std::conditional_t<contains_v<As, B>, type_list<>, type_list<As>>...>;
};
template <class A, class B>
using difference_t = typename difference<A, B>::type;

template <class Sub, class Super>
inline constexpr bool is_subset_v = false;
template <class... Ts, class Super>
inline constexpr bool is_subset_v<type_list<Ts...>, Super> = (contains_v<Ts, Super> && ...);

// The I-th type of a list, by pack indexing through a base lookup: no recursion.
template <std::size_t I, class T>
struct indexed_type {
    using type = T;
};
template <class Indices, class... Ts>
struct indexed_types;
template <std::size_t... I, class... Ts>
struct indexed_types<std::index_sequence<I...>, Ts...> : indexed_type<I, Ts>... {};
template <std::size_t I, class T>
indexed_type<I, T> select_indexed(const indexed_type<I, T>&);

template <std::size_t I, class List>
struct nth;
template <std::size_t I, class... Ts>
struct nth<I, type_list<Ts...>> {
    using type = typename decltype(select_indexed<I>(indexed_types<std::index_sequence_for<Ts...>, Ts...>{}))::type;
};
template <std::size_t I, class List>
using nth_t = typename nth<I, List>::type;

// For a static_assert that must fail only when the template is used.
template <class... T>
inline constexpr bool always_false = false;

}  // namespace ctql::detail
