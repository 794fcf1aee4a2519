// SPDX-License-Identifier: MIT
#pragma once
// count, sum, avg, min, max, their DISTINCT forms, and FILTER:
//   count()  count(e)  count_distinct(e)  sum(e)  sum_distinct(e)  avg(e)  avg_distinct(e)  min(e)  max(e)
//   count().filter(orders.total > 100)       COUNT(*) FILTER (WHERE ...)
// Except count, each is NULL over zero rows, so its value type is
// std::optional: the type says what SQL can return. Result types are the
// same on every dialect (see dialect/postgres.hpp for how PostgreSQL is made
// to agree): count is std::int64_t, sum of integers std::int64_t, sum of
// reals and avg of anything double, min/max the argument's type.
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>

#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/expr/window.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

namespace fn {
struct count { static constexpr std::string_view name = "COUNT"; };
struct sum { static constexpr std::string_view name = "SUM"; };
struct avg { static constexpr std::string_view name = "AVG"; };
struct min { static constexpr std::string_view name = "MIN"; };
struct max { static constexpr std::string_view name = "MAX"; };
}  // namespace fn

// The `*` of COUNT(*).
struct every_row : detail::leaf_traits<every_row> {
    using value_type = std::int64_t;
    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put('*');
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

// An aggregate without FILTER, or without OVER.
struct no_filter : detail::leaf_traits<no_filter> {
    using value_type = bool;
    template <class Writer>
    static constexpr void render(Writer&) {}
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};
struct no_window {
    using tables = detail::type_list<>;
    using params = detail::type_list<>;
    using bare_columns = detail::type_list<>;
    template <class Writer>
    static constexpr void render(Writer&) {}
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

// What follows the call: FILTER (WHERE ...) and OVER (...).
template <class Filter, class Window>
struct aggregate_tail {
    using filter = Filter;
    using window = Window;
    using tables = detail::union_t<typename Filter::tables, typename Window::tables>;
    using params = detail::concat_t<typename Filter::params, typename Window::params>;

    Filter filter_condition;
    Window window_spec;

    template <class Writer>
    static constexpr void render(Writer& w) {
        if constexpr (!std::is_same_v<Filter, no_filter>) {
            w.put(" FILTER (WHERE ");
            render::node<Filter>(w);
            w.put(')');
        }
        Window::render(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        filter_condition.each_value(visit);
        window_spec.each_value(visit);
    }
};
using plain_aggregate = aggregate_tail<no_filter, no_window>;

namespace rule {
template <class Operand, class OperandType>
inline constexpr bool min_max_operand_orders_alike =
    !std::is_same_v<OperandType, sql_type::boolean> && !std::is_same_v<OperandType, sql_type::blob> &&
    !std::is_same_v<OperandType, sql_type::uuid> && !std::is_same_v<OperandType, sql_type::json>;
}  // namespace rule

// With OVER, an aggregate is a window function: computed per row, it does
// not group the select, and its columns are then ordinary (bare) columns.
template <class Function, class Operand, bool Distinct, column_value ValueType, class Tail = plain_aggregate>
struct aggregate : expression_methods<aggregate<Function, Operand, Distinct, ValueType, Tail>> {
    static constexpr bool is_window = !std::is_same_v<typename Tail::window, no_window>;
    using function = Function;
    using operand_type = Operand;
    using value_type = ValueType;
    using tables = detail::union_t<typename Operand::tables, typename Tail::tables>;
    using params = detail::concat_t<typename Operand::params, typename Tail::params>;
    using bare_columns = std::conditional_t<is_window, detail::union_t<typename Operand::bare_columns, typename Tail::window::bare_columns>,
                                            detail::type_list<>>;
    static constexpr bool is_aggregate = !is_window;
    static constexpr int precedence = precedence::primary;

