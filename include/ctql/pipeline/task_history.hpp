// SPDX-License-Identifier: MIT
#pragma once
// A record of task runs, as pipeline schedulers keep one: each run with its
// parameters and the events it went through, in any engine's database.
//
//   ctql::task_history history{engine};
//   history.create_tables();                                  // once; idempotent
//   auto run = history.record_run({.task_id = "load(2026-11-29)", .name = "load",
//                                  .parameters = {{"date", "2026-11-29"}}});   // + a pending event
//   history.record_event(run, ctql::task_status::running);
//   history.record_event(run, ctql::task_status::failed, "disk full");
//   for (const ctql::task_run& r : history.find_by_name("load")) ...
//
// Every call takes a connection of the engine's pool, and every write is one
// transaction on it (reads are not: runs_by_status reads the matching ids,
// then the runs, and a run whose status moved on in between shows its new
// status), so threads may share one task_history, and processes may write the same
// database: a run is written whole (task, parameters, first event) or not at
// all, and each event once. Reads go through indexes only (see
// task_history_queries.hpp).
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/core/error.hpp>
#include <ctql/core/transaction_options.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/core/verbatim.hpp>
#include <ctql/backend/postgres/schema_reader.hpp>
#include <ctql/backend/schema_diff.hpp>
#include <ctql/backend/sqlite/schema_reader.hpp>
#include <ctql/engine/engine.hpp>
#include <ctql/pipeline/task_history_queries.hpp>
#include <ctql/pipeline/task_history_schema.hpp>
#include <ctql/stmt/ddl.hpp>
#include <ctql/stmt/insert.hpp>

namespace ctql {

// A run to record. `task_id` is the scheduler's identity of the task (often
// its name and parameters in one string); a task run again gets a new run.
struct new_task_run {
    std::string task_id{};
    std::string name{};
    std::optional<std::string> host{};
    std::map<std::string, std::string> parameters{};
};

struct task_run {
    std::int64_t id = 0;  // the run's key (tasks.id)
    std::string task_id{};
    std::string name{};
    std::optional<std::string> host{};
    timestamp recorded{};
    std::optional<task_status> status{};  // of the latest event; none before the first
    std::optional<timestamp> updated{};   // when the latest event happened
    std::map<std::string, std::string> parameters{};
};

struct task_event {
    task_status status{};
    timestamp at{};
    std::optional<std::string> error{};  // the exception text of a failure
};

// Where a query looks in time: [since, until). The default is all of it
// (the years 1 through 9999, what both backends store).
struct time_window {
    timestamp since = std::chrono::sys_days{std::chrono::year{1} / 1 / 1};
    timestamp until = std::chrono::sys_days{std::chrono::year{9999} / 12 / 31} + std::chrono::days{1} -
                      std::chrono::microseconds{1};
};

std::string_view to_string(task_status status);
std::optional<task_status> parse_task_status(std::string_view text);

class task_history {
public:
    explicit task_history(engine db) : db_(std::move(db)) {}

    engine& database() { return db_; }

    // Creates the three tables and their indexes where they are missing, in
    // one transaction; two processes doing it at once create them once.
    // Tables that exist but differ from this version's (another layout, a
    // missing index) are an error listing the differences, before anything
    // is written to them.
    void create_tables() {
        write([&](connection& conn) {
            // Two processes at once: PostgreSQL's IF NOT EXISTS is not atomic
            // across sessions (both may pass the check), a transaction lock is.
            if (db_.backend() == backend_kind::postgresql)
                conn.execute(verbatim{"SELECT pg_advisory_xact_lock(7310552541237158213)"});
            // Tables of another layout may fail the creation of an index (a
            // column it names is missing): the differences say more than that.
            std::exception_ptr failure;
            try {
                conn.transaction([&] { create_all(conn, history::task_events, history::task_parameters, history::tasks); });
            } catch (const database_error&) {
                failure = std::current_exception();
            }
            const schema_differences differences =
                schema_diff(conn, history::tasks, history::task_parameters, history::task_events);
            if (!differences.empty())
                throw interface_error("ctql: the task history tables of this database are not the ones this "
                                      "version of ctql declares (ctql/pipeline/task_history_schema.hpp):\n" +
                                      differences.text());
            if (failure) std::rethrow_exception(failure);
        });
    }

