#pragma once
// IS [NOT] NULL, LIKE, IN (value list) and BETWEEN.
#include <utility>

#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/operators.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

template <class Operand, bool Negated>
struct null_test : detail::expression_tag {
    using value_type = bool;  // IS NULL is never NULL itself
    using tables = typename Operand::tables;
    using params = typename Operand::params;
    using bare_columns = typename Operand::bare_columns;
    static constexpr bool is_aggregate = Operand::is_aggregate;
    static constexpr int precedence = precedence::comparison;

    Operand operand;

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_operand<Operand>(w, precedence, true);
        w.put(Negated ? " IS NOT NULL" : " IS NULL");
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
    }
};

template <sql_expression E>
constexpr auto is_null(const E& e) {
    return null_test<E, false>{{}, e};
}
template <sql_expression E>
constexpr auto is_not_null(const E& e) {
    return null_test<E, true>{{}, e};
}

template <sql_expression E, class Pattern>
constexpr auto like(const E& e, Pattern&& pattern) {
    using pattern_t = expression_t<Pattern>;
    static_assert(rule::text_operand<E, sql_type_of<E>>, "ctql: like() applies to a text expression");
    static_assert(rule::text_operand<pattern_t, sql_type_of<pattern_t>>, "ctql: a like() pattern is text");
    return binary_expression<op::like, E, pattern_t, detail::comparison_result_t<E, pattern_t>>{
        {}, e, to_expression(std::forward<Pattern>(pattern))};
}

template <class Operand, class... Items>
struct in_list : detail::expression_tag {
    using value_type = detail::comparison_result_t<Operand, Operand>;
    using tables = detail::union_t<typename Operand::tables, typename Items::tables...>;
    using params = detail::concat_t<typename Operand::params, typename Items::params...>;
    using bare_columns = detail::union_t<typename Operand::bare_columns, typename Items::bare_columns...>;
    static constexpr bool is_aggregate = (Operand::is_aggregate || ... || Items::is_aggregate);
    static constexpr int precedence = precedence::comparison;

    Operand operand;
    detail::value_list<Items...> items;

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_operand<Operand>(w, precedence, true);
        w.put(" IN (");
        bool first = true;
        ((w.put(first ? "" : ", "), render::node<Items>(w), first = false), ...);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
        items.for_each([&](const auto& item) { detail::each_value_of<Operand>(item, visit); });
    }
};

template <sql_expression E, class... Values>
constexpr auto in(const E& e, Values&&... values) {
    static_assert(sizeof...(Values) > 0, "ctql: in() needs at least one value");
    static_assert((detail::check_comparison<E, Values>() && ...));
    return in_list<E, expression_t<Values>...>{{}, e, detail::make_value_list(to_expression(std::forward<Values>(values))...)};
}

template <class Operand, class Low, class High>
struct between_expression : detail::expression_tag {
    using value_type = detail::nullable_if_t<expr_nullable_v<Operand> || expr_nullable_v<Low> || expr_nullable_v<High>, bool>;
    using tables = detail::union_t<typename Operand::tables, typename Low::tables, typename High::tables>;
    using params = detail::concat_t<typename Operand::params, typename Low::params, typename High::params>;
    using bare_columns =
        detail::union_t<typename Operand::bare_columns, typename Low::bare_columns, typename High::bare_columns>;
    static constexpr bool is_aggregate = Operand::is_aggregate || Low::is_aggregate || High::is_aggregate;
    static constexpr int precedence = precedence::comparison;

    Operand operand;
    Low low;
    High high;

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_operand<Operand>(w, precedence, true);
        w.put(" BETWEEN ");
        detail::render_operand<Low>(w, precedence, true);
        w.put(" AND ");
        detail::render_operand<High>(w, precedence, true);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
        detail::each_value_of<Operand>(low, visit);
        detail::each_value_of<Operand>(high, visit);
    }
};

template <sql_expression E, class Low, class High>
constexpr auto between(const E& e, Low&& low, High&& high) {
    static_assert(detail::check_comparison<E, Low>() && detail::check_comparison<E, High>());
    return between_expression<E, expression_t<Low>, expression_t<High>>{
        {}, e, to_expression(std::forward<Low>(low)), to_expression(std::forward<High>(high))};
}

}  // namespace ctql
