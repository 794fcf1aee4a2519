// SPDX-License-Identifier: MIT
#pragma once
// What every expression node provides, and how C++ values become nodes.
//
// A node type carries everything the compiler needs to check and render it:
//   value_type     the C++ type of its value (std::optional<T> when it can be NULL)
//   tables         the tables its columns come from
//   params         the named parameters it contains
//   bare_columns   columns outside any aggregate (for the GROUP BY rule)
//   is_aggregate   whether it contains an aggregate
//   precedence     to parenthesise operands only where SQL needs it
// and renders with a static function, so the SQL text depends on the type
// alone. Bound values live in the node object and are visited in render order
// by each_value(). Every node derives from expression_methods<Node>, which
// gives it the member spellings (`e.desc()`, `e.is_null()`, `e.as<"n">()`).
#include <chrono>
#include <cstddef>
#include <ratio>
#include <string_view>
#include <type_traits>
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

namespace detail {
struct expression_tag {};
}  // namespace detail

template <class E>
concept sql_expression = std::is_base_of_v<detail::expression_tag, std::remove_cvref_t<E>>;

// The free functions behind the member spellings, defined in order.hpp,
// predicates.hpp and names.hpp.
template <sql_expression E>
constexpr auto asc(const E& e);
template <sql_expression E>
constexpr auto desc(const E& e);
template <sql_expression E>
constexpr auto is_null(const E& e);
template <sql_expression E>
constexpr auto is_not_null(const E& e);
template <sql_expression E, class Pattern>
constexpr auto like(const E& e, Pattern&& pattern);
template <sql_expression E, class Pattern>
constexpr auto not_like(const E& e, Pattern&& pattern);
template <sql_expression E, class Pattern>
constexpr auto ilike(const E& e, Pattern&& pattern);
template <sql_expression E, class... Values>
constexpr auto in(const E& e, Values&&... values);
template <sql_expression E, class... Values>
constexpr auto not_in(const E& e, Values&&... values);
template <sql_expression E, class Low, class High>
constexpr auto between(const E& e, Low&& low, High&& high);
template <class Name, sql_expression E>
constexpr auto named(const E& e);
template <fixed_string Name>
struct string_name;

template <class Self>
struct expression_methods : detail::expression_tag {
    constexpr auto asc() const { return ctql::asc(self()); }
    constexpr auto desc() const { return ctql::desc(self()); }
    constexpr auto is_null() const { return ctql::is_null(self()); }
    constexpr auto is_not_null() const { return ctql::is_not_null(self()); }
    template <class P>
    constexpr auto like(P&& pattern) const {
        return ctql::like(self(), std::forward<P>(pattern));
    }
    template <class P>
    constexpr auto not_like(P&& pattern) const {
        return ctql::not_like(self(), std::forward<P>(pattern));
    }
    template <class P>
    constexpr auto ilike(P&& pattern) const {
        return ctql::ilike(self(), std::forward<P>(pattern));
    }
    template <class... Vs>
    constexpr auto in(Vs&&... values) const {
        return ctql::in(self(), std::forward<Vs>(values)...);
    }
    template <class... Vs>
    constexpr auto not_in(Vs&&... values) const {
        return ctql::not_in(self(), std::forward<Vs>(values)...);
    }
    template <class L, class H>
    constexpr auto between(L&& low, H&& high) const {
        return ctql::between(self(), std::forward<L>(low), std::forward<H>(high));
    }
    // Names the value in a select list: `count(o.id).as<"orders">()` is reached
    // as get<"orders">(row) and maps onto a struct member `orders`;
    // `.as(orders)` with CTQL_NAME(orders) also gives `row.orders`.
    template <fixed_string Name>
    constexpr auto as() const {
        return ctql::named<string_name<Name>>(self());
    }
    template <class Name>
        requires requires { Name::ctql_sql_name; typename Name::template row_member<int>; }
    constexpr auto as(const Name&) const {
        return ctql::named<Name>(self());
    }

private:
    constexpr const Self& self() const { return static_cast<const Self&>(*this); }
};

namespace precedence {
inline constexpr int or_ = 1;
inline constexpr int and_ = 2;
inline constexpr int not_ = 3;
inline constexpr int comparison = 4;
inline constexpr int additive = 5;
inline constexpr int multiplicative = 6;
inline constexpr int unary = 7;
inline constexpr int primary = 9;
}  // namespace precedence

namespace detail {
// Leaf defaults; nodes override what differs.
template <class Self>
struct leaf_traits : expression_methods<Self> {
    using tables = type_list<>;
    using params = type_list<>;
    using bare_columns = type_list<>;
    static constexpr bool is_aggregate = false;
    static constexpr int precedence = precedence::primary;
};

template <class Node, class Writer>
constexpr void render_operand(Writer& w, int parent_precedence, bool parenthesise_equal) {
    const bool wrap = Node::precedence < parent_precedence ||
                      (parenthesise_equal && Node::precedence == parent_precedence);
    if (wrap) w.put('(');
    render::node<Node>(w);
    if (wrap) w.put(')');
}

template <class T>
using make_optional_t = std::optional<base_type_t<T>>;

template <bool Nullable, class T>
using nullable_if_t = std::conditional_t<Nullable, std::optional<T>, T>;
}  // namespace detail

