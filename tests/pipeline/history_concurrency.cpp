// Several writers on one task history at once, threads of one process and
// processes of their own, on PostgreSQL and on a SQLite file in WAL mode:
// afterwards every run is there once, whole, with each of its events once.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "../common/engines.hpp"
#include "history_engines.hpp"
#include "../common/raw_sql.hpp"

using ctql::task_status;

namespace {

constexpr int runs_per_writer = 40;

// One writer's work: runs named after it, each taken through running to done.
void write_runs(ctql::task_history& history, const std::string& writer) {
    for (int i = 0; i < runs_per_writer; ++i) {
        const auto run = history.record_run({.task_id = writer + "/" + std::to_string(i), .name = "task-" + writer,
                                             .host = writer,
                                             .parameters = {{"writer", writer}, {"i", std::to_string(i)}}});
        history.record_event(run, task_status::running);
        history.record_event(run, i % 5 == 0 ? task_status::failed : task_status::done,
                             i % 5 == 0 ? std::optional<std::string>{"failure " + std::to_string(i)} : std::nullopt);
    }
}

}  // namespace

TEMPLATE_TEST_CASE("concurrent writers lose and duplicate nothing", "[history]", ctql_test::history_on_sqlite,
                   ctql_test::history_on_postgres) {
    TestType backend;
    ctql::task_history history{backend.db};
    history.create_tables();
    const std::string url = backend.db.address().to_string(false);

    // Two processes, each with an engine of its own, started before any thread.
    std::vector<pid_t> children;
    for (int p = 0; p < 2; ++p) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            int status = 0;
            try {
                ctql::task_history own{ctql::create_engine(url)};
                own.create_tables();  // racing the others: creates nothing twice
                write_runs(own, "process" + std::to_string(p));
            } catch (const std::exception& e) {
                std::fprintf(stderr, "writer process %d: %s\n", p, e.what());
                status = 1;
            }
            std::fflush(stderr);
            ::_exit(status);
        }
        children.push_back(pid);
    }
    std::vector<std::thread> threads;
    std::vector<std::string> thread_errors(4);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            try {
                write_runs(history, "thread" + std::to_string(t));
            } catch (const std::exception& e) {
                thread_errors[static_cast<std::size_t>(t)] = e.what();
            }
        });
    for (auto& t : threads) t.join();
    for (const pid_t pid : children) {
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    for (const auto& e : thread_errors) CHECK(e.empty());

    const std::vector<std::string> writers{"thread0", "thread1", "thread2", "thread3", "process0", "process1"};
    auto conn = backend.db.connect();
    conn.with_backend([&](auto& raw) {
        const auto count = [&](const std::string& sql) { return ctql_test::raw_rows(raw, sql).at(0).at(0).value(); };
        const std::string runs = std::to_string(writers.size() * runs_per_writer);
        CHECK(count("SELECT count(*) FROM tasks") == runs);
        CHECK(count("SELECT count(DISTINCT task_id) FROM tasks") == runs);
        CHECK(count("SELECT count(*) FROM task_parameters") == std::to_string(writers.size() * runs_per_writer * 2));
        CHECK(count("SELECT count(*) FROM task_events") == std::to_string(writers.size() * runs_per_writer * 3));
        // Each run has its own three events, and its own parameters.
        CHECK(count("SELECT count(*) FROM (SELECT task FROM task_events GROUP BY task HAVING count(*) <> 3) AS t") ==
              "0");
        CHECK(count("SELECT count(*) FROM tasks t JOIN task_parameters p ON p.task = t.id AND p.name = 'writer' "
                    "WHERE p.value <> t.host") == "0");
    });
    for (const auto& writer : writers) {
        INFO(writer);
        const auto runs = history.find_by_name("task-" + writer, 1000);
        CHECK(runs.size() == runs_per_writer);
        std::map<std::string, int> seen;
        for (const auto& run : runs) {
            ++seen[run.parameters.at("i")];
            CHECK(run.status == (std::stoi(run.parameters.at("i")) % 5 == 0 ? task_status::failed : task_status::done));
        }
        CHECK(seen.size() == runs_per_writer);
        CHECK(history.find_by_parameters("task-" + writer, {{"i", "7"}, {"writer", writer}}).size() == 1);
    }
}
