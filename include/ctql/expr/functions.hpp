// SPDX-License-Identifier: MIT
#pragma once
// Scalar functions that mean the same on SQLite and PostgreSQL:
//   coalesce(a, b, ...)   nullif(a, b)   cast<T>(e)
//   lower(s) upper(s) length(s) substr(s, from[, count]) trim(s) replace(s, from, to)
//   concat(a, b, ...)     a || b || ...
//   abs(x) round(x[, digits])
//   greatest(a, b, ...) least(a, b, ...)
// Where the dialects spell one differently, dialect/ overrides its node.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/operators.hpp>
#include <ctql/expr/rules.hpp>

namespace ctql {

// NAME(arg, arg, ...), with the value type the function gives.
template <class Function, column_value ValueType, class... Args>
struct function_call : expression_methods<function_call<Function, ValueType, Args...>> {
    using function = Function;
    using value_type = ValueType;
    using tables = detail::union_t<typename Args::tables...>;
    using params = detail::concat_t<typename Args::params...>;
    using bare_columns = detail::union_t<typename Args::bare_columns...>;
    static constexpr bool is_aggregate = (Args::is_aggregate || ...);
    static constexpr int precedence = ctql::precedence::primary;

    detail::value_list<Args...> args;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Function::name);
        w.put('(');
        render_arguments(w);
        w.put(')');
    }
    // The arguments alone, comma-separated: for dialects that respell the call.
    template <class Writer>
    static constexpr void render_arguments(Writer& w) {
        bool first = true;
        ((w.put(first ? "" : ", "), render::node<Args>(w), first = false), ...);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        args.for_each([&](const auto& arg) { arg.each_value(visit); });
    }
};

namespace fn {
struct coalesce { static constexpr std::string_view name = "COALESCE"; };
struct nullif { static constexpr std::string_view name = "NULLIF"; };
struct lower { static constexpr std::string_view name = "LOWER"; };
struct upper { static constexpr std::string_view name = "UPPER"; };
struct length { static constexpr std::string_view name = "LENGTH"; };
struct substr { static constexpr std::string_view name = "SUBSTR"; };
struct trim { static constexpr std::string_view name = "TRIM"; };
struct replace { static constexpr std::string_view name = "REPLACE"; };
struct abs { static constexpr std::string_view name = "ABS"; };
struct round { static constexpr std::string_view name = "ROUND"; };
struct greatest { static constexpr std::string_view name = "GREATEST"; };
struct least { static constexpr std::string_view name = "LEAST"; };
}  // namespace fn

namespace rule {
template <class Operand, class OperandType>
inline constexpr bool not_nullable_operand = !expr_nullable_v<Operand>;
}  // namespace rule

namespace detail {
template <class Function, class ValueType, class... Args>
constexpr auto call(Args&&... args) {
    return function_call<Function, ValueType, expression_t<Args>...>{
        {}, make_value_list(to_expression(std::forward<Args>(args))...)};
}

// Whether any of the expressions may be NULL.
template <class... Es>
inline constexpr bool any_nullable_v = (expr_nullable_v<expression_t<Es>> || ...);
template <class... Es>
inline constexpr bool all_nullable_v = (expr_nullable_v<expression_t<Es>> && ...);

template <class E>
using base_value_t = base_type_t<value_type_of<expression_t<E>>>;

template <class E>
constexpr bool check_text() {
    using e_t = expression_t<E>;
    static_assert(rule::text_operand<e_t, sql_type_of<e_t>>, "ctql: this function takes text; the operand is not a text expression");
    return true;
}
template <class E>
constexpr bool check_integer() {
    using e_t = expression_t<E>;
    static_assert(rule::integer_operand<e_t, sql_type_of<e_t>>, "ctql: this argument is a count of characters or digits: an integer");
    return true;
}
template <class E>
constexpr bool check_number() {
    using e_t = expression_t<E>;
    static_assert(rule::numeric_operand<e_t, sql_type_of<e_t>>, "ctql: this function takes a number; the operand is not numeric");
    return true;
}
}  // namespace detail

