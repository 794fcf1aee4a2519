// ctql-history run as a user runs it, on a SQLite file and on PostgreSQL:
// what it prints (table and --json), and the exit status a script reads.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "../common/engines.hpp"
#include "../pipeline/history_engines.hpp"

using ctql::task_status;

namespace {

struct outcome {
    int status = -1;
    std::string output;  // stdout and stderr
};

// The tool's path: CTest sets CTQL_HISTORY_TOOL (tests/CMakeLists.txt).
std::string tool() {
    const char* path = std::getenv("CTQL_HISTORY_TOOL");
    if (path == nullptr || *path == '\0') FAIL("CTQL_HISTORY_TOOL is not set: run this test through ctest");
    return path;
}

outcome run_tool(const std::string& arguments) {
    const std::string command = tool() + " " + arguments + " 2>&1";
    outcome out;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.output.append(buffer, n);
    const int status = ::pclose(pipe);
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    INFO(command << "\n" << out.output);
    return out;
}

}  // namespace

TEMPLATE_TEST_CASE("ctql-history lists runs, shows one, and exits as scripts expect", "[history][tools]",
                   ctql_test::history_on_sqlite, ctql_test::history_on_postgres) {
    TestType backend;
    const std::string db = "--db '" + backend.db.address().to_string(false) + "'";
    {
        const auto missing = run_tool(db + " runs");
        CHECK(missing.status == 3);
        CHECK_THAT(missing.output, Catch::Contains("has no task history (tables tasks, task_parameters, task_events)"));
    }
    ctql::task_history history{backend.db};
    history.create_tables();
    const auto a = history.record_run({.task_id = "load(date=2026-11-28)", .name = "load", .host = "worker-1",
                                       .parameters = {{"date", "2026-11-28"}}});
    const auto b = history.record_run({.task_id = "load(date=2026-11-29)", .name = "load", .host = "worker-2",
                                       .parameters = {{"date", "2026-11-29"}}});
    const auto c = history.record_run({.task_id = "report()", .name = "report"});
    history.record_event(a, task_status::done);
    history.record_event(b, task_status::failed, "std::runtime_error: \"disk\" full\nat line 2");
    (void)c;

    SECTION("recent runs as a table, newest first") {
        const auto out = run_tool(db);
        CHECK(out.status == 0);
        CHECK(out.output.starts_with("RUN"));
        CHECK(out.output.find("report") < out.output.find("load(date=2026-11-29)"));
        CHECK(out.output.find("load(date=2026-11-29)") < out.output.find("load(date=2026-11-28)"));
        CHECK_THAT(out.output, Catch::Contains("failed") && Catch::Contains("worker-2"));
    }
    SECTION("filters by name, parameters, status and time") {
        CHECK(run_tool(db + " runs --name load --limit 1").output.find("load(date=2026-11-28)") == std::string::npos);
        const auto by_param = run_tool(db + " runs --name load --param date=2026-11-28 --json");
        CHECK(by_param.status == 0);
        CHECK_THAT(by_param.output, Catch::StartsWith("[{\"id\": " + std::to_string(a) + ", \"task_id\": \"load(date=2026-11-28)\""));
        CHECK_THAT(by_param.output, Catch::Contains(R"("parameters": {"date": "2026-11-28"})"));
        const auto failed = run_tool(db + " --json runs --status failed");
        CHECK_THAT(failed.output, Catch::Contains("\"id\": " + std::to_string(b)) && Catch::Contains("\"status\": \"failed\""));
        CHECK(failed.output.find("\"id\": " + std::to_string(a) + ",") == std::string::npos);
        CHECK(run_tool(db + " runs --name load --status done --json").output.find("load(date=2026-11-29)") == std::string::npos);
        CHECK(run_tool(db + " runs --since 1h").status == 0);
        const auto future = run_tool(db + " runs --since 9000-01-01");
        CHECK(future.status == 1);
        CHECK_THAT(future.output, Catch::Contains("no runs matched"));
        CHECK(run_tool(db + " runs --until 2000-01-01 --json").output == "[]\n");
    }
    SECTION("one run: parameters and events, the error text escaped") {
        const auto shown = run_tool(db + " show " + std::to_string(b));
        CHECK(shown.status == 0);
        CHECK_THAT(shown.output, Catch::Contains("run " + std::to_string(b) + ": load (load(date=2026-11-29))") &&
                                     Catch::Contains("date  2026-11-29") &&
                                     Catch::Contains(R"(std::runtime_error: "disk" full\nat line 2)"));
        const auto json = run_tool(db + " --json show " + std::to_string(b));
        CHECK_THAT(json.output, Catch::Contains(R"("status": "failed", )") &&
                                    Catch::Contains(R"("error": "std::runtime_error: \"disk\" full\nat line 2"}]})"));
        CHECK(run_tool(db + " show 99999").status == 1);
        CHECK(run_tool(db + " --json task 'load(date=2026-11-28)'").output.find("\"id\": " + std::to_string(a)) !=
              std::string::npos);
    }
    SECTION("usage errors: status 2 and a message naming the mistake") {
        const auto bad_status = run_tool(db + " runs --status finished");
        CHECK(bad_status.status == 2);
        CHECK_THAT(bad_status.output, Catch::StartsWith("ctql-history: --status finished: not a status"));
        CHECK_THAT(run_tool(db + " runs --since yesterday").output,
                   Catch::StartsWith("ctql-history: --since yesterday: not a time"));
        CHECK_THAT(run_tool(db + " runs --param date=x").output, Catch::StartsWith("ctql-history: --param needs --name"));
        CHECK_THAT(run_tool(db + " runs --limit 0").output, Catch::StartsWith("ctql-history: --limit 0: not a whole number"));
        CHECK_THAT(run_tool(db + " show abc").output, Catch::StartsWith("ctql-history: show abc: RUN is a run's number"));
        CHECK(run_tool(db + " frobnicate").status == 2);
        CHECK_THAT(run_tool("runs").output, Catch::StartsWith("ctql-history: no database: give --db URL or set CTQL_HISTORY_URL"));
        CHECK(run_tool("--help").status == 0);
    }
    SECTION("database errors: status 3, the password never shown") {
        const auto out = run_tool("--db 'postgresql://ctql:s3cret@127.0.0.1:1/nowhere?connect_timeout=2' runs");
        CHECK(out.status == 3);
        CHECK(out.output.find("s3cret") == std::string::npos);
        CHECK_THAT(run_tool("--db 'mysql://x/y' runs").output, Catch::StartsWith("ctql-history: "));
    }
}
