#pragma once
// count, sum, avg, min, max. Except count, each is NULL over zero rows, so
// its value type is std::optional: the type says what SQL can return.
#include <cstdint>
#include <optional>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

namespace fn {
struct count { static constexpr std::string_view name = "COUNT"; };
struct sum { static constexpr std::string_view name = "SUM"; };
struct avg { static constexpr std::string_view name = "AVG"; };
struct min { static constexpr std::string_view name = "MIN"; };
struct max { static constexpr std::string_view name = "MAX"; };
}  // namespace fn

template <class Function, class Operand, bool Distinct, column_value ValueType>
struct aggregate : detail::expression_tag {
    using value_type = ValueType;
    using tables = typename Operand::tables;
    using params = typename Operand::params;
    using bare_columns = detail::type_list<>;
    static constexpr bool is_aggregate = true;
    static constexpr int precedence = precedence::primary;

    Operand operand;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Function::name);
        w.put(Distinct ? "(DISTINCT " : "(");
        render::node<Operand>(w);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
    }
};

// COUNT(*)
struct count_all_expression : detail::leaf_traits {
    using value_type = std::int64_t;
    static constexpr bool is_aggregate = true;
    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("COUNT(*)");
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

namespace detail {
template <class Function, bool Distinct, class E, class ValueType>
constexpr auto make_aggregate(const E& e) {
    static_assert(rule::not_an_aggregate<E, sql_type_of<E>>,
                  "ctql: an aggregate cannot contain another aggregate (SQL forbids nesting them)");
    return aggregate<Function, E, Distinct, ValueType>{{}, e};
}

// SQL sums integers as integers and everything else as reals.
template <class E>
using sum_type_t = std::conditional_t<expr_kind_v<E> == sql_kind::integer, std::int64_t, double>;
}  // namespace detail

constexpr auto count() { return count_all_expression{}; }

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
    static_assert(rule::numeric_operand<E, sql_type_of<E>>, "ctql: sum() adds numbers; its operand is not numeric");
    return detail::make_aggregate<fn::sum, false, E, std::optional<detail::sum_type_t<E>>>(e);
}
template <sql_expression E>
constexpr auto avg(const E& e) {
    static_assert(rule::numeric_operand<E, sql_type_of<E>>, "ctql: avg() averages numbers; its operand is not numeric");
    return detail::make_aggregate<fn::avg, false, E, std::optional<double>>(e);
}
template <sql_expression E>
constexpr auto min(const E& e) {
    return detail::make_aggregate<fn::min, false, E, detail::make_optional_t<value_type_of<E>>>(e);
}
template <sql_expression E>
constexpr auto max(const E& e) {
    return detail::make_aggregate<fn::max, false, E, detail::make_optional_t<value_type_of<E>>>(e);
}

}  // namespace ctql
