// SPDX-License-Identifier: MIT
#pragma once
// What an INSERT stores:
//   insert_into(users).set(users.name = "Ada", users.score = 91.5)   (cols) VALUES (?, ?)
//   insert_into(users).columns(users.name, users.score)              the values of each row, at the call
//   insert_into(users).default_values()                              DEFAULT VALUES
//   insert_into(users).columns(users.name).select(query)             (cols) SELECT ...
#include <cstddef>
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/assignment.hpp>
#include <ctql/schema/column.hpp>
#include <ctql/stmt/clauses/clause.hpp>
#include <ctql/stmt/clauses/insert_select.hpp>

namespace ctql {

namespace rule {
template <class Column, class Table>
inline constexpr bool column_is_of_target_table = std::is_same_v<typename Column::table, Table>;
template <class Column, class Table>
inline constexpr bool required_column_is_set = false;
template <class Column>
inline constexpr bool column_set_once = false;
}  // namespace rule

namespace detail {
template <class Table, class Column>
constexpr bool check_target_column() {
    static_assert(rule::column_is_of_target_table<Column, Table>,
                  "ctql: this column belongs to another table than the one the statement writes to");
    return true;
}

template <class Column, class... Assigned>
constexpr bool check_assigned_once() {
    if constexpr (((std::is_same_v<Column, Assigned> ? 1 : 0) + ...) > 1) {
        static_assert(rule::column_set_once<Column>, "ctql: a column is assigned more than once in one statement");
    }
    return true;
}

template <class Table, class Column, class Assigned>
constexpr bool check_required_column_set() {
    if constexpr (Column::required_in_insert && !contains_v<Column, Assigned>) {
        static_assert(rule::required_column_is_set<Column, Table>,
                      "ctql: an insert must set every NOT NULL column that has no default; set this column, give "
                      "it ctql::default_value<...>, or make it std::optional");
    }
    return true;
}

template <class Table, class Assigned, class... Columns>
constexpr bool check_required_columns(type_list<Columns...>) {
    return (check_required_column_set<Table, Columns, Assigned>() && ...);
}

template <class Table, class... Columns>
constexpr bool check_insert_columns() {
    static_assert((check_target_column<Table, Columns>() && ...));
    static_assert((check_assigned_once<Columns, Columns...>() && ...));
    return check_required_columns<Table, type_list<Columns...>>(typename Table::ctql_columns{});
}
}  // namespace detail

template <class... Assignments>
struct insert_values : detail::clause_defaults {
    using slot = detail::values_slot;
    using params = detail::concat_t<detail::type_list<>, typename Assignments::params...>;

    detail::value_list<Assignments...> assignments;

    template <class Writer>
    static constexpr void render(Writer& w) {
        if constexpr (sizeof...(Assignments) == 0) {
            w.put(" DEFAULT VALUES");
        } else {
            detail::render_column_names<typename Assignments::column...>(w);
            w.put(" VALUES (");
            bool first = true;
            ((w.put(first ? "" : ", "), Assignments::render_value(w), first = false), ...);
            w.put(')');
        }
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        assignments.for_each([&](const auto& a) { a.each_value(visit); });
    }
};

// One placeholder per column; the backends bind each row of a range in turn
// (SQLite) or send the rows with COPY (PostgreSQL). Or, with .select(query),
// the rows of a query.
template <class... Columns>
struct bulk_values : detail::clause_defaults {
    using slot = detail::values_slot;
    static constexpr std::size_t column_count = sizeof...(Columns);

    template <class Statement>
    struct methods {
        template <class Query>
            requires(Query::is_query)
        constexpr auto select(const Query& query) const {
            static_assert(detail::check_insert_select<Query, Columns...>());
            return static_cast<const Statement&>(*this).replace(insert_select<Query, Columns...>{{}, query});
        }
    };

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_column_names<Columns...>(w);
        w.put(" VALUES (");
        for (std::size_t i = 0; i < column_count; ++i) {
            if (i != 0) w.put(", ");
            w.placeholder();
        }
        w.put(')');
    }
};

struct no_values : detail::clause_defaults {
    using slot = detail::values_slot;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <class... Assignments>
            requires(is_assignment_v<Assignments> && ...)
        constexpr auto set(const Assignments&... assignments) const {
            using table = typename Statement::template clause_t<detail::target_slot>::table;
            static_assert(detail::check_insert_columns<table, typename Assignments::column...>());
            return self().replace(insert_values<Assignments...>{{}, detail::make_value_list(assignments...)});
        }
        template <column_type... Columns>
        constexpr auto columns(const Columns&...) const {
            using table = typename Statement::template clause_t<detail::target_slot>::table;
            static_assert(sizeof...(Columns) > 0, "ctql: columns() needs at least one column");
            static_assert(detail::check_insert_columns<table, Columns...>());
            return self().replace(bulk_values<Columns...>{});
        }
        constexpr auto default_values() const {
            using table = typename Statement::template clause_t<detail::target_slot>::table;
            static_assert(detail::check_insert_columns<table>());
            return self().replace(insert_values<>{});
        }

    private:
        constexpr const Statement& self() const { return static_cast<const Statement&>(*this); }
    };
};

}  // namespace ctql
