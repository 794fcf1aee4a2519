// The task history on both backends: runs, parameters and events recorded,
// and each query's answer checked against the rows written by raw SQL reads.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "../common/engines.hpp"
#include "history_engines.hpp"
#include "../common/raw_sql.hpp"

using ctql::task_status;
using namespace std::chrono_literals;

// Stored hashes must match in every later release: FNV-1a 64 as published.
static_assert(ctql::history::parameter_value_hash("") == static_cast<std::int64_t>(0xcbf29ce484222325ull));
static_assert(ctql::history::parameter_value_hash("a") == static_cast<std::int64_t>(0xaf63dc4c8601ec8cull));

TEMPLATE_TEST_CASE("task history tables of another layout are refused, naming the difference", "[history]",
                   ctql_test::history_on_sqlite, ctql_test::history_on_postgres) {
    TestType backend;
    backend.db.connect().execute(
        ctql::verbatim{"CREATE TABLE tasks (id INTEGER PRIMARY KEY, task_id TEXT NOT NULL, name VARCHAR(64) NOT NULL)"});
    ctql::task_history history{backend.db};
    try {
        history.create_tables();
        FAIL("create_tables() accepted a tasks table without host and recorded");
    } catch (const ctql::interface_error& e) {
        const std::string text = e.what();
        CHECK_THAT(text, Catch::StartsWith("ctql: the task history tables of this database are not the ones this "
                                           "version of ctql declares"));
        CHECK_THAT(text, Catch::Contains("host") && Catch::Contains("recorded"));
    }
    // Nothing of the failed call stays: the other two tables were not created either.
    backend.db.connect().with_backend([&](auto& raw) { CHECK(!raw.has_table("task_events")); });
}

