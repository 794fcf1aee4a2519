// SPDX-License-Identifier: MIT
#pragma once
// Queries used as tables:
//
//   constexpr auto totals = derived<"totals">(
//       select(orders.user_id, sum(orders.total).as<"spent">()).from(orders).group_by(orders.user_id));
//   select(users.name, totals.column<"spent">()).from(users)
//       .join(totals).on(totals.column(orders.user_id) == users.id)          // FROM (SELECT ...) AS "totals"
//
//   constexpr auto recent = cte<"recent">(select(orders.user_id).from(orders).where(...));
//   with(recent).select(recent.column(orders.user_id)).from(recent)         // WITH "recent" AS (SELECT ...)
//
//   constexpr auto counter = recursive_cte<"counter", cte_column<"n", std::int64_t>>{};
//   with_recursive(counter.as(union_all(select(ctql::cast<std::int64_t>(1)),
//                                       select(counter.column<"n">() + 1).from(counter).where(counter.column<"n">() < 5))))
//       .select(counter.column<"n">()).from(counter)
//
// A column of such a table is reached by the name its query gives it:
// column<"name">(), column(source_column) (which also names the row member
// like the column) or column(CTQL_NAME). The query of a derived table or CTE
// is complete on its own: it cannot read the tables of the query around it.
#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/names.hpp>
#include <ctql/schema/column.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

// A column of a query used as a table.
template <class Table, class Name, column_value T>
struct query_column : expression_methods<query_column<Table, Name, T>> {
    using table = Table;
    using name = Name;  // also names the member of a row that selects it
    using value_type = T;
    using tables = detail::type_list<Table>;
    using params = detail::type_list<>;
    using bare_columns = detail::type_list<query_column>;
    static constexpr bool is_aggregate = false;
    static constexpr int precedence = ctql::precedence::primary;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.identifier(Table::ctql_sql_name.view());
        w.put('.');
        w.identifier(Name::ctql_sql_name.view());
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

namespace detail {
// The value type of a query's I-th result column.
template <class Query, std::size_t I>
constexpr auto result_column_type() {
    using row = typename Query::result_row;
    if constexpr (Query::column_count == 1) return std::type_identity<row>{};
    else return std::type_identity<std::tuple_element_t<I, row>>{};
}

template <class Query>
constexpr std::size_t result_column_index(std::string_view name) {
    for (std::size_t i = 0; i < Query::column_names.size(); ++i)
        if (Query::column_names[i] == name) return i;
    return Query::column_names.size();
}

// The columns of a query table come from its query's select list.
template <class Self, class Query>
struct query_columns {
    template <fixed_string Name>
    constexpr auto column() const {
        return make<string_name<Name>>();
    }
    // The column its query selected from `source`, with the row member named like it.
    template <column_type Source>
    constexpr auto column(const Source&) const {
        return make<Source>();
    }
    // The value its query named with .as(name).
    template <class Name>
        requires(!column_type<Name> && requires { Name::ctql_sql_name; typename Name::template row_member<int>; })
    constexpr auto column(const Name&) const {
        return make<Name>();
    }

private:
    template <class Name>
    static constexpr auto make() {
        constexpr std::size_t index = result_column_index<Query>(Name::ctql_sql_name.view());
        static_assert(index < Query::column_count,
                      "ctql: the query of this derived table or CTE selects no column of this name; name a "
                      "computed value with .as<\"name\">() in its select list");
        using value_t = typename decltype(result_column_type<Query, index>())::type;
        return query_column<Self, Name, value_t>{};
    }
};
}  // namespace detail

// A query in FROM or JOIN: (SELECT ...) AS "Name".
template <fixed_string Name, class Query>
struct derived_table : detail::table_tag, detail::query_columns<derived_table<Name, Query>, Query> {
    static constexpr fixed_string ctql_sql_name = Name;
    using params = typename Query::params;

    Query query;

    template <class Writer>
    static constexpr void render_reference(Writer& w) {
        w.put('(');
        Query::render(w);
        w.put(") AS ");
        w.identifier(Name.view());
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        query.each_value(visit);
    }
};

template <fixed_string Name, class Query>
    requires(Query::is_query)
constexpr auto derived(const Query& query) {
    static_assert(Query::check());
    return derived_table<Name, Query>{{}, {}, query};
}

// A query named in WITH and read by that name: "Name".
template <fixed_string Name, class Query>
struct cte_table : detail::table_tag, detail::query_columns<cte_table<Name, Query>, Query> {
    static constexpr fixed_string ctql_sql_name = Name;
    using query_params = typename Query::params;

    Query query;

    // "Name" AS (SELECT ...), as WITH lists it.
    template <class Writer>
    static constexpr void render_definition(Writer& w) {
        w.identifier(Name.view());
        w.put(" AS (");
        Query::render(w);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_definition_value(Visitor& visit) const {
        query.each_value(visit);
    }
};

template <fixed_string Name, class Query>
    requires(Query::is_query)
constexpr auto cte(const Query& query) {
    static_assert(Query::check());
    return cte_table<Name, Query>{{}, {}, query};
}

// A column of a recursive CTE, declared before the query that reads it.
template <fixed_string Name, storable T>
struct cte_column {
    static constexpr fixed_string ctql_sql_name = Name;
    using value_type = T;
};

template <class Table, class Query>
struct recursive_definition;

// A CTE that reads itself: its columns are declared, its query given by .as(query).
template <fixed_string Name, class... Columns>
struct recursive_cte : detail::table_tag {
    static constexpr fixed_string ctql_sql_name = Name;

    template <fixed_string Column>
    constexpr auto column() const {
        constexpr std::size_t index = [] {
            std::size_t i = 0, found = sizeof...(Columns);
            ((Columns::ctql_sql_name == Column && found == sizeof...(Columns) ? (found = i, ++i) : ++i), ...);
            return found;
        }();
        static_assert(index < sizeof...(Columns), "ctql: this recursive CTE declares no column of this name");
        using value_t = typename detail::nth_t<index, detail::type_list<Columns...>>::value_type;
        return query_column<recursive_cte, string_name<Column>, value_t>{};
    }

    template <class Query>
        requires(Query::is_query)
    constexpr auto as(const Query& query) const {
        static_assert(Query::column_count == sizeof...(Columns),
                      "ctql: the query of a recursive CTE selects as many columns as the CTE declares");
        static_assert(Query::check());
        return recursive_definition<recursive_cte, Query>{query};
    }
};

// "Name"("a", "b") AS (SELECT ... UNION ALL SELECT ... FROM "Name" ...)
template <fixed_string Name, class... Columns, class Query>
struct recursive_definition<recursive_cte<Name, Columns...>, Query> {
    using query_params = typename Query::params;
    Query query;

    template <class Writer>
    static constexpr void render_definition(Writer& w) {
        w.identifier(Name.view());
        w.put('(');
        bool first = true;
        ((w.put(first ? "" : ", "), w.identifier(Columns::ctql_sql_name.view()), first = false), ...);
        w.put(") AS (");
        Query::render(w);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_definition_value(Visitor& visit) const {
        query.each_value(visit);
    }
};

}  // namespace ctql
