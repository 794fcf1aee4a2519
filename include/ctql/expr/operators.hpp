// SPDX-License-Identifier: MIT
#pragma once
// Comparison, logical and arithmetic operators on expressions.
// Operators accept any operand and check it in the body: a static_assert
// there reads better than a page of rejected overload candidates.
#include <algorithm>
#include <optional>
#include <type_traits>
#include <utility>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>

namespace ctql {

namespace op {
struct equal { static constexpr std::string_view token = " = "; static constexpr int precedence = precedence::comparison; };
struct not_equal { static constexpr std::string_view token = " <> "; static constexpr int precedence = precedence::comparison; };
struct less { static constexpr std::string_view token = " < "; static constexpr int precedence = precedence::comparison; };
struct less_equal { static constexpr std::string_view token = " <= "; static constexpr int precedence = precedence::comparison; };
struct greater { static constexpr std::string_view token = " > "; static constexpr int precedence = precedence::comparison; };
struct greater_equal { static constexpr std::string_view token = " >= "; static constexpr int precedence = precedence::comparison; };
struct logical_and { static constexpr std::string_view token = " AND "; static constexpr int precedence = precedence::and_; };
struct logical_or { static constexpr std::string_view token = " OR "; static constexpr int precedence = precedence::or_; };
struct plus { static constexpr std::string_view token = " + "; static constexpr int precedence = precedence::additive; };
struct minus { static constexpr std::string_view token = " - "; static constexpr int precedence = precedence::additive; };
struct multiplies { static constexpr std::string_view token = " * "; static constexpr int precedence = precedence::multiplicative; };
struct divides { static constexpr std::string_view token = " / "; static constexpr int precedence = precedence::multiplicative; };
struct modulus { static constexpr std::string_view token = " % "; static constexpr int precedence = precedence::multiplicative; };
}  // namespace op

template <class Op, class Left, class Right, column_value ValueType>
struct binary_expression : expression_methods<binary_expression<Op, Left, Right, ValueType>> {
    using value_type = ValueType;
    using tables = detail::union_t<typename Left::tables, typename Right::tables>;
    using params = detail::concat_t<typename Left::params, typename Right::params>;
    using bare_columns = detail::union_t<typename Left::bare_columns, typename Right::bare_columns>;
    static constexpr bool is_aggregate = Left::is_aggregate || Right::is_aggregate;
    static constexpr int precedence = Op::precedence;

    Left left;
    Right right;

    // SQL comparisons do not chain: PostgreSQL rejects `a > b = c`, and SQLite
    // reads it by its own ranking (`=` below `>`). So an operand that is itself
    // a comparison is parenthesised on either side; the other operators are
    // left-associative, and only an equal-ranked right operand needs them.
    static constexpr bool non_associative = Op::precedence == ctql::precedence::comparison;

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_operand<Left>(w, precedence, non_associative);
        w.put(Op::token);
        detail::render_operand<Right>(w, precedence, true);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        detail::each_value_of<Left, Right>(left, visit);
        detail::each_value_of<Left, Right>(right, visit);
    }
};

namespace detail {
template <class L, class R>
using comparison_result_t = nullable_if_t<expr_nullable_v<L> || expr_nullable_v<R>, bool>;

template <class Op, class L, class R>
constexpr auto make_comparison(L&& l, R&& r) {
    using left_t = expression_t<L>;
    using right_t = expression_t<R>;
    return binary_expression<Op, left_t, right_t, comparison_result_t<left_t, right_t>>{
        {}, to_expression(std::forward<L>(l)), to_expression(std::forward<R>(r))};
}

template <class L, class R>
constexpr bool check_comparison() {
    using left_t = expression_t<L>;
    using right_t = expression_t<R>;
    static_assert(rule::no_comparison_with_null<left_t, sql_type_of<left_t>, right_t, sql_type_of<right_t>>,
                  "ctql: comparing with NULL is never true in SQL; write column.is_null() or column.is_not_null() "
                  "instead of == null / != null");
    static_assert(rule::comparable_types<left_t, sql_type_of<left_t>, right_t, sql_type_of<right_t>>,
                  "ctql: these operands have different SQL types and cannot be compared; compare a column with a "
                  "value of its own type");
    static_assert(rule::decimal_scales_match<left_t, sql_type_of<left_t>, right_t, sql_type_of<right_t>>,
                  "ctql: decimals of different scales are compared; compare decimals of one scale, converting one "
                  "side with ctql::decimal_cast<Precision, Scale>(value)");
    return true;
}

template <class L, class R>
concept operands = (sql_expression<L> || sql_expression<R>) && expression_operand<L> && expression_operand<R>;
}  // namespace detail