    // Records a run, its parameters and its first event (pending), together.
    std::int64_t record_run(const new_task_run& run, task_status first = task_status::pending) {
        if (run.name.empty()) throw interface_error("ctql: task_history::record_run: the run has no name");
        const timestamp now = clock_now();
        return write([&](connection& conn) {
            using namespace history;
            const std::int64_t id = conn(insert_into(tasks)
                                             .set(tasks.task_id = run.task_id, tasks.name = run.name,
                                                  tasks.host = run.host, tasks.recorded = now)
                                             .returning(tasks.id))
                                        .front();
            for (const auto& [name, value] : run.parameters)
                conn(insert_into(task_parameters)
                         .set(task_parameters.task = id, task_parameters.name = name, task_parameters.value = value,
                              task_parameters.value_hash = history::parameter_value_hash(value)));
            insert_event(conn, id, first, now, std::nullopt);
            return id;
        });
    }

    // Records what happened to a run now; `error` is kept with a failure
    // (the exception text, any length).
    void record_event(std::int64_t run, task_status status, std::optional<std::string> error = std::nullopt) {
        const timestamp now = clock_now();
        write([&](connection& conn) {
            if (conn(select(history::tasks.id).from(history::tasks).where(history::tasks.id == run)).empty())
                throw interface_error("ctql: task_history::record_event: there is no task run " + std::to_string(run));
            insert_event(conn, run, status, now, error);
        });
    }

    std::optional<task_run> find_run(std::int64_t id) {
        auto runs = read([&](connection& conn) { return runs_of(conn, conn(history::queries::run_by_id(id))); });
        if (runs.empty()) return std::nullopt;
        return std::move(runs.front());
    }

    // The runs of a task name, newest first.
    std::vector<task_run> find_by_name(const std::string& name, std::size_t limit = 100) {
        return read([&](connection& conn) {
            return runs_of(conn, conn(history::queries::runs_by_name(name, checked_limit(limit))));
        });
    }

    // The runs of a task name that have every parameter asked for, with that
    // value (and possibly more parameters), newest first.
    std::vector<task_run> find_by_parameters(const std::string& name,
                                             const std::map<std::string, std::string>& parameters,
                                             std::size_t limit = 100) {
        if (parameters.empty()) return find_by_name(name, limit);
        std::vector<std::string> names;
        std::vector<std::int64_t> hashes;
        for (const auto& [n, v] : parameters) {
            names.push_back(n);
            hashes.push_back(history::parameter_value_hash(v));
        }
        return read([&](connection& conn) {
            std::map<std::int64_t, std::size_t> matched;
            for (const auto& [task, n, v] : conn(history::queries::parameter_candidates(name, names, hashes)))
                if (parameters.at(n) == v) ++matched[task];
            std::vector<std::int64_t> ids;
            for (const auto& [task, count] : matched)
                if (count == parameters.size()) ids.push_back(task);
            if (ids.empty()) return std::vector<task_run>{};
            auto runs = runs_of(conn, conn(history::queries::runs_by_ids(ids)));
            if (runs.size() > limit) runs.resize(limit);
            return runs;
        });
    }

    // The runs recorded under a scheduler's task id, newest first.
    std::vector<task_run> find_by_task_id(const std::string& task_id) {
        return read([&](connection& conn) { return runs_of(conn, conn(history::queries::runs_by_task_id(task_id))); });
    }

    // The runs recorded in the window, newest first.
    std::vector<task_run> latest_runs(time_window window = {}, std::size_t limit = 100) {
        return read([&](connection& conn) {
            return runs_of(conn, conn(history::queries::runs_recorded_between(window.since, window.until,
                                                                             checked_limit(limit))));
        });
    }

