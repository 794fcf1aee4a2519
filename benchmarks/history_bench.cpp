// H1 (../shared/benchmarks.md): the task history under load. Four threads
// record 10,000 task runs (each: the run with two parameters and its pending
// event, then running, then done or failed), then each history query runs
// many times over the filled tables; on a SQLite file in WAL mode and on the
// test PostgreSQL server. Reported as operations per second per backend,
// with the plan check: every query must read through an index (EXPLAIN).
//
//   history_bench [--scale small|full] [--reps K] [--n 10000] [--out results.json]
// PostgreSQL: CTQL_TEST_POSTGRES_URL (scripts/with-postgres.sh sets it); without it only SQLite runs.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <ctql/engine.hpp>
#include <ctql/pipeline/task_history.hpp>

#include "harness.hpp"

namespace {

using ctql::task_status;
namespace queries = ctql::history::queries;

constexpr int writer_threads = 4;

std::string task_name(std::int64_t i) { return "load_" + std::to_string(i % 100); }

// Every history statement, explained; the ones that scan a history table.
std::string plans_without_index(ctql::engine& db) {
    auto conn = db.connect();
    const bool postgres = db.backend() == ctql::backend_kind::postgresql;
    if (postgres) conn.execute(ctql::verbatim{"ANALYZE"});
    static const std::regex scan{R"((^|\n)\s*SCAN (tasks|task_events|task_parameters|newer_event)\b|Seq Scan on (tasks|task_events|task_parameters)\b)"};
    std::string missing;
    const ctql::time_window all;
    const auto check = [&](const char* what, const auto& stmt) {
        if (std::regex_search(ctql::explain(conn, stmt), scan)) missing += std::string(missing.empty() ? "" : ", ") + what;
    };
    check("by name", queries::runs_by_name(task_name(7), 100));
    check("by parameters", queries::parameter_candidates(task_name(7), {"date"}, {ctql::history::parameter_value_hash("7")}));
    check("by task id", queries::runs_by_task_id("load(7)"));
    check("latest runs", queries::runs_recorded_between(all.since, all.until, 100));
    check("by status", queries::run_ids_by_status(task_status::failed, all.since, all.until, 100));
    check("events of a run", queries::events_of(7));
    check("runs by ids", queries::runs_by_ids({1, 2, 3}));
    check("parameters of runs", queries::parameters_of({1, 2, 3}));
    return missing.empty() ? "every query reads through an index" : "scans without an index: " + missing;
}

// Four threads record n runs between them: each run with two parameters and
// a pending event, then running, then done (every tenth: failed).
void record_runs(ctql::task_history& history, std::int64_t n) {
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> failures(writer_threads);
    for (int t = 0; t < writer_threads; ++t)
        threads.emplace_back([&, t] {
            try {
                for (std::int64_t i = t; i < n; i += writer_threads) {
                    const auto run = history.record_run(
                        {.task_id = "load(" + std::to_string(i) + ")", .name = task_name(i),
                         .host = "worker-" + std::to_string(t),
                         .parameters = {{"date", std::to_string(i)}, {"source", "s3://b/" + std::to_string(i % 7)}}});
                    history.record_event(run, task_status::running);
                    const bool fails = i % 10 == 0;
                    history.record_event(run, fails ? task_status::failed : task_status::done,
                                         fails ? std::optional<std::string>{"error"} : std::nullopt);
                }
            } catch (...) {
                failures[static_cast<std::size_t>(t)] = std::current_exception();
            }
        });
    for (auto& t : threads) t.join();
    for (const auto& failure : failures)
        if (failure) std::rethrow_exception(failure);
}

void h1(harness::session& s, const char* backend, ctql::engine db, std::int64_t n) {
    ctql::task_history history{db};
    const auto reset = [&] {
        auto c = db.connect();
        ctql::drop_all(c, ctql::history::tasks, ctql::history::task_parameters, ctql::history::task_events);
        history.create_tables();
    };
    std::vector<harness::contender> writes;
    writes.push_back({"ctql task_history, 4 threads", "ctql", reset, [&] {
                          record_runs(history, n);
                          return static_cast<double>(history.latest_runs({}, 1).size());
                      }});
    s.measure("H1", std::string(backend) + ": record runs (3 calls each), 4 threads", n, 3 * n, std::move(writes));

    s.info(std::string("h1_plans_") + backend, plans_without_index(db));
    const int calls = s.opts().small ? 20 : 1'000;
    const auto query = [&](const char* label, auto&& call) {
        std::vector<harness::contender> cs;
        cs.push_back({"ctql task_history", "ctql", {}, [&] {
                          double sum = 0;
                          for (int i = 0; i < calls; ++i) sum += static_cast<double>(call(i));
                          return sum;
                      }});
        s.measure("H1", std::string(backend) + ": " + label, n, calls, std::move(cs));
    };
    query("find by name (latest 10)", [&](int i) { return history.find_by_name(task_name(i), 10).size(); });
    query("find by name and 2 parameters", [&](int i) {
        return history.find_by_parameters(task_name(i), {{"date", std::to_string(i)}, {"source", "s3://b/" + std::to_string(i % 7)}}).size();
    });
    query("find by task id", [&](int i) { return history.find_by_task_id("load(" + std::to_string(i) + ")").size(); });
    query("latest 20 runs", [&](int) { return history.latest_runs({}, 20).size(); });
    query("20 latest failed runs", [&](int) { return history.runs_by_status(task_status::failed, {}, 20).size(); });
    query("events of a run", [&](int i) { return history.events(1 + i % n).size(); });
    auto c = db.connect();
    ctql::drop_all(c, ctql::history::tasks, ctql::history::task_parameters, ctql::history::task_events);
}

}  // namespace

int main(int argc, char** argv) {
    return harness::main("history_bench", argc, argv, [](harness::session& s) {
        const auto& o = s.opts();
        s.info("compiler", __VERSION__);
        const std::int64_t n = o.sizes({10'000}, {200}).back();
        const std::string path = "/tmp/ctql_bench_history_" + std::to_string(::getpid()) + ".db";
        const auto remove_files = [&] {
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
        };
        remove_files();
        {
            auto sqlite = ctql::create_engine("sqlite:///" + path + "?pool_size=" + std::to_string(writer_threads));
            sqlite.connect().execute(ctql::verbatim{"PRAGMA journal_mode=WAL"});
            h1(s, "SQLite file, WAL", sqlite, n);
        }
        remove_files();
        if (const char* url = std::getenv("CTQL_TEST_POSTGRES_URL"); url && *url)
            h1(s, "PostgreSQL", ctql::create_engine(std::string(url)), n);
        else
            std::fprintf(stderr, "history_bench: CTQL_TEST_POSTGRES_URL is not set: PostgreSQL is left out\n");
    });
}