    Operand operand;
    Tail tail;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Function::name);
        w.put(Distinct ? "(DISTINCT " : "(");
        render::node<Operand>(w);
        w.put(')');
        render_tail(w);
    }
    template <class Writer>
    static constexpr void render_tail(Writer& w) {
        Tail::render(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
        tail.each_value(visit);
    }

    // Aggregates only the rows for which `condition` holds.
    template <sql_expression Condition>
    constexpr auto filter(const Condition& condition) const {
        static_assert(std::is_same_v<Tail, plain_aggregate>, "ctql: filter() comes once, before over(); combine "
                                                             "conditions with && and ||");
        static_assert(rule::boolean_condition<Condition, sql_type_of<Condition>>,
                      "ctql: the condition of filter() must be boolean (a comparison or a boolean column)");
        static_assert(rule::not_an_aggregate<Condition, sql_type_of<Condition>>,
                      "ctql: the condition of filter() is about rows; it cannot contain an aggregate");
        return aggregate<Function, Operand, Distinct, ValueType, aggregate_tail<Condition, no_window>>{
            {}, operand, {condition, {}}};
    }

    // The aggregate over a window, per row (see expr/window.hpp).
    template <class Spec>
        requires is_window_spec_v<Spec>
    constexpr auto over(const Spec& spec) const {
        static_assert(!is_window, "ctql: this aggregate already has a window");
        using filter_t = typename Tail::filter;
        return aggregate<Function, Operand, Distinct, ValueType, aggregate_tail<filter_t, Spec>>{
            {}, operand, {tail.filter_condition, spec}};
    }
};

namespace detail {
template <class Function, bool Distinct, class E, class ValueType>
constexpr auto make_aggregate(const E& e) {
    static_assert(rule::not_an_aggregate<E, sql_type_of<E>>,
                  "ctql: an aggregate cannot contain another aggregate (SQL forbids nesting them)");
    return aggregate<Function, E, Distinct, ValueType>{{}, e, {}};
}

// SQL sums integers as integers and everything else as reals; decimals as
// decimals of their scale (SQLite adds their integer units, PostgreSQL NUMERICs).
template <class E>
using sum_type_t = std::conditional_t<expr_kind_v<E> == sql_kind::integer, std::int64_t, double>;

// A decimal sums as a decimal of the same scale; integers and reals as themselves.
template <class E>
inline constexpr bool sums_as_decimal_v = expr_kind_v<E> == sql_kind::decimal && !mapped_type<base_type_t<value_type_of<E>>>;

template <bool Distinct, class E>
constexpr auto make_sum(const E& e) {
    if constexpr (sums_as_decimal_v<E>) {
        using sum_t = decimal<18, base_type_t<value_type_of<E>>::scale>;
        return make_aggregate<fn::sum, Distinct, E, std::optional<sum_t>>(e);
    } else {
        static_assert(rule::numeric_operand<E, sql_type_of<E>>, "ctql: sum() adds numbers; its operand is not numeric");
        return make_aggregate<fn::sum, Distinct, E, std::optional<sum_type_t<E>>>(e);
    }
}
template <bool Distinct, class E>
constexpr auto make_avg(const E& e) {
    static_assert(rule::numeric_operand<E, sql_type_of<E>>, "ctql: avg() averages numbers; its operand is not numeric");
    return make_aggregate<fn::avg, Distinct, E, std::optional<double>>(e);
}

template <class Function, class E>
constexpr auto make_min_max(const E& e) {
    static_assert(rule::min_max_operand_orders_alike<E, sql_type_of<E>>,
                  "ctql: min() and max() take no boolean or blob: PostgreSQL has neither; for a boolean b, "
                  "write max(case_when(b, 1).else_(0)) (true if any row is). Nor uuid or json, which PostgreSQL "
                  "does not aggregate either");
    return make_aggregate<Function, false, E, make_optional_t<value_type_of<E>>>(e);
}
}  // namespace detail

constexpr auto count() { return aggregate<fn::count, every_row, false, std::int64_t>{}; }

template <sql_expression E>
constexpr auto count(const E& e) {
    return detail::make_aggregate<fn::count, false, E, std::int64_t>(e);
}
template <sql_expression E>
constexpr auto count_distinct(const E& e) {
    return detail::make_aggregate<fn::count, true, E, std::int64_t>(e);
}
template <sql_expression E>
constexpr auto sum(const E& e) {
    return detail::make_sum<false>(e);
}
template <sql_expression E>
constexpr auto sum_distinct(const E& e) {
    return detail::make_sum<true>(e);
}
template <sql_expression E>
constexpr auto avg(const E& e) {
    return detail::make_avg<false>(e);
}
template <sql_expression E>
constexpr auto avg_distinct(const E& e) {
    return detail::make_avg<true>(e);
}
template <sql_expression E>
constexpr auto min(const E& e) {
    return detail::make_min_max<fn::min>(e);
}
template <sql_expression E>
constexpr auto max(const E& e) {
    return detail::make_min_max<fn::max>(e);
}

}  // namespace ctql
