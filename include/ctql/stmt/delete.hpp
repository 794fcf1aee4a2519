#pragma once
// DELETE FROM t WHERE ...  As with update, deleting every row takes .all_rows().
#include <type_traits>
#include <ctql/core/type_list.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses.hpp>
#include <ctql/stmt/statement.hpp>
#include <ctql/stmt/update.hpp>

namespace ctql {

template <table_type Table, class Where>
struct delete_statement : statement_base<delete_statement<Table, Where>> {
    using result_row = void;
    using params = typename Where::params;
    Where where_clause_;

    static constexpr bool check() {
        static_assert(rule::update_or_delete_has_where<Table, Where>,
                      "ctql: a delete needs .where(condition), or .all_rows() to delete every row on purpose");
        return true;
    }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("DELETE FROM ");
        w.identifier(Table::ctql_sql_name.view());
        Where::render(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        where_clause_.each_value(visit);
    }

    template <sql_expression Condition>
    constexpr auto where(const Condition& condition) const {
        static_assert(std::is_same_v<Where, no_clause>, "ctql: this delete already has a WHERE clause");
        static_assert(detail::check_row_condition<Condition>());
        static_assert(detail::target_table_only<Condition, Table>());
        using clause = condition_clause<keyword::where, Condition>;
        return delete_statement<Table, clause>{{}, clause{condition}};
    }
    constexpr auto all_rows() const {
        static_assert(std::is_same_v<Where, no_clause>, "ctql: this delete already has a WHERE clause");
        return delete_statement<Table, all_rows_clause>{};
    }
};

template <table_type Table>
constexpr delete_statement<Table, no_clause> delete_from(const Table&) {
    return {};
}

}  // namespace ctql
