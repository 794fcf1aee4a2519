// SPDX-License-Identifier: MIT
#pragma once
// INSERT INTO t (columns) SELECT ...: the rows of a query, column by column.
//   insert_into(archive).columns(archive.id, archive.name)
//       .select(select(users.id, users.name).from(users).where(users.score < 10))
// The query selects one value per named column, each of the column's type.
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

namespace rule {
template <class Query, std::size_t Columns>
inline constexpr bool query_selects_one_value_per_column = Query::column_count == Columns;
}  // namespace rule

namespace detail {
template <class Column, class Selected>
inline constexpr bool selected_value_fits =
    rule::assignable_types<Column, sql_type_of<Column>, Selected, sql_type_of<Selected>> &&
    rule::null_only_into_nullable_column<Column, Selected> &&
    rule::value_fits_without_loss<Column, value_type_of<Column>, Selected, value_type_of<Selected>>;

// The expressions a select list selects.
template <class SelectList>
struct selected_expressions;
template <template <bool, class...> class List, bool Distinct, class... Es>
struct selected_expressions<List<Distinct, Es...>> {
    using type = type_list<Es...>;
};

// The first (column, selected value) pair that does not fit, or void. Found
// before the static_asserts, in the function that asserts, so that the
// message comes early in g++'s output.
template <class Columns, class Selected>
struct first_misfit : std::type_identity<void> {};
template <class C, class... Cs, class E, class... Es>
struct first_misfit<type_list<C, Cs...>, type_list<E, Es...>>
    : std::conditional_t<selected_value_fits<C, E>, first_misfit<type_list<Cs...>, type_list<Es...>>,
                         std::type_identity<type_list<C, E>>> {};

template <class Misfit>
struct misfit_pair;
template <class Column, class Selected>
struct misfit_pair<type_list<Column, Selected>> {
    using column = Column;
    using selected = Selected;
};

template <class Query, class... Columns>
constexpr bool check_insert_select() {
    static_assert(Query::is_query, "ctql: insert ... select() takes a select (or a union of selects)");
    static_assert(rule::query_selects_one_value_per_column<Query, sizeof...(Columns)>,
                  "ctql: the query selects a different number of values than columns() names");
    if constexpr (Query::column_count == sizeof...(Columns)) {
        using selected = typename selected_expressions<
            typename Query::kind::template select_list<typename Query::clause_list>>::type;
        using misfit = typename first_misfit<type_list<Columns...>, selected>::type;
        if constexpr (!std::is_void_v<misfit>) {
            using column = typename misfit_pair<misfit>::column;
            using value = typename misfit_pair<misfit>::selected;
            static_assert(rule::assignable_types<column, sql_type_of<column>, value, sql_type_of<value>>,
                          "ctql: a selected value's SQL type does not match the type of the column it is inserted "
                          "into");
            static_assert(rule::null_only_into_nullable_column<column, value>,
                          "ctql: a selected value may be NULL but the column it is inserted into is NOT NULL; "
                          "coalesce() it or make the column std::optional");
            static_assert(rule::value_fits_without_loss<column, value_type_of<column>, value, value_type_of<value>>,
                          "ctql: a selected value may not fit the column it is inserted into (a narrowing "
                          "conversion); cast() it in the query");
        }
    }
    return Query::check();
}
}  // namespace detail

template <class Query, class... Columns>
struct insert_select : detail::clause_defaults {
    using slot = detail::values_slot;
    using params = typename Query::params;
    using query = Query;

    Query source;

    // The column list alone, so that a dialect can write the query its own way.
    template <class Writer>
    static constexpr void render_columns(Writer& w) {
        detail::render_column_names<Columns...>(w);
        w.put(' ');
    }
    template <class Writer>
    static constexpr void render(Writer& w) {
        render_columns(w);
        render::node<Query>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        source.each_value(visit);
    }
};

}  // namespace ctql