TEMPLATE_TEST_CASE("task history records runs, parameters and events", "[history]", ctql_test::history_on_sqlite,
                   ctql_test::history_on_postgres) {
    TestType backend;
    ctql::task_history history{backend.db};
    history.create_tables();
    history.create_tables();  // idempotent

    const std::string long_value(100'000, 'v');  // no column cuts a value short
    const auto load_a = history.record_run(
        {.task_id = "load(date=2026-11-28)", .name = "load", .host = "worker-1",
         .parameters = {{"date", "2026-11-28"}, {"source", "s3://bucket/a"}, {"notes", long_value}}});
    const auto load_b = history.record_run(
        {.task_id = "load(date=2026-11-29)", .name = "load", .host = "worker-2",
         .parameters = {{"date", "2026-11-29"}, {"source", "s3://bucket/a"}}});
    const auto report = history.record_run({.task_id = "report()", .name = "report"});

    history.record_event(load_a, task_status::running);
    history.record_event(load_a, task_status::done);
    history.record_event(load_b, task_status::running);
    history.record_event(load_b, task_status::failed, "std::runtime_error: disk full");
    history.record_event(report, task_status::skipped);

    SECTION("a run reads back whole") {
        const auto run = history.find_run(load_a);
        REQUIRE(run);
        CHECK(run->task_id == "load(date=2026-11-28)");
        CHECK(run->name == "load");
        CHECK(run->host == "worker-1");
        CHECK(run->status == task_status::done);
        CHECK(run->parameters.size() == 3);
        CHECK(run->parameters.at("notes") == long_value);
        CHECK(!history.find_run(report + 1000));
        CHECK(history.find_run(report)->host == std::nullopt);
    }
    SECTION("events in time order, the failure with its text") {
        const auto events = history.events(load_b);
        REQUIRE(events.size() == 3);
        CHECK(events[0].status == task_status::pending);
        CHECK(events[1].status == task_status::running);
        CHECK(events[2].status == task_status::failed);
        CHECK(events[2].error == "std::runtime_error: disk full");
        CHECK(events[0].at <= events[1].at);
        CHECK(events[1].at <= events[2].at);
        auto conn = backend.db.connect();
        conn.with_backend([&](auto& raw) {
            CHECK(ctql_test::raw_rows(raw, "SELECT status, error FROM task_events WHERE task = " +
                                               std::to_string(load_b) + " ORDER BY at, id") ==
                  std::vector<ctql_test::raw_row>{{"pending", std::nullopt}, {"running", std::nullopt},
                                                  {"failed", "std::runtime_error: disk full"}});
        });
    }
    SECTION("by name, newest first") {
        const auto runs = history.find_by_name("load");
        REQUIRE(runs.size() == 2);
        CHECK(runs[0].id == load_b);
        CHECK(runs[1].id == load_a);
        CHECK(history.find_by_name("load", 1).size() == 1);
        CHECK(history.find_by_name("nothing").empty());
    }
    SECTION("by name and any number of parameters") {
        CHECK(history.find_by_parameters("load", {{"source", "s3://bucket/a"}}).size() == 2);
        const auto one = history.find_by_parameters("load", {{"source", "s3://bucket/a"}, {"date", "2026-11-29"}});
        REQUIRE(one.size() == 1);
        CHECK(one[0].id == load_b);
        // A value of one parameter under the name of another matches nothing.
        CHECK(history.find_by_parameters("load", {{"date", "s3://bucket/a"}, {"source", "2026-11-29"}}).empty());
        CHECK(history.find_by_parameters("load", {{"date", "2026-11-29"}, {"missing", "x"}}).empty());
        CHECK(history.find_by_parameters("load", {{"notes", long_value}}).at(0).id == load_a);
        CHECK(history.find_by_parameters("report", {}).size() == 1);
    }
    SECTION("by the scheduler's task id") {
        const auto runs = history.find_by_task_id("load(date=2026-11-29)");
        REQUIRE(runs.size() == 1);
        CHECK(runs[0].status == task_status::failed);
        // A task run again is a new run of the same task id.
        const auto again = history.record_run({.task_id = "load(date=2026-11-29)", .name = "load"});
        CHECK(history.find_by_task_id("load(date=2026-11-29)").front().id == again);
        CHECK(history.find_by_task_id("load(date=2026-11-29)").size() == 2);
    }
    SECTION("latest runs in a time window") {
        const auto all = history.latest_runs();
        REQUIRE(all.size() == 3);
        CHECK(all[0].id == report);
        const auto recorded_b = history.find_run(load_b)->recorded;
        const auto window = history.latest_runs({.since = recorded_b, .until = recorded_b + 1us});
        REQUIRE(window.size() == 1);
        CHECK(window[0].id == load_b);
        CHECK(history.latest_runs({.since = recorded_b + 1h}).empty());
        CHECK(history.latest_runs({}, 2).size() == 2);
    }
    SECTION("runs by the status of their latest event") {
        CHECK(history.runs_by_status(task_status::failed).at(0).id == load_b);
        CHECK(history.runs_by_status(task_status::done).at(0).id == load_a);
        CHECK(history.runs_by_status(task_status::running).empty());  // both moved on
        CHECK(history.runs_by_status(task_status::pending).empty());
        history.record_event(load_b, task_status::running);  // retried
        CHECK(history.runs_by_status(task_status::failed).empty());
        CHECK(history.runs_by_status(task_status::running).size() == 1);
        const auto failed_at = history.events(load_b)[2].at;
        CHECK(history.runs_by_status(task_status::running, {.since = failed_at + 1h}).empty());
    }
    SECTION("a run that fails part-way is not recorded at all") {
        backend.db.connect().execute(ctql::verbatim{"DROP TABLE task_events"});
        CHECK_THROWS_AS(history.record_run({.task_id = "half", .name = "half", .parameters = {{"a", "1"}}}),
                        ctql::database_error);
        auto conn = backend.db.connect();
        conn.with_backend([&](auto& raw) {
            CHECK(ctql_test::raw_rows(raw, "SELECT count(*) FROM tasks WHERE name = 'half'").at(0).at(0) == "0");
            CHECK(ctql_test::raw_rows(raw, "SELECT count(*) FROM task_parameters WHERE name = 'a'").at(0).at(0) == "0");
        });
    }
    SECTION("bad input is refused and writes nothing") {
        CHECK_THROWS_WITH(history.record_event(report + 1000, task_status::done),
                          "ctql: task_history::record_event: there is no task run " + std::to_string(report + 1000));
        CHECK_THROWS_WITH(history.record_run({.task_id = "x"}), "ctql: task_history::record_run: the run has no name");
        CHECK(history.latest_runs().size() == 3);
        CHECK(ctql::parse_task_status("done") == task_status::done);
        CHECK(!ctql::parse_task_status("finished"));
        CHECK(ctql::to_string(task_status::disabled) == "disabled");
    }
}
