// SPDX-License-Identifier: MIT
#pragma once
// DELETE FROM t WHERE ...  As with update, deleting every row takes .all_rows().
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses/target.hpp>
#include <ctql/stmt/clauses/where.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

struct delete_kind {
    template <class Clauses>
    using result_row = void;
    template <class Clauses>
    static constexpr bool column_names = false;
    static constexpr bool is_query = false;
    template <class Clauses>
    static constexpr std::size_t column_count = 0;

    template <class S>
    static constexpr bool check() {
        using table = typename S::template clause_t<detail::target_slot>::table;
        static_assert(rule::update_or_delete_has_where<table, typename S::template clause_t<detail::where_slot>>,
                      "ctql: a delete needs .where(condition), or .all_rows() to delete every row on purpose");
        return true;
    }
};

template <table_type Table>
constexpr auto delete_from(const Table&) {
    return statement_t<delete_kind, target_clause<keyword::delete_from, Table>, missing_where>{};
}

}  // namespace ctql
