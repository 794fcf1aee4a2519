// SPDX-License-Identifier: MIT
#pragma once
// Mapping result rows onto user structs adapted with BOOST_HANA_DEFINE_STRUCT
// or BOOST_HANA_ADAPT_STRUCT. Members are matched to selected columns by name;
// every selected column needs a member and every member a column, and each
// member's type is checked against its column's type at compile time.
#include <array>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <ctql/core/value_types.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/result/row.hpp>

namespace ctql {

template <class T>
concept reflectable_struct = boost::hana::Struct<T>::value;

namespace rule {
template <class Struct, class MemberName>
inline constexpr bool member_matches_a_selected_column = false;
template <class Struct, class MemberName, class MemberType, class ColumnType>
inline constexpr bool member_type_matches_column = false;
template <class Struct, class SelectedColumnCount, class MemberCount>
inline constexpr bool every_selected_column_has_a_member = false;
template <std::size_t N>
struct count {};
template <class Struct>
inline constexpr bool struct_is_adapted_with_hana = reflectable_struct<Struct>;
}  // namespace rule

namespace detail {
template <class Row>
constexpr std::size_t selected_count() {
    if constexpr (requires { std::tuple_size<Row>::value; }) return std::tuple_size<Row>::value;
    else return 1;
}

template <class Row, std::size_t I>
constexpr auto selected_type() {
    if constexpr (requires { std::tuple_size<Row>::value; }) return std::type_identity<std::tuple_element_t<I, Row>>{};
    else return std::type_identity<Row>{};
}
template <class Row, std::size_t I>
using selected_type_t = typename decltype(selected_type<Row, I>())::type;

template <std::size_t N>
constexpr std::size_t column_index(const std::array<std::string_view, N>& names, std::string_view member) {
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == member) return i;
    return N;
}

template <class HanaString>
struct member_name_of;
template <char... Cs>
struct member_name_of<boost::hana::string<Cs...>> {
    using type = name<Cs...>;
};

template <class S, std::size_t M>
using member_pair_t = std::remove_cvref_t<decltype(boost::hana::at_c<M>(boost::hana::accessors<S>()))>;
template <class S, std::size_t M>
using member_key_t = std::remove_cvref_t<decltype(boost::hana::first(std::declval<member_pair_t<S, M>>()))>;
template <class S, std::size_t M>
using member_type_t =
    std::remove_cvref_t<decltype(boost::hana::second(std::declval<member_pair_t<S, M>>())(std::declval<S&>()))>;

template <class S>
inline constexpr std::size_t member_count_v = decltype(boost::hana::length(boost::hana::accessors<S>()))::value;

template <class S, std::size_t... M>
constexpr std::size_t member_index(std::string_view name, std::index_sequence<M...>) {
    std::size_t found = sizeof...(M);
    ((found == sizeof...(M) && std::string_view(boost::hana::to<const char*>(member_key_t<S, M>{})) == name
          ? (found = M, 0)
          : 0),
     ...);
    return found;
}
template <class S>
constexpr std::size_t member_index(std::string_view name) {
    return member_index<S>(name, std::make_index_sequence<member_count_v<S>>{});
}
template <std::size_t M, class S>
const auto& member_ref(const S& s) {
    return boost::hana::second(boost::hana::at_c<M>(boost::hana::accessors<S>()))(s);
}

// A NOT NULL column may fill an optional member; a nullable one needs optional.
template <class Member, class Column>
inline constexpr bool member_accepts =
    std::is_same_v<Member, Column> || (!is_nullable_v<Column> && std::is_same_v<Member, std::optional<Column>>);

template <class S, class Statement, std::size_t M>
constexpr std::size_t checked_member_column() {
    constexpr std::string_view key = boost::hana::to<const char*>(member_key_t<S, M>{});
    constexpr auto names = Statement::column_names;
    constexpr std::size_t index = column_index(names, key);
    using member_name = typename member_name_of<member_key_t<S, M>>::type;
    if constexpr (index == names.size()) {
        static_assert(rule::member_matches_a_selected_column<S, member_name>,
                      "ctql: a struct member has no selected column of the same name");
    } else {
        using member_t = member_type_t<S, M>;
        using column_t = selected_type_t<typename Statement::result_row, index>;
        static_assert(member_accepts<member_t, column_t> ||
                          rule::member_type_matches_column<S, member_name, member_t, column_t>,
                      "ctql: a struct member's type differs from its selected column's type (a nullable column "
                      "needs a std::optional member)");
    }
    return index;
}

template <class S, class Statement, std::size_t... M>
constexpr auto member_columns(std::index_sequence<M...>) {
    constexpr std::size_t columns = selected_count<typename Statement::result_row>();
    static_assert(sizeof...(M) == columns ||
                      rule::every_selected_column_has_a_member<S, rule::count<columns>, rule::count<sizeof...(M)>>,
                  "ctql: the struct and the select list differ in size; every selected column needs a member of "
                  "the same name");
    return std::array<std::size_t, sizeof...(M)>{checked_member_column<S, Statement, M>()...};
}

template <class S, class Statement, std::size_t... M>
constexpr bool mapping_valid(std::index_sequence<M...>) {
    constexpr auto names = Statement::column_names;
    if constexpr (sizeof...(M) != selected_count<typename Statement::result_row>()) {
        return false;
    } else {
        constexpr std::array<std::size_t, sizeof...(M)> indices{
            column_index(names, boost::hana::to<const char*>(member_key_t<S, M>{}))...};
        for (std::size_t i : indices)
            if (i >= names.size()) return false;
        return (member_accepts<member_type_t<S, M>, selected_type_t<typename Statement::result_row,
                                                                     (indices[M] < names.size() ? indices[M] : 0)>> &&
                ...);
    }
}

// Stores column `index` in `member`: in place when the reader can (a string
// copied straight into the member), else by assigning the decoded value.
template <class Column, class Reader, class Member>
void read_member(const Reader& read, Member& member, int index) {
    if constexpr (requires { read.template into<Column>(member, index); }) read.template into<Column>(member, index);
    else member = read.template operator()<Column>(index);
}

// Checks that S maps onto the statement's rows; called where the user asks
// for the mapping, so that a mismatch is reported close to their code.
template <class S, class Statement>
constexpr bool check_mapping() {
    static_assert(rule::struct_is_adapted_with_hana<S>,
                  "ctql: as<S>() maps rows onto a struct whose members Boost.Hana can list: declare them with "
                  "BOOST_HANA_DEFINE_STRUCT(S, (type, name)...), or add BOOST_HANA_ADAPT_STRUCT(S, name...) after it");
    if constexpr (reflectable_struct<S>) member_columns<S, Statement>(std::make_index_sequence<member_count_v<S>>{});
    return true;
}

// Decodes one row into S; `read` is called as read.template operator()<T>(column_index).
// When the mapping is invalid, only the checks' messages are reported.
template <reflectable_struct S, class Statement, class Reader>
S decode_struct(const Reader& read) {
    static constexpr auto columns = member_columns<S, Statement>(std::make_index_sequence<member_count_v<S>>{});
    S result{};
    if constexpr (!mapping_valid<S, Statement>(std::make_index_sequence<member_count_v<S>>{})) {
        (void)read;
        return result;
    } else {
    [&]<std::size_t... M>(std::index_sequence<M...>) {
        (read_member<selected_type_t<typename Statement::result_row, columns[M]>>(
             read, boost::hana::second(boost::hana::at_c<M>(boost::hana::accessors<S>()))(result),
             static_cast<int>(columns[M])),
         ...);
    }(std::make_index_sequence<member_count_v<S>>{});
    return result;
    }
}
}  // namespace detail

}  // namespace ctql