template <sql_expression E>
using value_type_of = typename std::remove_cvref_t<E>::value_type;

template <sql_expression E>
inline constexpr bool is_null_expression_v = std::is_same_v<value_type_of<E>, null_t>;

template <sql_expression E>
inline constexpr sql_kind expr_kind_v = kind_of_v<value_type_of<E>>;

namespace detail {
template <class E>
constexpr bool nullable_expression() {
    if constexpr (is_null_expression_v<E>) return true;
    else return is_nullable_v<value_type_of<E>>;
}
}  // namespace detail

template <sql_expression E>
inline constexpr bool expr_nullable_v = detail::nullable_expression<E>();

// A C++ value inside an expression: always a bound parameter, never SQL text.
template <class Stored, column_value ValueType>
struct value : detail::leaf_traits<value<Stored, ValueType>> {
    using value_type = ValueType;
    Stored stored;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.placeholder();
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        visit(stored);
    }
};

// SQL NULL written in an expression or assignment.
struct null_value : detail::leaf_traits<null_value> {
    using value_type = null_t;
    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("NULL");
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

namespace detail {
template <class E>
constexpr bool secret_operand() {
    if constexpr (requires { E::is_secret; }) return E::is_secret;
    else return false;
}

// Passes values on as secret: loggers mask them, binders bind them as usual.
template <class Visitor>
struct secret_visitor {
    Visitor& visit;
    template <class V>
    constexpr void operator()(const V& v) {
        if constexpr (requires { visit.secret(v); }) visit.secret(v);
        else visit(v);
    }
};

// Visits `node`'s values, as secret when any of `Operands` is a secret column or parameter.
template <class... Operands, class Node, class Visitor>
constexpr void each_value_of(const Node& node, Visitor& visit) {
    if constexpr ((secret_operand<Operands>() || ...)) {
        secret_visitor<Visitor> masked{visit};
        node.each_value(masked);
    } else {
        node.each_value(visit);
    }
}
}  // namespace detail

template <class T>
concept null_literal = std::is_same_v<std::remove_cvref_t<T>, null_t> ||
                       std::is_same_v<std::remove_cvref_t<T>, std::nullopt_t> ||
                       std::is_same_v<std::remove_cvref_t<T>, null_value>;

// A query (select, union, ...) returning one column, used as a value: a
// scalar subquery, `(SELECT ...)`. Defined with the statements (stmt/subquery.hpp).
template <class T>
concept scalar_query = requires {
    requires std::remove_cvref_t<T>::is_query;
    requires std::remove_cvref_t<T>::column_count == 1;
};
template <class Query>
struct scalar_subquery;

namespace detail {
template <class T>
struct finer_than_microseconds : std::false_type {};
template <class D>
struct finer_than_microseconds<std::chrono::sys_time<D>>
    : std::bool_constant<!std::ratio_less_equal_v<std::micro, typename D::period>> {};
}  // namespace detail

// Values that look right but are not: nullptr for NULL, a time point finer
// than the microseconds a timestamp column keeps (system_clock::now()). They
// are accepted as operands only to be refused with a sentence saying so.
template <class T>
concept mistaken_value = std::is_same_v<std::remove_cvref_t<T>, std::nullptr_t> ||
                         detail::finer_than_microseconds<std::remove_cvref_t<T>>::value;

namespace rule {
template <class Value>
inline constexpr bool nullptr_is_not_null = !std::is_same_v<std::remove_cvref_t<Value>, std::nullptr_t>;
template <class TimePoint>
inline constexpr bool time_point_at_most_microseconds = !detail::finer_than_microseconds<std::remove_cvref_t<TimePoint>>::value;
}  // namespace rule

template <class T>
constexpr bool refuse_mistaken_value() {
    static_assert(rule::nullptr_is_not_null<T>, "ctql: nullptr is not SQL NULL: write ctql::null (or std::nullopt) for NULL");
    static_assert(rule::time_point_at_most_microseconds<T>,
                  "ctql: this time point is finer than microseconds (std::chrono::system_clock::now() counts "
                  "nanoseconds here), and a timestamp column keeps microseconds: write "
                  "std::chrono::floor<std::chrono::microseconds>(t), or use ctql::timestamp");
    return false;
}

template <class T>
concept expression_operand =
    sql_expression<T> || literal_value<T> || null_literal<T> || scalar_query<T> || mistaken_value<T>;

template <class T>
constexpr auto to_expression(T&& v) {
    if constexpr (mistaken_value<T>) {
        static_assert(refuse_mistaken_value<T>());
        return null_value{};
    } else if constexpr (null_literal<T>) {
        return null_value{};
    } else if constexpr (scalar_query<T>) {
        return scalar_subquery<std::remove_cvref_t<T>>{{}, {}, v};
    } else if constexpr (sql_expression<T>) {
        return std::remove_cvref_t<T>(std::forward<T>(v));
    } else {
        return value<literal_storage_t<T>, literal_value_type_t<T>>{{}, literal_storage_t<T>(std::forward<T>(v))};
    }
}

template <class T>
using expression_t = decltype(to_expression(std::declval<T>()));

}  // namespace ctql
