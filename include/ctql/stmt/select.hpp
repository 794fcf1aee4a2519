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
#include <ctql/stmt/statement.hpp>

namespace ctql {

struct select_kind {
    template <class Clauses>
    using columns_of = detail::clause_in_t<detail::select_columns_slot, Clauses>;
    template <class Clauses>
    using from_of = detail::clause_in_t<detail::from_slot, Clauses>;

    template <class Clauses>
    using result_row = typename columns_of<Clauses>::template result_row<typename from_of<Clauses>::nullable_tables>;
    template <class Clauses>
    static constexpr auto column_names = columns_of<Clauses>::names;

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
        if constexpr (detail::has_clause<S, detail::group_by_slot>() || columns::has_aggregate ||
                      detail::has_clause<S, detail::having_slot>()) {
            detail::all_grouped<typename group::bare_columns>(typename columns::bare_columns{});
            detail::all_grouped<typename group::bare_columns>(typename having::bare_columns{});
            detail::all_grouped<typename group::bare_columns>(typename order::bare_columns{});
        }
        return true;
    }
};

template <sql_expression... Es>
constexpr auto select(const Es&... es) {
    static_assert(sizeof...(Es) > 0, "ctql: select() needs at least one column or expression");
    using statement = statement_t<select_kind, select_columns<false, Es...>, no_from, no_where, no_group_by,
                                  no_having, no_order_by, no_paging>;
    return statement{{}, {}, typename statement::storage{
        {select_columns<false, Es...>{{}, detail::make_value_list(es...)}}, {}, {}, {}, {}, {}, {}}};
}

}  // namespace ctql
