// SPDX-License-Identifier: MIT
#pragma once
// The statements of the task history. Each one reads through an index of
// task_history_schema.hpp (tests/pipeline/history_plans.cpp checks every plan
// with EXPLAIN on both backends); they are here, apart from task_history, so
// that the test explains exactly what the history runs.
//
// A run's status is its latest event: the event rows of the run read
// backwards along (task, at), the newest first, ties broken by the event's id.
#include <cstdint>
#include <string>
#include <vector>

#include <ctql/core/value_types.hpp>
#include <ctql/expr/aggregates.hpp>
#include <ctql/expr/predicates.hpp>
#include <ctql/pipeline/task_history_schema.hpp>
#include <ctql/stmt/ddl.hpp>
#include <ctql/stmt/select.hpp>
#include <ctql/stmt/subquery.hpp>

namespace ctql::history::queries {

inline constexpr auto newer_event = alias<"newer_event">(task_events);

// The status and time of a run's latest event, as values of the run's row.
inline constexpr auto latest_status = select(task_events.status)
                                          .from(task_events)
                                          .where(task_events.task == tasks.id)
                                          .order_by(task_events.at.desc(), task_events.id.desc())
                                          .limit<1>();
inline constexpr auto latest_at = select(task_events.at)
                                      .from(task_events)
                                      .where(task_events.task == tasks.id)
                                      .order_by(task_events.at.desc(), task_events.id.desc())
                                      .limit<1>();

// A run as the history returns it, without its parameters.
inline constexpr auto run_columns =
    select(tasks.id, tasks.task_id, tasks.name, tasks.host, tasks.recorded, latest_status, latest_at);

inline auto run_by_id(std::int64_t id) { return run_columns.from(tasks).where(tasks.id == id); }

inline auto runs_by_ids(const std::vector<std::int64_t>& ids) {
    return run_columns.from(tasks).where(tasks.id.in(ids)).order_by(tasks.recorded.desc(), tasks.id.desc());
}

inline auto runs_by_name(const std::string& name, std::int64_t limit) {
    return run_columns.from(tasks)
        .where(tasks.name == name)
        .order_by(tasks.recorded.desc(), tasks.id.desc())
        .limit(limit);
}

inline auto runs_by_task_id(const std::string& task_id) {
    return run_columns.from(tasks).where(tasks.task_id == task_id).order_by(tasks.recorded.desc(), tasks.id.desc());
}

// Runs recorded in [since, until), newest first.
inline auto runs_recorded_between(timestamp since, timestamp until, std::int64_t limit) {
    return run_columns.from(tasks)
        .where(tasks.recorded >= since && tasks.recorded < until)
        .order_by(tasks.recorded.desc(), tasks.id.desc())
        .limit(limit);
}

// The runs whose latest event has `status` and happened in [since, until):
// the events of that status in the window, each kept only when no later
// event of its run exists.
inline auto run_ids_by_status(task_status status, timestamp since, timestamp until, std::int64_t limit) {
    return select(task_events.task)
        .from(task_events)
        .where(task_events.status == status && task_events.at >= since && task_events.at < until &&
               !exists(select(newer_event.id)
                           .from(newer_event)
                           .where(newer_event.task == task_events.task &&
                                  (newer_event.at > task_events.at ||
                                   (newer_event.at == task_events.at && newer_event.id > task_events.id)))))
        .order_by(task_events.at.desc(), task_events.id.desc())
        .limit(limit);
}

// The parameters of the runs of one name whose parameter names and value
// hashes are among those asked for: a superset of the matches (a name of
// one pair with the hash of another passes, and so may a colliding hash),
// which task_history narrows to runs that have every pair, by value.
inline auto parameter_candidates(const std::string& name, const std::vector<std::string>& names,
                                 const std::vector<std::int64_t>& value_hashes) {
    return select(task_parameters.task, task_parameters.name, task_parameters.value)
        .from(task_parameters)
        .join(tasks).on(tasks.id == task_parameters.task)
        .where(task_parameters.name.in(names) && task_parameters.value_hash.in(value_hashes) && tasks.name == name);
}

inline auto parameters_of(const std::vector<std::int64_t>& ids) {
    return select(task_parameters.task, task_parameters.name, task_parameters.value)
        .from(task_parameters)
        .where(task_parameters.task.in(ids))
        .order_by(task_parameters.task, task_parameters.name);
}

inline auto events_of(std::int64_t id) {
    return select(task_events.status, task_events.at, task_events.error)
        .from(task_events)
        .where(task_events.task == id)
        .order_by(task_events.at, task_events.id);
}

}  // namespace ctql::history::queries
