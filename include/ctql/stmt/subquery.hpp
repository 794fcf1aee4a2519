// SPDX-License-Identifier: MIT
#pragma once
// Queries inside expressions:
//   exists(select(orders.id).from(orders).where(orders.user_id == users.id))     correlated
//   users.id.in(select(orders.user_id).from(orders).where(orders.total > 100))
//   users.score > select(avg(users.score)).from(users)                         a scalar subquery
// A subquery may read the tables of the queries around it (correlation); the
// outer query may not read the subquery's. Its bound values are bound in the
// order they appear in the SQL text, like every other value.
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/operators.hpp>
#include <ctql/expr/predicates.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace detail {
// The tables a query reads from the queries around it.
template <class Query>
using outer_tables_t = typename Query::kind::template outer_tables<Query>;

template <class Query>
constexpr bool check_subquery() {
    static_assert(Query::is_query, "ctql: only a select (or a union of selects) can be a subquery");
    return Query::kind::template check_as_subquery<Query>();
}

// What a node wrapping a subquery reads and binds.
template <class Query>
struct subquery_traits {
    using tables = outer_tables_t<Query>;
    using params = typename Query::params;
    using bare_columns = type_list<>;
    static constexpr bool is_aggregate = false;
};
}  // namespace detail

// (SELECT ...) as a value: NULL when it finds no row.
template <class Query>
struct scalar_subquery : expression_methods<scalar_subquery<Query>>, detail::subquery_traits<Query> {
    static_assert(detail::check_subquery<Query>());
    using value_type = detail::make_optional_t<typename Query::result_row>;
    static constexpr int precedence = ctql::precedence::primary;

    Query query;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put('(');
        Query::render(w);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        query.each_value(visit);
    }
};

template <bool Negated, class Query>
struct exists_expression : expression_methods<exists_expression<Negated, Query>>, detail::subquery_traits<Query> {
    static_assert(detail::check_subquery<Query>());
    using value_type = bool;
    static constexpr int precedence = ctql::precedence::primary;

    Query query;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Negated ? "NOT EXISTS (" : "EXISTS (");
        Query::render(w);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        query.each_value(visit);
    }
};

template <class Operand, bool Negated, class Query>
struct in_subquery : expression_methods<in_subquery<Operand, Negated, Query>> {
    static_assert(detail::check_subquery<Query>());
    using value_type = std::optional<bool>;  // NULL where the subquery yields a NULL and no match
    using tables = detail::union_t<typename Operand::tables, detail::outer_tables_t<Query>>;
    using params = detail::concat_t<typename Operand::params, typename Query::params>;
    using bare_columns = typename Operand::bare_columns;
    static constexpr bool is_aggregate = Operand::is_aggregate;
    static constexpr int precedence = ctql::precedence::comparison;

    Operand operand;
    Query query;

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_operand<Operand>(w, precedence, true);
        w.put(Negated ? " NOT IN (" : " IN (");
        Query::render(w);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
        query.each_value(visit);
    }
};

template <class Query>
    requires(Query::is_query)
constexpr auto exists(const Query& query) {
    return exists_expression<false, Query>{{}, {}, query};
}
template <class Query>
    requires(Query::is_query)
constexpr auto not_exists(const Query& query) {
    return exists_expression<true, Query>{{}, {}, query};
}

namespace detail {
template <bool Negated, class E, class Query>
constexpr auto make_in_subquery(const E& e, const Query& query) {
    static_assert(Query::column_count == 1, "ctql: the subquery of in() must select exactly one column");
    using column = scalar_subquery<Query>;
    static_assert(check_comparison<E, column>());
    return in_subquery<E, Negated, Query>{{}, e, query};
}
}  // namespace detail

}  // namespace ctql