// The first argument that is not NULL; NULL only if all of them are. A
// scalar subquery counts as an expression here: coalesce(select(...), 0).
template <class First, class... Rest>
    requires(sizeof...(Rest) > 0 && (sql_expression<First> || scalar_query<First> ||
                                     (sql_expression<Rest> || ...)))
constexpr auto coalesce(First&& first, Rest&&... rest) {
    static_assert((detail::check_comparison<First, Rest>() && ...));
    using base = detail::base_value_t<First>;
    using value = detail::nullable_if_t<detail::all_nullable_v<First, Rest...>, base>;
    return detail::call<fn::coalesce, value>(std::forward<First>(first), std::forward<Rest>(rest)...);
}

// NULL where a equals b, else a.
template <sql_expression A, class B>
constexpr auto nullif(const A& a, B&& b) {
    static_assert(detail::check_comparison<A, B>());
    return detail::call<fn::nullif, detail::make_optional_t<value_type_of<A>>>(a, std::forward<B>(b));
}

template <sql_expression S>
constexpr auto lower(const S& s) {
    static_assert(detail::check_text<S>());
    return detail::call<fn::lower, value_type_of<S>>(s);
}
template <sql_expression S>
constexpr auto upper(const S& s) {
    static_assert(detail::check_text<S>());
    return detail::call<fn::upper, value_type_of<S>>(s);
}
// In characters (not bytes) on both backends.
template <sql_expression S>
constexpr auto length(const S& s) {
    static_assert(detail::check_text<S>());
    return detail::call<fn::length, detail::nullable_if_t<expr_nullable_v<S>, std::int64_t>>(s);
}
// Characters from position `from` (1-based), `count` of them or all the rest.
template <sql_expression S, class From>
constexpr auto substr(const S& s, From&& from) {
    static_assert(detail::check_text<S>() && detail::check_integer<From>());
    return detail::call<fn::substr, detail::nullable_if_t<detail::any_nullable_v<S, From>, std::string>>(
        s, std::forward<From>(from));
}
template <sql_expression S, class From, class Count>
constexpr auto substr(const S& s, From&& from, Count&& count) {
    static_assert(detail::check_text<S>() && detail::check_integer<From>() && detail::check_integer<Count>());
    return detail::call<fn::substr, detail::nullable_if_t<detail::any_nullable_v<S, From, Count>, std::string>>(
        s, std::forward<From>(from), std::forward<Count>(count));
}
// Spaces removed from both ends.
template <sql_expression S>
constexpr auto trim(const S& s) {
    static_assert(detail::check_text<S>());
    return detail::call<fn::trim, value_type_of<S>>(s);
}
template <sql_expression S, class From, class To>
constexpr auto replace(const S& s, From&& from, To&& to) {
    static_assert(detail::check_text<S>() && detail::check_text<From>() && detail::check_text<To>());
    return detail::call<fn::replace, detail::nullable_if_t<detail::any_nullable_v<S, From, To>, std::string>>(
        s, std::forward<From>(from), std::forward<To>(to));
}

template <sql_expression X>
constexpr auto abs(const X& x) {
    static_assert(detail::check_number<X>());
    return detail::call<fn::abs, value_type_of<X>>(x);
}
// Half away from zero on both backends (PostgreSQL rounds a DOUBLE PRECISION
// half to even, so its dialect rounds through NUMERIC).
template <sql_expression X>
constexpr auto round(const X& x) {
    static_assert(detail::check_number<X>());
    return detail::call<fn::round, detail::nullable_if_t<expr_nullable_v<X>, double>>(x);
}
template <sql_expression X, class Digits>
constexpr auto round(const X& x, Digits&& digits) {
    static_assert(detail::check_number<X>() && detail::check_integer<Digits>());
    return detail::call<fn::round, detail::nullable_if_t<detail::any_nullable_v<X, Digits>, double>>(
        x, std::forward<Digits>(digits));
}

