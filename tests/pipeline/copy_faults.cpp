// copy_to_table under faults from outside: two processes racing on one
// update_id load once; a connection killed, a server stopped or a process
// killed midway leaves neither rows nor marker.
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <tuple>
#include <unistd.h>
#include <vector>

#include <ctql/pipeline/copy_to_table.hpp>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"
#include "../common/sqlite_file.hpp"

CTQL_TABLE(events,
    (id,      std::int64_t, ctql::primary_key),
    (payload, std::string));

using namespace ctql;
using ctql_test::pg_ctl;
using ctql_test::raw_rows;

namespace {
using text_rows = std::vector<ctql_test::raw_row>;
using event_rows = std::vector<std::tuple<std::int64_t, std::string>>;

event_rows make_events(int n) {
    event_rows rows;
    for (int i = 1; i <= n; ++i) rows.emplace_back(i, "payload " + std::to_string(i));
    return rows;
}

template <class Db>
void check_nothing_stored(Db& db, const std::string& update_id) {
    CHECK(raw_rows(db, "SELECT count(*) FROM events") == text_rows{{"0"}});
    CHECK_FALSE(copy_complete(db, events, update_id));
}

enum exit_code { loaded = 0, found_marker = 10, failed = 1 };

// Forks a process that opens its own connection, waits for the go signal on
// `go`, loads 2,000 events under `update_id` slowly (chunks of 250, 10 ms
// apart, so that the other racer arrives while this one is midway) and exits
// with what happened.
template <class Open>
pid_t start_racer(Open open, int go, const std::string& update_id) {
    const pid_t pid = ::fork();
    if (pid != 0) return pid;
    int code = failed;
    try {
        auto db = open();
        char signal = 0;
        if (::read(go, &signal, 1) == 1) {
            const copy_result r = copy_to_table(db, events, make_events(2000),
                                                {.update_id = update_id, .chunk_rows = 250, .progress = [](const auto&) {
                                                     std::this_thread::sleep_for(std::chrono::milliseconds(10));
                                                 }});
            code = r.already_loaded ? found_marker : r.rows == 2000 ? loaded : failed;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "racer failed: %s\n", e.what());
    }
    ::_exit(code);
}

template <class Open>
void race(Open open, const std::string& update_id) {
    int pipes[2][2];
    REQUIRE(::pipe(pipes[0]) == 0);
    REQUIRE(::pipe(pipes[1]) == 0);
    const pid_t a = start_racer(open, pipes[0][0], update_id);
    const pid_t b = start_racer(open, pipes[1][0], update_id);
    // Both are connected and waiting: start them together.
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    REQUIRE(::write(pipes[0][1], "g", 1) == 1);
    REQUIRE(::write(pipes[1][1], "g", 1) == 1);
    int status_a = 0, status_b = 0;
    REQUIRE(::waitpid(a, &status_a, 0) == a);
    REQUIRE(::waitpid(b, &status_b, 0) == b);
    for (int* p : {pipes[0], pipes[1]}) {
        ::close(p[0]);
        ::close(p[1]);
    }
    REQUIRE(WIFEXITED(status_a));
    REQUIRE(WIFEXITED(status_b));
    const std::vector<int> codes{WEXITSTATUS(status_a), WEXITSTATUS(status_b)};
    // One loaded, the other found its marker, in either order.
    CHECK((codes == std::vector<int>{loaded, found_marker} || codes == std::vector<int>{found_marker, loaded}));
}
}  // namespace

TEST_CASE("two processes racing on one update_id load once: PostgreSQL") {
    {
        auto db = ctql_test::postgres_backend::open();
        ctql_test::recreate(db, events, table_updates);
    }  // no connection of the parent crosses the fork
    for (const std::string update_id : {"race-1", "race-2", "race-3"}) {
        race([] { return ctql_test::postgres_backend::open(); }, update_id);
        auto db = ctql_test::postgres_backend::open();
        CHECK(raw_rows(db, "SELECT count(*) FROM events") == text_rows{{"2000"}});
        CHECK(raw_rows(db, "SELECT row_count FROM table_updates WHERE update_id = '" + update_id + "'") ==
              text_rows{{"2000"}});
        db(delete_from(events).all_rows());
    }
}

TEST_CASE("two processes racing on one update_id load once: SQLite file in WAL mode and in rollback-journal mode") {
    for (const char* journal : {"WAL", "DELETE"}) {
        INFO(journal);
        ctql_test::sqlite_file file("copy_race");
        {
            sqlite::connection db{file.path};
            db.execute(verbatim{std::string("PRAGMA journal_mode = ") + journal});
            ctql_test::recreate(db, events, table_updates);
        }
        race([&] { return sqlite::connection{file.path}; }, "race");
        sqlite::connection db{file.path};
        CHECK(raw_rows(db, "SELECT count(*) FROM events") == text_rows{{"2000"}});
        CHECK(raw_rows(db, "SELECT count(*), sum(row_count) FROM table_updates") == text_rows{{"1", "2000"}});
    }
}

TEST_CASE("PostgreSQL: a connection killed midway leaves neither rows nor marker") {
    auto db = ctql_test::postgres_backend::open();
    ctql_test::recreate(db, events, table_updates);
    auto admin = ctql_test::postgres_backend::open();
    const int pid = PQbackendPID(db.native_handle());
    bool killed = false;
    try {
        copy_to_table(db, events, make_events(10'000),
                      {.update_id = "killed", .chunk_rows = 1000, .progress = [&](const copy_progress& p) {
                           if (p.rows == 3000 && !killed) {
                               admin.execute(verbatim{"SELECT pg_terminate_backend(" + std::to_string(pid) + ")"});
                               killed = true;
                           }
                       }});
        FAIL("the load went on on a killed connection");
    } catch (const operational_error& e) {
        CHECK(killed);
        INFO(e.what());
        CHECK_FALSE(db.is_open());
    }
    check_nothing_stored(admin, "killed");
}

TEST_CASE("PostgreSQL: a server stopped midway leaves neither rows nor marker once it is back") {
    {
        auto db = ctql_test::postgres_backend::open();
        ctql_test::recreate(db, events, table_updates);
        try {
            copy_to_table(db, events, make_events(10'000),
                          {.update_id = "stopped", .chunk_rows = 1000, .progress = [&](const copy_progress& p) {
                               if (p.rows == 5000) pg_ctl("stop -m immediate");
                           }});
            FAIL("the load went on with the server stopped");
        } catch (const operational_error& e) {
            INFO(e.what());
            CHECK_FALSE(db.is_open());
        }
    }
    pg_ctl("start -w");
    auto db = ctql_test::postgres_backend::open();
    check_nothing_stored(db, "stopped");
}

TEST_CASE("SQLite: a process killed midway leaves neither rows nor marker") {
    for (const char* journal : {"WAL", "DELETE"}) {
        INFO(journal);
        ctql_test::sqlite_file file("copy_killed");
        {
            sqlite::connection db{file.path};
            db.execute(verbatim{std::string("PRAGMA journal_mode = ") + journal});
            ctql_test::recreate(db, events, table_updates);
        }
        const pid_t child = ::fork();
        if (child == 0) {
            sqlite::connection db{file.path};
            copy_to_table(db, events, make_events(10'000),
                          {.update_id = "killed", .chunk_rows = 1000, .progress = [](const copy_progress& p) {
                               if (p.rows == 5000) ::raise(SIGKILL);
                           }});
            ::_exit(0);
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        REQUIRE(WIFSIGNALED(status));
        sqlite::connection db{file.path};
        check_nothing_stored(db, "killed");
    }
}
