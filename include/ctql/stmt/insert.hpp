// SPDX-License-Identifier: MIT
#pragma once
// INSERT INTO t (columns) VALUES (...)
//   insert_into(users).set(users.name = "Ada", users.score = 91.5)
//   insert_into(users).columns(users.name, users.score)   // values per row, at the call
//   insert_into(users).default_values()
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses/target.hpp>
#include <ctql/stmt/clauses/values.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

struct insert_kind {
    template <class Clauses>
    using result_row = void;
    template <class Clauses>
    static constexpr bool column_names = false;
    static constexpr bool is_query = false;
    template <class Clauses>
    static constexpr std::size_t column_count = 0;

    template <class S>
    static constexpr bool check() {
        static_assert(detail::has_clause<S, detail::values_slot>(),
                      "ctql: an insert needs .set(...), .columns(...) or .default_values()");
        return true;
    }
};

template <table_type Table>
constexpr auto insert_into(const Table&) {
    return statement_t<insert_kind, target_clause<keyword::insert_into, Table>, no_values>{};
}

// `insert_into(t).columns(c...)`, which connections run once per row of a range.
template <class Table, class... Columns>
using insert_columns_statement =
    statement_t<insert_kind, target_clause<keyword::insert_into, Table>, bulk_values<Columns...>>;

}  // namespace ctql
