#pragma once
// INSERT INTO t (columns) VALUES (...)
//   insert_into(users).set(users.name = "Ada", users.score = 91.5)
//   insert_into(users).columns(users.name, users.score)   // values per row, at the call
//   insert_into(users).default_values()
#include <type_traits>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/assignment.hpp>
#include <ctql/schema/column.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses.hpp>
#include <ctql/stmt/statement.hpp>

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

template <table_type Table, class... Assignments>
struct insert_statement : statement_base<insert_statement<Table, Assignments...>> {
    using result_row = void;
    using params = detail::concat_t<detail::type_list<>, typename Assignments::params...>;
    detail::value_list<Assignments...> assignments;

    static constexpr bool check() { return true; }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("INSERT INTO ");
        w.identifier(Table::ctql_sql_name.view());
        if constexpr (sizeof...(Assignments) == 0) {
            w.put(" DEFAULT VALUES");
        } else {
            w.put(" (");
            bool first = true;
            ((w.put(first ? "" : ", "), Assignments::column::render_unqualified(w), first = false), ...);
            w.put(") VALUES (");
            first = true;
            ((w.put(first ? "" : ", "), Assignments::render_value(w), first = false), ...);
            w.put(')');
        }
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        assignments.for_each([&](const auto& a) { a.each_value(visit); });
    }
};

// An insert whose values come from each row of a range given at the call;
// it is prepared once and run per row inside one transaction.
template <table_type Table, class... Columns>
struct insert_columns_statement : statement_base<insert_columns_statement<Table, Columns...>> {
    using result_row = void;
    using params = detail::type_list<>;
    static constexpr std::size_t column_count = sizeof...(Columns);

    static constexpr bool check() { return true; }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("INSERT INTO ");
        w.identifier(Table::ctql_sql_name.view());
        w.put(" (");
        bool first = true;
        ((w.put(first ? "" : ", "), Columns::render_unqualified(w), first = false), ...);
        w.put(") VALUES (");
        for (std::size_t i = 0; i < column_count; ++i) {
            if (i != 0) w.put(", ");
            w.placeholder();
        }
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <table_type Table>
struct insert_into_t {
    template <class... Assignments>
        requires(is_assignment_v<Assignments> && ...)
    constexpr auto set(const Assignments&... assignments) const {
        static_assert(detail::check_insert_columns<Table, typename Assignments::column...>());
        return insert_statement<Table, Assignments...>{{}, detail::make_value_list(assignments...)};
    }

    template <column_type... Columns>
    constexpr auto columns(const Columns&...) const {
        static_assert(sizeof...(Columns) > 0, "ctql: columns() needs at least one column");
        static_assert(detail::check_insert_columns<Table, Columns...>());
        return insert_columns_statement<Table, Columns...>{};
    }

    constexpr auto default_values() const {
        static_assert(detail::check_insert_columns<Table>());
        return insert_statement<Table>{};
    }
};

template <table_type Table>
constexpr insert_into_t<Table> insert_into(const Table&) {
    return {};
}

}  // namespace ctql
