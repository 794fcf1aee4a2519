// SPDX-License-Identifier: MIT
#pragma once
// SELECT [DISTINCT] ... FROM ... [JOIN ... ON ...] [WHERE] [GROUP BY] [HAVING]
// [ORDER BY] [LIMIT] [OFFSET]: a statement of these clauses, each filled by
// its method (see stmt/clauses/). What depends on FROM (every column's table
// is there; grouping is consistent) is checked once the statement is
// complete: when its SQL is rendered or it runs.
#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/stmt/checks.hpp>
#include <ctql/stmt/clauses/from.hpp>
#include <ctql/stmt/clauses/group_by.hpp>
#include <ctql/stmt/clauses/having.hpp>
#include <ctql/stmt/clauses/order_by.hpp>
#include <ctql/stmt/clauses/paging.hpp>
#include <ctql/stmt/clauses/select_columns.hpp>
#include <ctql/stmt/clauses/where.hpp>
#include <ctql/stmt/clauses/with.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

struct select_kind {
    template <class Clauses>
    using columns_of = detail::clause_in_t<detail::select_columns_slot, Clauses>;
    template <class Clauses>
    using from_of = detail::clause_in_t<detail::from_slot, Clauses>;

    template <class Clauses>
    using select_list = columns_of<Clauses>;
    template <class Clauses>
    using result_row = typename columns_of<Clauses>::template result_row<typename from_of<Clauses>::nullable_tables>;
    template <class Clauses>
    static constexpr auto column_names = columns_of<Clauses>::names;
    static constexpr bool is_query = true;
    template <class Clauses>
    static constexpr std::size_t column_count = columns_of<Clauses>::names.size();

    // The tables the statement reads that its FROM does not provide: in a
    // subquery, those of the queries around it.
    template <class S>
    using outer_tables = detail::difference_t<
        detail::union_t<typename columns_of<typename S::clause_list>::tables, typename from_of<typename S::clause_list>::tables,
                        typename S::template clause_t<detail::where_slot>::tables,
                        typename S::template clause_t<detail::group_by_slot>::tables,
                        typename S::template clause_t<detail::having_slot>::tables,
                        typename S::template clause_t<detail::order_by_slot>::tables>,
        typename from_of<typename S::clause_list>::provided>;

    // A complete select: every table it reads is its own.
    template <class S>
    static constexpr bool check() {
        using provided = typename from_of<typename S::clause_list>::provided;
        using columns = columns_of<typename S::clause_list>;
        using group = typename S::template clause_t<detail::group_by_slot>;
        using having = typename S::template clause_t<detail::having_slot>;
        using order = typename S::template clause_t<detail::order_by_slot>;
        detail::tables_available<columns, provided>();
        detail::tables_available<typename S::template clause_t<detail::where_slot>, provided>();
        detail::tables_available<group, provided>();
        detail::tables_available<having, provided>();
        detail::tables_available<order, provided>();
        return check_as_subquery<S>();
    }

    // A select inside another: it may read the outer query's tables, which
    // the outer query's own check then finds in its FROM.
    template <class S>
    static constexpr bool check_as_subquery() {
        using columns = columns_of<typename S::clause_list>;
        using group = typename S::template clause_t<detail::group_by_slot>;
        using having = typename S::template clause_t<detail::having_slot>;
        using order = typename S::template clause_t<detail::order_by_slot>;
        if constexpr (detail::has_clause<S, detail::group_by_slot>() || columns::has_aggregate ||
                      detail::has_clause<S, detail::having_slot>()) {
            detail::all_grouped<typename group::bare_columns>(typename columns::bare_columns{});
            detail::all_grouped<typename group::bare_columns>(typename having::bare_columns{});
            detail::all_grouped<typename group::bare_columns>(typename order::bare_columns{});
        }
        return true;
    }
};

// What select() takes: expressions, and queries of one column (scalar subqueries).
template <class E>
concept selectable = sql_expression<E> || scalar_query<E>;

template <selectable... Es>
constexpr auto select(const Es&... es) {
    static_assert(sizeof...(Es) > 0, "ctql: select() needs at least one column or expression");
    using columns = select_columns<false, expression_t<const Es&>...>;
    using statement =
        statement_t<select_kind, no_with, columns, no_from, no_where, no_group_by, no_having, no_order_by, no_paging>;
    return statement{{}, {}, typename statement::storage{
        {}, {columns{{}, detail::make_value_list(to_expression(es)...)}}, {}, {}, {}, {}, {}, {}}};
}

// `with(ctes...)` and `with_recursive(...)`, waiting for their select().
template <bool Recursive, class... Ctes>
struct with_prefix {
    detail::value_list<Ctes...> ctes;

    template <selectable... Es>
    constexpr auto select(const Es&... es) const {
        return ctql::select(es...).replace(with_clause<Recursive, Ctes...>{{}, ctes});
    }
};

template <class... Ctes>
    requires(sizeof...(Ctes) > 0 && (requires { Ctes::ctql_sql_name; } && ...))
constexpr auto with(const Ctes&... ctes) {
    return with_prefix<false, Ctes...>{detail::make_value_list(ctes...)};
}
template <class... Definitions>
    requires(sizeof...(Definitions) > 0)
constexpr auto with_recursive(const Definitions&... definitions) {
    return with_prefix<true, Definitions...>{detail::make_value_list(definitions...)};
}

}  // namespace ctql