namespace detail {
template <class Function, class First, class... Rest>
constexpr auto extreme(First&& first, Rest&&... rest) {
    static_assert((check_comparison<First, Rest>() && ...));
    static_assert(
        (rule::not_nullable_operand<expression_t<First>, sql_type_of<expression_t<First>>> && ... &&
         rule::not_nullable_operand<expression_t<Rest>, sql_type_of<expression_t<Rest>>>),
        "ctql: greatest() and least() take values that cannot be NULL: SQLite gives NULL when one is, "
        "PostgreSQL ignores it; wrap a nullable value in coalesce()");
    return call<Function, base_value_t<First>>(std::forward<First>(first), std::forward<Rest>(rest)...);
}
}  // namespace detail

// The largest / smallest of the values (SQLite spells these max() / min()).
template <class First, class... Rest>
    requires(sizeof...(Rest) > 0 && (sql_expression<First> || (sql_expression<Rest> || ...)))
constexpr auto greatest(First&& first, Rest&&... rest) {
    return detail::extreme<fn::greatest>(std::forward<First>(first), std::forward<Rest>(rest)...);
}
template <class First, class... Rest>
    requires(sizeof...(Rest) > 0 && (sql_expression<First> || (sql_expression<Rest> || ...)))
constexpr auto least(First&& first, Rest&&... rest) {
    return detail::extreme<fn::least>(std::forward<First>(first), std::forward<Rest>(rest)...);
}

// a || b || ...: text joined; NULL if any part is NULL.
template <class... Parts>
struct concatenation : expression_methods<concatenation<Parts...>> {
    using value_type = detail::nullable_if_t<(expr_nullable_v<Parts> || ...), std::string>;
    using tables = detail::union_t<typename Parts::tables...>;
    using params = detail::concat_t<typename Parts::params...>;
    using bare_columns = detail::union_t<typename Parts::bare_columns...>;
    static constexpr bool is_aggregate = (Parts::is_aggregate || ...);
    // `||` ranks differently in SQLite (above *) and PostgreSQL (below +):
    // parenthesised, the result is an operand for either.
    static constexpr int precedence = ctql::precedence::primary;

    detail::value_list<Parts...> parts;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put('(');
        bool first = true;
        ((w.put(first ? "" : " || "), detail::render_operand<Parts>(w, ctql::precedence::unary, false),
          first = false),
         ...);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        parts.for_each([&](const auto& part) { part.each_value(visit); });
    }
};

template <class First, class... Rest>
    requires(sizeof...(Rest) > 0 && (sql_expression<First> || (sql_expression<Rest> || ...)))
constexpr auto concat(First&& first, Rest&&... rest) {
    static_assert(detail::check_text<First>() && (detail::check_text<Rest>() && ...));
    return concatenation<expression_t<First>, expression_t<Rest>...>{
        {}, detail::make_value_list(to_expression(std::forward<First>(first)), to_expression(std::forward<Rest>(rest))...)};
}

// CAST(e AS type): the dialect's name for T. Converting text to a number
// fails on PostgreSQL where SQLite yields 0; cast what is known to convert.
template <class T, class Operand>
struct cast_expression : expression_methods<cast_expression<T, Operand>> {
    using value_type = detail::nullable_if_t<expr_nullable_v<Operand>, T>;
    using tables = typename Operand::tables;
    using params = typename Operand::params;
    using bare_columns = typename Operand::bare_columns;
    static constexpr bool is_aggregate = Operand::is_aggregate;
    static constexpr int precedence = ctql::precedence::primary;

    Operand operand;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("CAST(");
        render::node<Operand>(w);
        w.put(" AS ");
        w.put(Writer::dialect::template type_name<T>());
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
    }
};

template <storable T, class E>
    requires expression_operand<E>
constexpr auto cast(E&& e) {
    return cast_expression<T, expression_t<E>>{{}, to_expression(std::forward<E>(e))};
}

}  // namespace ctql