#define CTQL_DETAIL_COMPARISON(symbol, op_type)                                         \
    template <class L, class R>                                                         \
        requires detail::operands<L, R>                                                 \
    constexpr auto operator symbol(L&& l, R&& r) {                                      \
        static_assert(detail::check_comparison<L, R>());                                \
        return detail::make_comparison<op_type>(std::forward<L>(l), std::forward<R>(r)); \
    }
CTQL_DETAIL_COMPARISON(==, op::equal)
CTQL_DETAIL_COMPARISON(!=, op::not_equal)
CTQL_DETAIL_COMPARISON(<, op::less)
CTQL_DETAIL_COMPARISON(<=, op::less_equal)
CTQL_DETAIL_COMPARISON(>, op::greater)
CTQL_DETAIL_COMPARISON(>=, op::greater_equal)
#undef CTQL_DETAIL_COMPARISON

namespace detail {
template <class Op, class L, class R>
constexpr auto make_logical(L&& l, R&& r) {
    using left_t = expression_t<L>;
    using right_t = expression_t<R>;
    static_assert(rule::boolean_operand<left_t, sql_type_of<left_t>>,
                  "ctql: the left operand of && / || must be a condition (a boolean expression)");
    static_assert(rule::boolean_operand<right_t, sql_type_of<right_t>>,
                  "ctql: the right operand of && / || must be a condition (a boolean expression)");
    return binary_expression<Op, left_t, right_t, comparison_result_t<left_t, right_t>>{
        {}, to_expression(std::forward<L>(l)), to_expression(std::forward<R>(r))};
}
}  // namespace detail

template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator&&(L&& l, R&& r) {
    return detail::make_logical<op::logical_and>(std::forward<L>(l), std::forward<R>(r));
}
template <class L, class R>
    requires detail::operands<L, R>
constexpr auto operator||(L&& l, R&& r) {
    return detail::make_logical<op::logical_or>(std::forward<L>(l), std::forward<R>(r));
}

template <class Operand, class Prefix>
struct prefix_expression : expression_methods<prefix_expression<Operand, Prefix>> {
    using value_type = value_type_of<Operand>;
    using tables = typename Operand::tables;
    using params = typename Operand::params;
    using bare_columns = typename Operand::bare_columns;
    static constexpr bool is_aggregate = Operand::is_aggregate;
    static constexpr int precedence = Prefix::precedence;

    Operand operand;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Prefix::token);
        detail::render_operand<Operand>(w, precedence == precedence::not_ ? precedence::comparison + 1 : precedence,
                                        true);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
    }
};

namespace op {
struct logical_not { static constexpr std::string_view token = "NOT "; static constexpr int precedence = precedence::not_; };
struct negate { static constexpr std::string_view token = "-"; static constexpr int precedence = precedence::unary; };
}  // namespace op

template <sql_expression E>
constexpr auto operator!(const E& e) {
    static_assert(rule::boolean_operand<E, sql_type_of<E>>, "ctql: ! applies to a condition (a boolean expression)");
    return prefix_expression<E, op::logical_not>{{}, e};
}

template <sql_expression E>
constexpr auto operator-(const E& e) {
    static_assert(rule::numeric_operand<E, sql_type_of<E>> || detail::is_decimal_tag<sql_type_of<E>>,
                  "ctql: unary - applies to a number");
    return prefix_expression<E, op::negate>{{}, e};
}

namespace rule {
// Decimals add and subtract decimals of their scale, and multiply by integers:
// what keeps the result exact, of the same scale, on both backends.
template <class Op, class Left, class LeftType, class Right, class RightType>
inline constexpr bool decimal_arithmetic = [] {
    constexpr bool l = detail::is_decimal_tag<LeftType>, r = detail::is_decimal_tag<RightType>;
    if constexpr (std::is_same_v<Op, op::plus> || std::is_same_v<Op, op::minus>) return l && r;
    else if constexpr (std::is_same_v<Op, op::multiplies>)
        return (l && std::is_same_v<RightType, sql_type::integer>) || (r && std::is_same_v<LeftType, sql_type::integer>);
    else return false;
}();
}  // namespace rule

