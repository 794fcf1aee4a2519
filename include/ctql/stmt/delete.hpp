// SPDX-License-Identifier: MIT
#pragma once
// DELETE FROM t [USING others] WHERE ... [RETURNING ...]  As with update,
// deleting every row takes .all_rows().
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses/extra_tables.hpp>
#include <ctql/stmt/clauses/returning.hpp>
#include <ctql/stmt/clauses/target.hpp>
#include <ctql/stmt/clauses/where.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace rule {
template <class Where>
inline constexpr bool delete_using_has_condition = !std::is_same_v<Where, all_rows_clause>;
}  // namespace rule

struct delete_kind : detail::writing_kind {
    template <class S>
    static constexpr bool check() {
        using table = typename S::template clause_t<detail::target_slot>::table;
        using where = typename S::template clause_t<detail::where_slot>;
        static_assert(rule::update_or_delete_has_where<table, where>,
                      "ctql: a delete needs .where(condition), or .all_rows() to delete every row on purpose");
        if constexpr (detail::has_clause<S, detail::extra_tables_slot>())
            static_assert(rule::delete_using_has_condition<where>,
                          "ctql: a delete with using_() needs .where(condition) relating the tables");
        return true;
    }
};

template <table_type Table>
constexpr auto delete_from(const Table&) {
    return statement_t<delete_kind, target_clause<keyword::delete_from, Table>, no_delete_using, missing_where,
                       no_returning>{};
}

}  // namespace ctql
