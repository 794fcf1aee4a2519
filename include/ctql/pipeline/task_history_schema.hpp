// SPDX-License-Identifier: MIT
#pragma once
// The tables of the task history, declared with ctql like any user table:
//
//   tasks            one row per run of a task: the scheduler's task id, the
//                    task's name, the host it ran on, when it was recorded
//   task_parameters  the run's parameters, name and value (TEXT: no length
//                    limit, so no value is ever cut short)
//   task_events      what happened to the run, in time order: pending,
//                    running, done, failed (with the exception text),
//                    disabled, skipped
//
// Each index serves one of the history's queries (queries in
// task_history_queries.hpp; a test checks every plan with EXPLAIN). A
// parameter value may be megabytes, more than a B-tree entry may hold, so
// the index holds a 64-bit hash of it (parameter_value_hash) beside the name.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <ctql/core/column_mapping.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/schema/constraints.hpp>
#include <ctql/schema/index.hpp>
#include <ctql/schema/keys.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/schema/table_constraints.hpp>

namespace ctql {

// What happened to a task run, in the order a run usually goes through them.
enum class task_status { pending, running, done, failed, disabled, skipped };

template <>
struct enum_names<task_status> {
    static constexpr std::string_view names[] = {"pending", "running", "done", "failed", "disabled", "skipped"};
};

namespace history {

CTQL_TABLE(tasks,
    (id,       std::int64_t,               primary_key),
    (task_id,  std::string),
    (name,     std::string),
    (host,     std::optional<std::string>),
    (recorded, timestamp));
CTQL_TABLE_CONSTRAINTS(tasks,
    index<"ix_tasks_name_recorded">(tasks.name, tasks.recorded),
    index<"ix_tasks_task_id">(tasks.task_id),
    index<"ix_tasks_recorded">(tasks.recorded));

CTQL_TABLE(task_parameters,
    (task,       std::int64_t, references<tasks.id>),
    (name,       std::string),
    (value,      std::string),
    (value_hash, std::int64_t));
CTQL_TABLE_CONSTRAINTS(task_parameters,
    primary_key(task_parameters.task, task_parameters.name),
    index<"ix_task_parameters_name_hash">(task_parameters.name, task_parameters.value_hash));

CTQL_TABLE(task_events,
    (id,     std::int64_t,               primary_key),
    (task,   std::int64_t,               references<tasks.id>),
    (status, task_status),
    (at,     timestamp),
    (error,  std::optional<std::string>));
CTQL_TABLE_CONSTRAINTS(task_events,
    index<"ix_task_events_task_at">(task_events.task, task_events.at),
    index<"ix_task_events_status_at">(task_events.status, task_events.at));

// FNV-1a, 64 bits, of the value's bytes: the same on every platform and in
// every release, since stored hashes must keep matching. It narrows a search
// to a few rows; the values themselves are then compared.
constexpr std::int64_t parameter_value_hash(std::string_view value) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : value) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return static_cast<std::int64_t>(hash);
}

}  // namespace history
}  // namespace ctql
