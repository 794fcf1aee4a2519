#pragma once
// UPDATE t SET ... WHERE ...  An update without .where() must say
// .all_rows(): a forgotten WHERE should not rewrite a whole table.
#include <type_traits>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/assignment.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses.hpp>
#include <ctql/stmt/insert.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

struct all_rows_clause : no_clause {};

namespace rule {
template <class Table, class Where>
inline constexpr bool update_or_delete_has_where = !std::is_same_v<Where, no_clause>;
}

template <table_type Table, class Where, class... Assignments>
struct update_statement : statement_base<update_statement<Table, Where, Assignments...>> {
    using result_row = void;
    using params = detail::concat_t<typename Assignments::params..., typename Where::params>;
    detail::value_list<Assignments...> assignments;
    Where where_clause_;

    static constexpr bool check() {
        static_assert(rule::update_or_delete_has_where<Table, Where>,
                      "ctql: an update needs .where(condition), or .all_rows() to change every row on purpose");
        return true;
    }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("UPDATE ");
        w.identifier(Table::ctql_sql_name.view());
        w.put(" SET ");
        bool first = true;
        ((w.put(first ? "" : ", "), Assignments::column::render_unqualified(w), w.put(" = "),
          Assignments::render_value(w), first = false),
         ...);
        Where::render(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        assignments.for_each([&](const auto& a) { a.each_value(visit); });
        where_clause_.each_value(visit);
    }

    template <sql_expression Condition>
    constexpr auto where(const Condition& condition) const {
        static_assert(std::is_same_v<Where, no_clause>, "ctql: this update already has a WHERE clause");
        static_assert(detail::check_row_condition<Condition>());
        static_assert(detail::target_table_only<Condition, Table>());
        using clause = condition_clause<keyword::where, Condition>;
        return update_statement<Table, clause, Assignments...>{{}, assignments, clause{condition}};
    }
    constexpr auto all_rows() const {
        static_assert(std::is_same_v<Where, no_clause>, "ctql: this update already has a WHERE clause");
        return update_statement<Table, all_rows_clause, Assignments...>{{}, assignments, {}};
    }
};

template <table_type Table>
struct update_t {
    template <class... Assignments>
        requires(is_assignment_v<Assignments> && ...)
    constexpr auto set(const Assignments&... assignments) const {
        static_assert(sizeof...(Assignments) > 0, "ctql: set() needs at least one assignment");
        static_assert((detail::check_target_column<Table, typename Assignments::column>() && ...));
        static_assert((detail::check_assigned_once<typename Assignments::column, typename Assignments::column...>() &&
                       ...));
        static_assert((detail::target_table_only<Assignments, Table>() && ...));
        return update_statement<Table, no_clause, Assignments...>{{}, detail::make_value_list(assignments...), {}};
    }
};

template <table_type Table>
constexpr update_t<Table> update(const Table&) {
    return {};
}

}  // namespace ctql