namespace detail {
template <class L, class R>
using arithmetic_base_t = decltype(std::declval<base_type_t<value_type_of<L>>>() + std::declval<base_type_t<value_type_of<R>>>());

template <class Op, class L, class R>
constexpr auto make_plain_arithmetic(L&& l, R&& r) {
    using left_t = expression_t<L>;
    using right_t = expression_t<R>;
    static_assert(rule::numeric_operand<left_t, sql_type_of<left_t>>,
                  "ctql: arithmetic needs numbers; the left operand is not an integer or real expression");
    static_assert(rule::numeric_operand<right_t, sql_type_of<right_t>>,
                  "ctql: arithmetic needs numbers; the right operand is not an integer or real expression");
    if constexpr (std::is_same_v<Op, op::modulus>) {
        static_assert(rule::integer_operand<left_t, sql_type_of<left_t>> &&
                          rule::integer_operand<right_t, sql_type_of<right_t>>,
                      "ctql: % needs integer operands");
    }
    if constexpr (rule::numeric_operand<left_t, sql_type_of<left_t>> && rule::numeric_operand<right_t, sql_type_of<right_t>>) {
        using base = arithmetic_base_t<left_t, right_t>;
        using result = nullable_if_t<expr_nullable_v<left_t> || expr_nullable_v<right_t>, base>;
        return binary_expression<Op, left_t, right_t, result>{
            {}, to_expression(std::forward<L>(l)), to_expression(std::forward<R>(r))};
    }
}

// Of the wider precision; a sum beyond it is an error when read (or stored), as in C++.
template <class L, class R>
constexpr auto decimal_result() {
    using l = base_type_t<value_type_of<L>>;
    using r = base_type_t<value_type_of<R>>;
    if constexpr (!is_decimal_tag<sql_type_of<R>>) return l{};
    else if constexpr (!is_decimal_tag<sql_type_of<L>>) return r{};
    else return decimal<std::max(l::precision, r::precision), l::scale>{};
}

template <class Op, class L, class R>
constexpr auto make_arithmetic(L&& l, R&& r) {
    using left_t = expression_t<L>;
    using right_t = expression_t<R>;
    if constexpr (is_decimal_tag<sql_type_of<left_t>> || is_decimal_tag<sql_type_of<right_t>>) {
        static_assert(rule::decimal_arithmetic<Op, left_t, sql_type_of<left_t>, right_t, sql_type_of<right_t>>,
                      "ctql: decimals add and subtract decimals, and multiply by integers (an exact result of the "
                      "same scale); compute other results in C++ after reading, or cast to double");
        static_assert(rule::decimal_scales_match<left_t, sql_type_of<left_t>, right_t, sql_type_of<right_t>>,
                      "ctql: decimals of different scales are added or subtracted; convert one side with "
                      "ctql::decimal_cast<Precision, Scale>(value)");
        if constexpr (rule::decimal_arithmetic<Op, left_t, sql_type_of<left_t>, right_t, sql_type_of<right_t>> &&
                      rule::decimal_scales_match<left_t, sql_type_of<left_t>, right_t, sql_type_of<right_t>>) {
            using base = decltype(decimal_result<left_t, right_t>());
            using result = nullable_if_t<expr_nullable_v<left_t> || expr_nullable_v<right_t>, base>;
            return binary_expression<Op, left_t, right_t, result>{
                {}, to_expression(std::forward<L>(l)), to_expression(std::forward<R>(r))};
        }
    } else {
        return make_plain_arithmetic<Op>(std::forward<L>(l), std::forward<R>(r));
    }
}

}  // namespace detail

#define CTQL_DETAIL_ARITHMETIC(symbol, op_type)                                         \
    template <class L, class R>                                                         \
        requires detail::operands<L, R>                                                 \
    constexpr auto operator symbol(L&& l, R&& r) {                                      \
        return detail::make_arithmetic<op_type>(std::forward<L>(l), std::forward<R>(r)); \
    }
CTQL_DETAIL_ARITHMETIC(+, op::plus)
CTQL_DETAIL_ARITHMETIC(-, op::minus)
CTQL_DETAIL_ARITHMETIC(*, op::multiplies)
CTQL_DETAIL_ARITHMETIC(/, op::divides)
CTQL_DETAIL_ARITHMETIC(%, op::modulus)
#undef CTQL_DETAIL_ARITHMETIC

}  // namespace ctql
