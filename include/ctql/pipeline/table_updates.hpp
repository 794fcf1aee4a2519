// SPDX-License-Identifier: MIT
#pragma once
// The completion markers of copy_to_table: one row per (update_id,
// target_table) that was loaded, written in the same transaction as the rows.
// Keyed by both, so one update_id may load several tables. Another table of
// the same columns and key may take its place:
//
//   CTQL_TABLE(etl_loads, (update_id, std::string), (target_table, std::string),
//              (inserted, ctql::timestamp), (row_count, std::int64_t));
//   CTQL_TABLE_CONSTRAINTS(etl_loads, ctql::primary_key(etl_loads.update_id, etl_loads.target_table));
//   ctql::copy_to_table(db, users, rows, {.update_id = "2026-11-29"}, etl_loads);
#include <cstdint>
#include <string>
#include <type_traits>

#include <ctql/core/value_types.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/schema/keys.hpp>
#include <ctql/schema/table_constraints.hpp>

namespace ctql {

CTQL_TABLE(table_updates,
    (update_id,    std::string),
    (target_table, std::string),
    (inserted,     timestamp),
    (row_count,    std::int64_t));
CTQL_TABLE_CONSTRAINTS(table_updates, primary_key(table_updates.update_id, table_updates.target_table));

// A table that can hold copy_to_table's markers (copy_to_table checks its key
// on (update_id, target_table) too).
template <class T>
concept marker_table = table_type<T> && requires(const T& t) {
    requires std::is_same_v<typename std::remove_cvref_t<decltype(t.update_id)>::value_type, std::string>;
    requires std::is_same_v<typename std::remove_cvref_t<decltype(t.target_table)>::value_type, std::string>;
    requires std::is_same_v<typename std::remove_cvref_t<decltype(t.inserted)>::value_type, timestamp>;
    requires std::is_same_v<typename std::remove_cvref_t<decltype(t.row_count)>::value_type, std::int64_t>;
};

}  // namespace ctql
