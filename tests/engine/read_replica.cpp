// Reads routed to a streaming replica (scripts/with-postgres.sh --replica):
// which server answered is told by a row the replica has not replayed, with
// its replay paused, and checked against the same query in raw SQL on both servers.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <ctql/engine.hpp>

#include "../common/engines.hpp"
#include "../common/topology.hpp"

using namespace ctql;
using namespace std::chrono_literals;
using ctql_test::raw_exec;
using ctql_test::raw_value;
using ctql_test::topology_env;

CTQL_TABLE(replica_probe,
    (id,   std::int64_t, ctql::primary_key),
    (note, std::string));

namespace {

constexpr auto add_probe = insert_into(replica_probe).set(replica_probe.id = param<"id", std::int64_t>,
                                                           replica_probe.note = param<"note", std::string>);
constexpr auto probes_with_id = select(count()).from(replica_probe).where(replica_probe.id == param<"id", std::int64_t>);

struct servers {
    std::string primary_url = ctql_test::postgres_url();
    std::string primary = ctql_test::postgres_conninfo();
    std::string replica_url = topology_env("CTQL_TEST_PG_REPLICA_URL", "--replica");
    std::string replica = topology_env("CTQL_TEST_PG_REPLICA_CONNINFO", "--replica");

    // Waits until the replica has replayed everything the primary has written so far.
    void wait_replayed() const {
        const std::string lsn = raw_value(primary, "SELECT pg_current_wal_lsn()");
        for (int i = 0; i < 500; ++i) {
            if (raw_value(replica, "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn") == "t") return;
            std::this_thread::sleep_for(20ms);
        }
        FAIL("the replica did not replay " << lsn << " within 10 s");
    }
};

// The replica stops replaying WAL while this lives (it keeps receiving it).
struct replay_paused {
    const servers& s;
    explicit replay_paused(const servers& on) : s(on) { raw_exec(s.replica, "SELECT pg_wal_replay_pause()"); }
    ~replay_paused() { raw_exec(s.replica, "SELECT pg_wal_replay_resume()"); }
};

std::int64_t probes(connection& c, std::int64_t id) { return c(probes_with_id, arg<"id">(id)).front(); }

std::string raw_probes(const std::string& conninfo, std::int64_t id) {
    return raw_value(conninfo, "SELECT count(*) FROM replica_probe WHERE id = " + std::to_string(id));
}

void recreate_probe(engine& db, const servers& s) {
    auto c = db.connect();
    c(drop_table(replica_probe));
    c(create_table(replica_probe));
    s.wait_replayed();
}

}  // namespace

TEST_CASE("selects go to the replica; writes, transactions and read-your-writes scopes to the primary",
          "[engine][replica]") {
    servers s;
    std::vector<std::string> logged_on;
    engine db = create_engine(s.primary_url, {.echo = {.enabled = true, .sink = [&](const statement_event& e) {
                                                  logged_on.emplace_back(e.database);
                                              }},
                                              .read_replica = read_replica_options{.url = s.replica_url}});
    recreate_probe(db, s);
    REQUIRE(db.has_read_replica());
    auto conn = db.connect();
    CHECK(conn.reads_on_replica());
    {
        replay_paused paused{s};
        conn(add_probe, arg<"id">(1), arg<"note">(std::string{"written on the primary"}));
        // The raw truth: the primary has the row, the replica (paused) has not.
        REQUIRE(raw_probes(s.primary, 1) == "1");
        REQUIRE(raw_probes(s.replica, 1) == "0");

        logged_on.clear();
        CHECK(probes(conn, 1) == 0);  // answered by the replica
        REQUIRE(logged_on.size() == 1);
        CHECK(logged_on[0] == db.replica_display_url());
        CHECK(conn.stream(probes_with_id, arg<"id">(std::int64_t{1})).to_vector() == std::vector<std::int64_t>{0});

        {
            auto fresh = conn.read_your_writes();
            CHECK_FALSE(conn.reads_on_replica());
            CHECK(probes(conn, 1) == 1);
            {
                auto nested = conn.read_your_writes();
                CHECK(probes(conn, 1) == 1);
            }
            CHECK(probes(conn, 1) == 1);
        }
        CHECK(probes(conn, 1) == 0);

        {
            auto tx = conn.begin();
            CHECK(probes(conn, 1) == 1);  // a transaction reads on the primary
            conn(add_probe, arg<"id">(2), arg<"note">(std::string{"in a transaction"}));
            CHECK(probes(conn, 2) == 1);
            tx.commit();
        }
        CHECK(db.transaction([&](connection& c) { return probes(c, 2); }) == 1);
        CHECK(probes(conn, 2) == 0);
        CHECK(raw_probes(s.replica, 2) == "0");
    }
    s.wait_replayed();
    CHECK(probes(conn, 1) == 1);
    CHECK(probes(conn, 2) == 1);
    CHECK(raw_probes(s.replica, 2) == "1");
    conn(drop_table(replica_probe));
}