    // The runs whose latest event is `status`, that event in the window;
    // newest event first.
    std::vector<task_run> runs_by_status(task_status status, time_window window = {}, std::size_t limit = 100) {
        return read([&](connection& conn) {
            const std::vector<std::int64_t> ids =
                conn(history::queries::run_ids_by_status(status, window.since, window.until, checked_limit(limit)))
                    .to_vector();
            if (ids.empty()) return std::vector<task_run>{};
            auto runs = runs_of(conn, conn(history::queries::runs_by_ids(ids)));
            // In the order of their latest events, as found.
            std::map<std::int64_t, std::size_t> position;
            for (std::size_t i = 0; i < ids.size(); ++i) position.emplace(ids[i], i);
            std::sort(runs.begin(), runs.end(),
                      [&](const task_run& a, const task_run& b) { return position[a.id] < position[b.id]; });
            return runs;
        });
    }

    // Every event of a run, oldest first.
    std::vector<task_event> events(std::int64_t run) {
        return read([&](connection& conn) {
            std::vector<task_event> out;
            for (const auto& [status, at, error] : conn(history::queries::events_of(run)))
                out.push_back(task_event{status, at, error});
            return out;
        });
    }

private:
    static timestamp clock_now() {
        return std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
    }

    static std::int64_t checked_limit(std::size_t limit) {
        return static_cast<std::int64_t>(std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()));
    }

    static void insert_event(connection& conn, std::int64_t run, task_status status, timestamp at,
                             const std::optional<std::string>& error) {
        using history::task_events;
        conn(insert_into(task_events)
                 .set(task_events.task = run, task_events.status = status, task_events.at = at,
                      task_events.error = error));
    }

    // A write takes SQLite's write lock at BEGIN, so that concurrent writers
    // wait their turn (busy_timeout) instead of failing halfway; on
    // PostgreSQL rows of different runs never conflict. Many writers on a
    // slow disk can keep one waiting past the busy timeout: the write was
    // rolled back whole then, so it is tried again, up to busy_attempts
    // times in all.
    template <class F>
    std::invoke_result_t<F&, connection&> write(F&& fn) {
        transaction_options options;
        const bool sqlite = db_.backend() == backend_kind::sqlite;
        if (sqlite) options.sqlite_mode = sqlite_begin_mode::immediate;
        for (int attempt = 1;; ++attempt) {
            try {
                connection conn = db_.connect();
                return conn.transaction([&](connection& c) -> decltype(auto) { return fn(c); }, options);
            } catch (const operational_error& e) {
                constexpr int sqlite_busy = 5;
                if (!sqlite || (e.code() & 0xff) != sqlite_busy || attempt == busy_attempts) throw;
            }
        }
    }
    static constexpr int busy_attempts = 10;

    template <class F>
    std::invoke_result_t<F&, connection&> read(F&& fn) {
        connection conn = db_.connect();
        return fn(conn);
    }

    template <class Rows>
    static std::vector<task_run> runs_of(connection& conn, const Rows& rows) {
        std::vector<task_run> runs;
        std::vector<std::int64_t> ids;
        for (const auto& [id, task_id, name, host, recorded, status, updated] : rows) {
            runs.push_back(task_run{id, task_id, name, host, recorded, status, updated, {}});
            ids.push_back(id);
        }
        if (ids.empty()) return runs;
        std::map<std::int64_t, std::size_t> position;
        for (std::size_t i = 0; i < runs.size(); ++i) position.emplace(runs[i].id, i);
        for (const auto& [task, name, value] : conn(history::queries::parameters_of(ids)))
            runs[position.at(task)].parameters.emplace(name, value);
        return runs;
    }

    engine db_;
};

inline std::string_view to_string(task_status status) {
    return enum_names<task_status>::names[static_cast<std::size_t>(status)];
}

inline std::optional<task_status> parse_task_status(std::string_view text) {
    const auto& names = enum_names<task_status>::names;
    for (std::size_t i = 0; i < std::size(names); ++i)
        if (names[i] == text) return static_cast<task_status>(i);
    return std::nullopt;
}

}  // namespace ctql
