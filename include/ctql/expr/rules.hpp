// SPDX-License-Identifier: MIT
#pragma once
// The type rules, as named compile-time predicates. Each is used directly in a
// static_assert at the call the user wrote, so the first lines of a failed
// build show the rule's name with the column and SQL types it was checked
// on, followed by a sentence that says what to write instead.
#include <type_traits>
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/expression.hpp>

namespace ctql {

// Names of SQL types as they appear in diagnostics.
namespace sql_type {
struct integer {};
struct real {};
struct text {};
struct blob {};
struct boolean {};
struct timestamp {};
struct date {};
template <int Precision, int Scale>
struct decimal {};
struct uuid {};
struct json {};
template <class Element>
struct array {};
// A type of the user's (ctql::column_mapping), named by its C++ type.
template <class T>
struct mapped {};
struct null {};
}  // namespace sql_type

namespace detail {
template <class E>
constexpr auto kind_tag_of() {
    if constexpr (is_null_expression_v<E>) return sql_type::null{};
    else {
        using base = base_type_t<value_type_of<E>>;
        constexpr sql_kind k = expr_kind_v<E>;
        if constexpr (mapped_type<base>) return sql_type::mapped<base>{};
        else if constexpr (k == sql_kind::decimal) return sql_type::decimal<base::precision, base::scale>{};
        else if constexpr (k == sql_kind::uuid) return sql_type::uuid{};
        else if constexpr (k == sql_kind::json) return sql_type::json{};
        else if constexpr (k == sql_kind::array) return sql_type::array<typename base::value_type>{};
        else if constexpr (k == sql_kind::integer) return sql_type::integer{};
        else if constexpr (k == sql_kind::real) return sql_type::real{};
        else if constexpr (k == sql_kind::text) return sql_type::text{};
        else if constexpr (k == sql_kind::blob) return sql_type::blob{};
        else if constexpr (k == sql_kind::boolean) return sql_type::boolean{};
        else if constexpr (k == sql_kind::date) return sql_type::date{};
        else return sql_type::timestamp{};
    }
}

// A name as a pack of characters: both g++ and clang print it legibly in diagnostics.
template <char... Cs>
struct name {};
template <fixed_string Name, std::size_t... I>
constexpr auto name_of(std::index_sequence<I...>) -> name<Name.chars[I]...>;
}  // namespace detail

template <sql_expression E>
using sql_type_of = decltype(detail::kind_tag_of<std::remove_cvref_t<E>>());

template <fixed_string Name>
using name_of = decltype(detail::name_of<Name>(std::make_index_sequence<Name.size()>{}));

namespace detail {
template <class T>
inline constexpr bool is_decimal_tag = false;
template <int P, int S>
inline constexpr bool is_decimal_tag<sql_type::decimal<P, S>> = true;
template <class A, class B>
inline constexpr bool both_decimal_tags = is_decimal_tag<A> && is_decimal_tag<B>;

template <class Left, class Right>
constexpr bool same_family() {
    return ctql::same_family_v<value_type_of<Left>, value_type_of<Right>>;
}
}  // namespace detail

namespace rule {

// Decimals of two scales are refused by decimal_scales_match, with its own sentence.
template <class Left, class LeftType, class Right, class RightType>
inline constexpr bool comparable_types = [] {
    if constexpr (std::is_same_v<LeftType, sql_type::null> || std::is_same_v<RightType, sql_type::null>) return true;
    else if constexpr (detail::both_decimal_tags<LeftType, RightType>) return true;
    else return kinds_comparable(expr_kind_v<Left>, expr_kind_v<Right>) && detail::same_family<Left, Right>();
}();

// A decimal is a count of units of its scale (on SQLite, as stored): two
// scales would compare or assign counts of different units.
template <class Left, class LeftType, class Right, class RightType>
inline constexpr bool decimal_scales_match = [] {
    if constexpr (detail::both_decimal_tags<LeftType, RightType>) return detail::same_family<Left, Right>();
    else return true;
}();

template <class Left, class LeftType, class Right, class RightType>
inline constexpr bool no_comparison_with_null =
    !std::is_same_v<LeftType, sql_type::null> && !std::is_same_v<RightType, sql_type::null>;

template <class Operand, class OperandType>
inline constexpr bool numeric_operand =
    std::is_same_v<OperandType, sql_type::integer> || std::is_same_v<OperandType, sql_type::real>;

template <class Operand, class OperandType>
inline constexpr bool integer_operand = std::is_same_v<OperandType, sql_type::integer>;

template <class Operand, class OperandType>
inline constexpr bool boolean_operand = std::is_same_v<OperandType, sql_type::boolean>;

template <class Operand, class OperandType>
inline constexpr bool text_operand = std::is_same_v<OperandType, sql_type::text>;

template <class Operand, class OperandType>
inline constexpr bool not_an_aggregate = !Operand::is_aggregate;

template <class Column, class ColumnType, class Value, class ValueType>
inline constexpr bool assignable_types = [] {
    if constexpr (std::is_same_v<ValueType, sql_type::null>) return true;
    else if constexpr (detail::both_decimal_tags<ColumnType, ValueType>) return true;  // decimal_scales_match
    else return kinds_assignable(expr_kind_v<Column>, expr_kind_v<Value>) && detail::same_family<Column, Value>();
}();

template <class Column, class Value>
inline constexpr bool null_only_into_nullable_column = !expr_nullable_v<Value> || expr_nullable_v<Column>;

// No value is silently narrowed: std::int64_t into a 32-bit column, double into float.
template <class Column, class ColumnCppType, class Value, class ValueCppType>
inline constexpr bool value_fits_without_loss = [] {
    if constexpr (!requires { typename detail::optional_traits<ValueCppType>::base; } || !column_value<ValueCppType>) return true;
    else if constexpr (!kinds_assignable(kind_of_v<ColumnCppType>, kind_of_v<ValueCppType>) ||
                       !same_family_v<ColumnCppType, ValueCppType>)
        return true;  // another rule
    else return converts_without_loss<base_type_t<ColumnCppType>, base_type_t<ValueCppType>>();
}();

template <class Condition, class ConditionType>
inline constexpr bool boolean_condition = std::is_same_v<ConditionType, sql_type::boolean>;

}  // namespace rule
}  // namespace ctql
