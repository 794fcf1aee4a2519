// Every query of the task history reads its tables through an index, on
// both backends: checked on the plans the databases choose (EXPLAIN), with
// enough rows recorded that a table scan would be the slow path it is.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "../common/engines.hpp"
#include "history_engines.hpp"

using namespace ctql::history;
using ctql::task_status;

namespace {

// A line of the plan that reads a history table without an index, or "".
std::string full_scan_in(const std::string& plan) {
    // SQLite: "SCAN tasks" (with or without USING ... INDEX: a walk over all
    // of it) where SEARCH would use the key; PostgreSQL: "Seq Scan on tasks".
    static const std::regex scan{R"((^|\n)\s*(SCAN (tasks|task_events|task_parameters|newer_event)\b[^\n]*|[^\n]*Seq Scan on (tasks|task_events|task_parameters)\b[^\n]*))"};
    std::smatch m;
    return std::regex_search(plan, m, scan) ? m.str(2) : std::string{};
}

template <class Statement>
void check_uses_indexes(ctql::connection& conn, const char* what, const Statement& stmt) {
    const std::string plan = ctql::explain(conn, stmt);
    INFO(what << ":\n" << plan);
    CHECK(full_scan_in(plan).empty());
    CHECK((plan.find("INDEX") != std::string::npos || plan.find("Index") != std::string::npos));
}

}  // namespace

TEST_CASE("the full-scan check reads both backends' plans") {
    CHECK(full_scan_in("SCAN tasks\n") == "SCAN tasks");
    CHECK(full_scan_in("SEARCH tasks USING INDEX ix_tasks_name_recorded (name=?)\n  SCAN task_events USING INDEX x\n") ==
          "SCAN task_events USING INDEX x");
    CHECK(full_scan_in("SEARCH tasks USING INTEGER PRIMARY KEY (rowid=?)\n").empty());
    CHECK(full_scan_in("Limit  (cost=0.1..1.2 rows=1 width=8)\n  ->  Seq Scan on task_events  (cost=...)\n") ==
          "->  Seq Scan on task_events  (cost=...)");
    CHECK(full_scan_in("Index Scan using ix_tasks_task_id on tasks\n").empty());
}

TEMPLATE_TEST_CASE("every task history query uses an index", "[history]", ctql_test::history_on_sqlite,
                   ctql_test::history_on_postgres) {
    TestType backend;
    ctql::task_history history{backend.db};
    history.create_tables();
    std::int64_t last = 0;
    for (int i = 0; i < 300; ++i) {
        last = history.record_run({.task_id = "load(" + std::to_string(i) + ")", .name = "load" + std::to_string(i % 30),
                                   .parameters = {{"date", std::to_string(i)}, {"source", "s" + std::to_string(i % 7)}}});
        history.record_event(last, i % 3 == 0 ? task_status::failed : task_status::done);
    }
    auto conn = backend.db.connect();
    if (backend.db.backend() == ctql::backend_kind::postgresql) {
        conn.execute(ctql::verbatim{"ANALYZE"});
        // 300 runs fit in a few pages, where a scan is the cheapest plan; the
        // question here is whether an index serves each query at all.
        conn.execute(ctql::verbatim{"SET enable_seqscan = off"});
    }
    const ctql::time_window all;
    check_uses_indexes(conn, "run by id", queries::run_by_id(last));
    check_uses_indexes(conn, "runs by ids", queries::runs_by_ids({1, 2, last}));
    check_uses_indexes(conn, "by name", queries::runs_by_name("load7", 100));
    check_uses_indexes(conn, "by task id", queries::runs_by_task_id("load(7)"));
    check_uses_indexes(conn, "latest runs", queries::runs_recorded_between(all.since, all.until, 100));
    check_uses_indexes(conn, "by status", queries::run_ids_by_status(task_status::failed, all.since, all.until, 100));
    check_uses_indexes(conn, "by parameters",
                       queries::parameter_candidates("load7", {"date", "source"},
                                                     {parameter_value_hash("7"), parameter_value_hash("s0")}));
    check_uses_indexes(conn, "parameters of runs", queries::parameters_of({1, 2, last}));
    check_uses_indexes(conn, "events of a run", queries::events_of(last));
    if (backend.db.backend() == ctql::backend_kind::postgresql) conn.execute(ctql::verbatim{"RESET enable_seqscan"});
}
