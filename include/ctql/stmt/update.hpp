// SPDX-License-Identifier: MIT
#pragma once
// UPDATE t SET ... [FROM others] WHERE ... [RETURNING ...]  An update without
// .where() must say .all_rows(): a forgotten WHERE should not rewrite a whole table.
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses/extra_tables.hpp>
#include <ctql/stmt/clauses/returning.hpp>
#include <ctql/stmt/clauses/set.hpp>
#include <ctql/stmt/clauses/target.hpp>
#include <ctql/stmt/clauses/where.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

struct update_kind : detail::writing_kind {
    template <class S>
    static constexpr bool check() {
        using table = typename S::template clause_t<detail::target_slot>::table;
        static_assert(detail::has_clause<S, detail::set_slot>(), "ctql: an update needs .set(column = value, ...)");
        static_assert(rule::update_or_delete_has_where<table, typename S::template clause_t<detail::where_slot>>,
                      "ctql: an update needs .where(condition), or .all_rows() to change every row on purpose");
        return true;
    }
};

template <table_type Table>
constexpr auto update(const Table&) {
    return statement_t<update_kind, target_clause<keyword::update, Table>, no_set, no_update_from, missing_where,
                       no_returning>{};
}

}  // namespace ctql
