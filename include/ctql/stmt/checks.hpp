// SPDX-License-Identifier: MIT
#pragma once
// The type rules statements check, as named predicates used in
// static_asserts (see expr/rules.hpp for the expression rules). Each check
// asserts with its own sentence and then returns true, so that a failure is
// reported once, by the sentence, not again by its caller.
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>

namespace ctql {

namespace detail {
// A table's primary key column, or void.
template <class Columns>
struct primary_key_in {
    using type = void;
};
template <class First, class... Rest>
struct primary_key_in<type_list<First, Rest...>> {
    using type = std::conditional_t<requires { requires First::is_primary_key; }, First,
                                    typename primary_key_in<type_list<Rest...>>::type>;
};

// A column is fixed within a group when it is grouped, or when its table's
// primary key is (it depends on the key: SQL's functional dependency, which
// PostgreSQL accepts as SQLite does).
template <class Column, class Grouped>
constexpr bool grouped_or_dependent() {
    if constexpr (contains_v<Column, Grouped>) {
        return true;
    } else if constexpr (requires { typename Column::table::ctql_columns; }) {
        using key = typename primary_key_in<typename Column::table::ctql_columns>::type;
        return !std::is_void_v<key> && contains_v<key, Grouped>;
    } else {
        return false;
    }
}
}  // namespace detail

namespace rule {
template <class Table, class Expression, class TablesInFrom>
inline constexpr bool table_is_in_from = detail::contains_v<Table, TablesInFrom>;
template <class Column, class GroupByColumns>
inline constexpr bool column_is_grouped = detail::grouped_or_dependent<Column, GroupByColumns>();
template <class Table, class Expression, class TargetTable>
inline constexpr bool column_belongs_to_target_table = std::is_same_v<Table, TargetTable>;
template <class Table, class Expression, class ReadableTables>
inline constexpr bool column_belongs_to_readable_table = detail::contains_v<Table, ReadableTables>;
}  // namespace rule

namespace detail {

template <class Expression, class Provided, class... Tables>
constexpr bool check_tables_available(type_list<Tables...>) {
    static_assert((rule::table_is_in_from<Tables, Expression, Provided> && ...),
                  "ctql: a column's table is not in this statement's FROM or JOIN; add it with .from(table) "
                  "or .join(table).on(...)");
    return true;
}
// Every table `Expression` reads is among `Provided`.
template <class Expression, class Provided>
constexpr bool tables_available() {
    return check_tables_available<Expression, Provided>(typename Expression::tables{});
}

// UPDATE and DELETE read and write one table only.
template <class Expression, class Target, class... Tables>
constexpr bool check_target_table_only(type_list<Tables...>) {
    static_assert((rule::column_belongs_to_target_table<Tables, Expression, Target> && ...),
                  "ctql: an update or delete may only use columns of the table it changes");
    return true;
}
template <class Expression, class Target>
constexpr bool target_table_only() {
    return check_target_table_only<Expression, Target>(typename Expression::tables{});
}

// UPDATE ... FROM and DELETE ... USING also read the tables they name.
template <class Expression, class Readable, class... Tables>
constexpr bool check_written_tables_only(type_list<Tables...>) {
    static_assert((rule::column_belongs_to_readable_table<Tables, Expression, Readable> && ...),
                  "ctql: an update or delete may only use columns of the table it changes and of the tables "
                  "named in its from() / using_()");
    return true;
}
template <class Expression, class Target, class... Others>
constexpr bool check_written_tables(type_list<Target, Others...>) {
    if constexpr (sizeof...(Others) == 0)
        return check_target_table_only<Expression, Target>(typename Expression::tables{});
    else
        return check_written_tables_only<Expression, type_list<Target, Others...>>(typename Expression::tables{});
}
// Readable: the written table first, then those of from() / using_().
template <class Expression, class Readable>
constexpr bool written_tables_only() {
    return check_written_tables<Expression>(Readable{});
}

template <class Condition>
constexpr bool check_condition() {
    static_assert(rule::boolean_condition<Condition, sql_type_of<Condition>>,
                  "ctql: a WHERE, HAVING or ON condition must be boolean (a comparison or a boolean column)");
    return true;
}

// WHERE and ON filter rows before grouping, so aggregates belong in HAVING.
template <class Condition>
constexpr bool check_row_condition() {
    check_condition<Condition>();
    static_assert(rule::not_an_aggregate<Condition, sql_type_of<Condition>>,
                  "ctql: an aggregate cannot be used in WHERE or ON; filter groups with .having()");
    return true;
}

// The first of Columns that is not grouped, or void. Found before the
// static_assert, in the function that asserts, so that the message comes
// one instantiation sooner in g++'s output (C2: within its first 10 lines).
template <class Grouped, class... Columns>
struct first_ungrouped : std::type_identity<void> {};
template <class Grouped, class Column, class... Rest>
struct first_ungrouped<Grouped, Column, Rest...>
    : std::conditional_t<grouped_or_dependent<Column, Grouped>(), first_ungrouped<Grouped, Rest...>,
                         std::type_identity<Column>> {};

template <class Grouped, class... Columns>
constexpr bool all_grouped(type_list<Columns...>) {
    using ungrouped = typename first_ungrouped<Grouped, Columns...>::type;
    if constexpr (!std::is_void_v<ungrouped>) {
        static_assert(rule::column_is_grouped<ungrouped, Grouped>,
                      "ctql: a selected column is neither aggregated nor in GROUP BY; add it to group_by() or wrap "
                      "it in an aggregate such as max()");
    }
    return true;
}

}  // namespace detail

}  // namespace ctql
