// SPDX-License-Identifier: MIT
#pragma once
// The table an INSERT, UPDATE or DELETE writes to:
// "INSERT INTO t", "UPDATE t", "DELETE FROM t".
#include <string_view>

#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

namespace keyword {
struct insert_into { static constexpr std::string_view text = "INSERT INTO "; };
struct update { static constexpr std::string_view text = "UPDATE "; };
struct delete_from { static constexpr std::string_view text = "DELETE FROM "; };
}  // namespace keyword

template <class Keyword, table_type Table>
struct target_clause : detail::clause_defaults {
    using slot = detail::target_slot;
    using table = Table;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Keyword::text);
        w.identifier(Table::ctql_sql_name.view());
    }
};

}  // namespace ctql