TEST_CASE("a replica further behind than max_lag sends reads to the primary until it catches up",
          "[engine][replica]") {
    servers s;
    engine db = create_engine(s.primary_url, {.read_replica = read_replica_options{
                                                  .url = s.replica_url, .max_lag = 300ms, .lag_check_interval = 0ms}});
    recreate_probe(db, s);
    auto conn = db.connect();
    CHECK(db.replica_lag() == 0ms);
    CHECK(conn.reads_on_replica());
    CHECK(db.read_replica_status().reads_on_replica);
    CHECK(db.read_replica_status().lag == 0ms);
    {
        replay_paused paused{s};
        conn(add_probe, arg<"id">(1), arg<"note">(std::string{"not replayed"}));
        std::this_thread::sleep_for(400ms);
        // pg_last_xact_replay_timestamp() is at least 400 ms old, and WAL waits to be replayed.
        const auto lag = db.replica_lag();
        REQUIRE(lag.has_value());
        CHECK(*lag >= 400ms);
        CHECK(probes(conn, 1) == 1);  // the primary: the replica is too far behind
        const replica_status status = db.read_replica_status();
        CHECK_FALSE(status.reads_on_replica);
        CHECK(status.reachable);
        REQUIRE(status.lag.has_value());
        CHECK(*status.lag >= 400ms);
    }
    s.wait_replayed();
    CHECK(probes(conn, 1) == 1);
    CHECK(db.read_replica_status().reads_on_replica);
    CHECK(db.read_replica_status().lag == 0ms);
    conn(drop_table(replica_probe));
}

TEST_CASE("an unreachable replica sends reads to the primary, and is tried again after the check interval",
          "[engine][replica]") {
    servers s;
    engine db = create_engine(
        s.primary_url,
        {.read_replica = read_replica_options{
             .url = "postgresql://postgres:s3cr3t@/ctql_test?host=/nonexistent-ctql-replica&port=1&connect_timeout=2",
             .lag_check_interval = 200ms}});
    recreate_probe(db, s);
    auto conn = db.connect();
    conn(add_probe, arg<"id">(1), arg<"note">(std::string{"only a primary to read it from"}));
    CHECK(probes(conn, 1) == 1);
    CHECK_FALSE(db.read_replica_status().reachable);
    CHECK_FALSE(db.read_replica_status().reads_on_replica);
    CHECK(db.replica_display_url().find("s3cr3t") == std::string::npos);
    CHECK_THROWS_MATCHES(db.replica_lag(), operational_error,
                         Catch::Matchers::Predicate<operational_error>([](const operational_error& e) {
                             const std::string text = e.what();
                             return text.find("cannot connect to PostgreSQL") != std::string::npos &&
                                    text.find("s3cr3t") == std::string::npos;
                         }, "says it cannot connect, without the password"));
    const auto first_check = db.read_replica_status().measured_at;
    CHECK(probes(conn, 1) == 1);
    CHECK(db.read_replica_status().measured_at == first_check);  // not tried again within the interval
    std::this_thread::sleep_for(250ms);
    CHECK(probes(conn, 1) == 1);
    CHECK(db.read_replica_status().measured_at > first_check);
    conn(drop_table(replica_probe));
}

TEST_CASE("a select whose replica connection was lost runs again on the primary", "[engine][replica]") {
    servers s;
    engine db = create_engine(s.primary_url, {.read_replica = read_replica_options{.url = s.replica_url,
                                                                                    .lag_check_interval = 60'000ms}});
    recreate_probe(db, s);
    auto conn = db.connect();
    replay_paused paused{s};
    conn(add_probe, arg<"id">(1), arg<"note">(std::string{"only on the primary"}));
    CHECK(probes(conn, 1) == 0);  // the replica, which has not replayed it
    raw_exec(s.replica, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
    CHECK(probes(conn, 1) == 1);  // the replica connection is gone: the primary answered
    CHECK_FALSE(db.read_replica_status().reachable);
    CHECK_FALSE(conn.reads_on_replica());  // until the next check (a minute here)
    conn(drop_table(replica_probe));
}

TEST_CASE("read replicas are configured where they can work, and asked about only where there is one",
          "[engine][replica]") {
    servers s;
    CHECK_THROWS_WITH(create_engine("sqlite://", {.read_replica = read_replica_options{.url = s.replica_url}}),
                      "ctql: read replicas are PostgreSQL's; the engine for sqlite:// is SQLite");
    CHECK_THROWS_WITH(create_engine(s.primary_url, {.read_replica = read_replica_options{.url = "sqlite:///r.db"}}),
                      Catch::Contains("must be a postgresql:// URL, not sqlite:///r.db"));
    engine plain = create_engine(s.primary_url);
    CHECK_FALSE(plain.has_read_replica());
    CHECK_THROWS_WITH(plain.replica_lag(), Catch::Contains("replica_lag() needs a read replica, and the engine for"));
    CHECK_FALSE(plain.connect().reads_on_replica());
}
