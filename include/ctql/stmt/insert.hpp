// SPDX-License-Identifier: MIT
#pragma once
// INSERT INTO t (columns) VALUES (...) [ON CONFLICT ...] [RETURNING ...]
//   insert_into(users).set(users.name = "Ada", users.score = 91.5)
//   insert_into(users).columns(users.name, users.score)   // values per row, at the call
//   insert_into(users).columns(users.name).select(query)  // the rows of a query
//   insert_into(users).default_values()
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses/on_conflict.hpp>
#include <ctql/stmt/clauses/returning.hpp>
#include <ctql/stmt/clauses/target.hpp>
#include <ctql/stmt/clauses/values.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

struct insert_kind : detail::writing_kind {
    template <class S>
    static constexpr bool check() {
        static_assert(detail::has_clause<S, detail::values_slot>(),
                      "ctql: an insert needs .set(...), .columns(...) or .default_values()");
        static_assert(!requires { requires S::template clause_t<detail::conflict_slot>::incomplete; },
                      "ctql: on_conflict(...) needs .do_nothing() or .do_update(column = value, ...)");
        return true;
    }
};

template <table_type Table>
constexpr auto insert_into(const Table&) {
    return statement_t<insert_kind, target_clause<keyword::insert_into, Table>, no_values, no_conflict,
                       no_returning>{};
}

// `insert_into(t).columns(c...)`, which connections run once per row of a
// range; Conflict and Returning when it has ON CONFLICT or RETURNING.
template <class Table, class... Columns>
using insert_columns_statement =
    statement_t<insert_kind, target_clause<keyword::insert_into, Table>, bulk_values<Columns...>, no_conflict,
                no_returning>;

}  // namespace ctql
