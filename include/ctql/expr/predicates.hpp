// SPDX-License-Identifier: MIT
#pragma once
// IS [NOT] NULL, [NOT] LIKE, ILIKE, [NOT] IN (value list) and BETWEEN.
//   users.id.in(1, 2, 3)            one placeholder per value
//   users.id.in(ids)                a std::vector or span of ids known at run time: one parameter
#include <iterator>
#include <ranges>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include <ctql/core/value_array.hpp>

#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/operators.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

template <class Operand, bool Negated>
struct null_test : expression_methods<null_test<Operand, Negated>> {
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

namespace match {
struct like { static constexpr std::string_view token = " LIKE "; };
struct not_like { static constexpr std::string_view token = " NOT LIKE "; };
// Case-insensitive: PostgreSQL's ILIKE; SQLite's dialect spells it with lower().
struct ilike { static constexpr std::string_view token = " ILIKE "; };
}  // namespace match

// `e LIKE pattern ESCAPE '\'`. LIKE means the same on both backends: case
// matters (SQLite connections turn on case_sensitive_like, which SQLite
// otherwise leaves off), and a backslash escapes % and _ (PostgreSQL's
// default, which SQLite has no default for: ESCAPE says it on both).
template <class Match, class Operand, class Pattern>
struct like_expression : expression_methods<like_expression<Match, Operand, Pattern>> {
    using value_type = detail::comparison_result_t<Operand, Pattern>;
    using tables = detail::union_t<typename Operand::tables, typename Pattern::tables>;
    using params = detail::concat_t<typename Operand::params, typename Pattern::params>;
    using bare_columns = detail::union_t<typename Operand::bare_columns, typename Pattern::bare_columns>;
    static constexpr bool is_aggregate = Operand::is_aggregate || Pattern::is_aggregate;
    static constexpr int precedence = precedence::comparison;

    Operand operand;
    Pattern pattern;

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_operand<Operand>(w, precedence, true);
        w.put(Match::token);
        detail::render_operand<Pattern>(w, precedence, true);
        w.put(" ESCAPE '\\'");
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
        detail::each_value_of<Operand>(pattern, visit);
    }
};

namespace detail {
template <class Match, class E, class Pattern>
constexpr auto make_like(const E& e, Pattern&& pattern) {
    using pattern_t = expression_t<Pattern>;
    static_assert(rule::text_operand<E, sql_type_of<E>>, "ctql: like() applies to a text expression");
    static_assert(rule::text_operand<pattern_t, sql_type_of<pattern_t>>, "ctql: a like() pattern is text");
    return like_expression<Match, E, pattern_t>{{}, e, to_expression(std::forward<Pattern>(pattern))};
}
}  // namespace detail

template <sql_expression E, class Pattern>
constexpr auto like(const E& e, Pattern&& pattern) {
    return detail::make_like<match::like>(e, std::forward<Pattern>(pattern));
}
template <sql_expression E, class Pattern>
constexpr auto not_like(const E& e, Pattern&& pattern) {
    return detail::make_like<match::not_like>(e, std::forward<Pattern>(pattern));
}
template <sql_expression E, class Pattern>
constexpr auto ilike(const E& e, Pattern&& pattern) {
    return detail::make_like<match::ilike>(e, std::forward<Pattern>(pattern));
}

template <class Operand, bool Negated, class... Items>
struct in_list : expression_methods<in_list<Operand, Negated, Items...>> {
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
        w.put(Negated ? " NOT IN (" : " IN (");
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

// `e IN (values of a run-time list)`, its values bound as one parameter:
// `= ANY($1)` with an array here; SQLite's dialect reads JSON with json_each().
template <class Operand, bool Negated, class T>
struct in_array : expression_methods<in_array<Operand, Negated, T>> {
    using value_type = detail::comparison_result_t<Operand, Operand>;
    using tables = typename Operand::tables;
    using params = typename Operand::params;
    using bare_columns = typename Operand::bare_columns;
    static constexpr bool is_aggregate = Operand::is_aggregate;
    static constexpr int precedence = precedence::comparison;
    using element_type = T;

    Operand operand;
    value_array<T> list;

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_operand<Operand>(w, precedence, true);
        w.put(Negated ? " <> ALL(" : " = ANY(");
        w.placeholder();
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
        if constexpr (detail::secret_operand<Operand>()) detail::secret_visitor<Visitor>{visit}(list);
        else visit(list);
    }
};

namespace detail {
// A range of values given to in() whole, rather than one value per argument.
// A std::vector is one even though it is also an array value (sql_kind::array).
template <class R>
concept value_range = std::ranges::sized_range<R> && !sql_expression<R> && !null_literal<R> && !scalar_query<R> &&
                      literal_value<std::ranges::range_value_t<R>> &&
                      storable<literal_value_type_t<std::ranges::range_value_t<R>>>;

template <bool Negated, class E, value_range R>
constexpr auto make_in_array(const E& e, const R& range) {
    using element = literal_value_type_t<std::ranges::range_value_t<R>>;
    static_assert(check_comparison<E, element>());
    static_assert(kind_of_v<element> != sql_kind::blob, "ctql: in() with a run-time list takes no blobs");
    static_assert(!mapped_type<element> && kind_of_v<element> != sql_kind::uuid &&
                      kind_of_v<element> != sql_kind::json && kind_of_v<element> != sql_kind::array,
                  "ctql: in() with a run-time list takes numbers, decimals, text, booleans, dates and timestamps; "
                  "list other values one by one: e.in(a, b, c)");
    return in_array<E, Negated, element>{
        {}, e, {std::vector<element>(std::ranges::begin(range), std::ranges::end(range))}};
}

// `e IN (SELECT ...)`, in stmt/subquery.hpp.
template <bool Negated, class E, class Query>
constexpr auto make_in_subquery(const E& e, const Query& query);

template <class T>
concept query_value = requires { requires std::remove_cvref_t<T>::is_query; };

template <bool Negated, class E, class... Values>
constexpr auto make_in(const E& e, Values&&... values) {
    static_assert(sizeof...(Values) > 0, "ctql: in() needs at least one value");
    if constexpr (sizeof...(Values) == 1 && (query_value<Values> && ...)) {
        return make_in_subquery<Negated>(e, values...);
    } else if constexpr (sizeof...(Values) == 1 && (value_range<Values> && ...)) {
        return make_in_array<Negated>(e, values...);
    } else {
        static_assert((check_comparison<E, Values>() && ...));
        return in_list<E, Negated, expression_t<Values>...>{
            {}, e, make_value_list(to_expression(std::forward<Values>(values))...)};
    }
}
}  // namespace detail

template <sql_expression E, class... Values>
constexpr auto in(const E& e, Values&&... values) {
    return detail::make_in<false>(e, std::forward<Values>(values)...);
}
template <sql_expression E, class... Values>
constexpr auto not_in(const E& e, Values&&... values) {
    return detail::make_in<true>(e, std::forward<Values>(values)...);
}

template <class Operand, class Low, class High>
struct between_expression : expression_methods<between_expression<Operand, Low, High>> {
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
