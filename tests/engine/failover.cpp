// CTQL_TEST_OWN_TOPOLOGY: ctest runs this under its own
// scripts/with-postgres.sh --sync-replica --tcp (a primary and a synchronous
// streaming replica on loopback), because it stops the primary and promotes
// the replica. The engine's URL names both hosts; libpq picks the one that
// accepts writes (target_session_attrs=read-write).
//
// Under a load of small transactions the primary stops; checkouts fail with
// an operational_error until the replica is promoted, then reach it with no
// restart. Counted on the new primary: every transaction that reported its
// commit is there once, every one that failed before COMMIT is not there, and
// none is there twice.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <ctql/engine.hpp>

#include "../common/topology.hpp"

using namespace ctql;
using namespace std::chrono_literals;
using ctql_test::server_ctl;
using ctql_test::topology_env;

CTQL_TABLE(failover_ledger,
    (txn,    std::int64_t),
    (writer, std::int32_t));

namespace {

constexpr auto record = insert_into(failover_ledger).set(failover_ledger.txn = param<"txn", std::int64_t>,
                                                         failover_ledger.writer = param<"writer", std::int32_t>);

// The two servers, primary first, with a password in the URL that must never show (trust ignores it).
std::string multihost_url(const std::string& options, const std::string& wanted = "read-write") {
    std::string url = topology_env("CTQL_TEST_PG_MULTIHOST_URL", "--tcp --replica");
    const auto at = url.find("postgres@");
    REQUIRE(at != std::string::npos);
    url.replace(at, 9, "postgres:s3cr3t@");
    return url + "?target_session_attrs=" + wanted + "&connect_timeout=3" + options;
}

// The port of the server a connection of `db` reaches.
std::string port_reached(engine& db) {
    auto c = db.connect();
    return c.with_backend([](auto& backend) -> std::string {
        if constexpr (std::is_same_v<std::decay_t<decltype(backend)>, postgres::connection>)
            return PQport(backend.native_handle());
        else
            return "";
    });
}

enum class outcome { committed, failed_before_commit, unknown };

struct ledger {
    std::mutex mutex;
    std::map<std::int64_t, outcome> attempts;
    std::vector<std::string> errors;
    std::atomic<int> committed{0};
    std::atomic<int> failed{0};

    void note(std::int64_t txn, outcome o, std::string error = {}) {
        std::lock_guard lock{mutex};
        attempts[txn] = o;
        if (!error.empty()) errors.push_back(std::move(error));
        (o == outcome::committed ? committed : failed) += 1;
    }
};

template <class Predicate>
void wait_until(Predicate done, std::chrono::seconds limit, const char* what) {
    const auto give_up = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > give_up) FAIL("gave up waiting: " << what);
        std::this_thread::sleep_for(20ms);
    }
}

}  // namespace

TEST_CASE("stop the primary mid-load, promote the replica: every reported commit is there once", "[engine][failover]") {
    engine db = create_engine(multihost_url("&pool_pre_ping=true&pool_size=2&pool_timeout=5"));
    CHECK(db.display_url().find("s3cr3t") == std::string::npos);
    CHECK(db.display_url().find("127.0.0.1:") != std::string::npos);
    db.connect()(create_table(failover_ledger));
    const std::string primary_port = topology_env("CTQL_TEST_PG_PORT", "");
    const std::string replica_port = topology_env("CTQL_TEST_PG_REPLICA_PORT", "--replica");
    CHECK(port_reached(db) == primary_port);
    engine standby = create_engine(multihost_url("&pool_size=1", "standby"));
    engine prefer_standby = create_engine(multihost_url("&pool_size=1&pool_pre_ping=true", "prefer-standby"));
    CHECK(port_reached(standby) == replica_port);
    CHECK(port_reached(prefer_standby) == replica_port);

    // Two more engines, made before the switch, that hold pooled connections to the old primary.
    engine no_ping = create_engine(multihost_url("&pool_size=1"));
    engine recycled = create_engine(multihost_url("&pool_size=1"), {.pool = {.recycle = 500ms}});
    no_ping.connect()(select(count()).from(failover_ledger));
    recycled.connect()(select(count()).from(failover_ledger));

    ledger book;
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (std::int32_t w = 0; w < 2; ++w) {
        writers.emplace_back([&, w] {
            for (std::int64_t i = 0; !stop; ++i) {
                const std::int64_t txn = w * 1'000'000 + i;
                try {
                    db.transaction([&](connection& c) { c(record, arg<"txn">(txn), arg<"writer">(w)); });
                    book.note(txn, outcome::committed);
                } catch (const operational_error& e) {
                    const std::string text = e.what();
                    const bool during_commit = text.find("during COMMIT") != std::string::npos;
                    book.note(txn, during_commit ? outcome::unknown : outcome::failed_before_commit, text);
                    std::this_thread::sleep_for(10ms);
                }
            }
        });
    }
    const auto stop_writers = [&] {
        stop = true;
        for (auto& t : writers) t.join();
        writers.clear();
    };

    wait_until([&] { return book.committed >= 100; }, 30s, "100 commits on the first primary");
    const auto stopped_at = std::chrono::steady_clock::now();
    server_ctl("CTQL_TEST_PG_CTL", "stop -m immediate");
    const int committed_before = book.committed;
    wait_until([&] { return book.failed >= 4; }, 30s, "the writers to notice the primary is gone");

    // With the primary gone, a checkout finds only a standby, which does not take writes.
    try {
        auto c = db.connect();
        FAIL("a checkout succeeded with the primary stopped");
    } catch (const operational_error& e) {
        const std::string text = e.what();
        INFO(text);
        CHECK(text.find("cannot connect to PostgreSQL") != std::string::npos);
        CHECK(text.find("s3cr3t") == std::string::npos);
    }

    const auto promoting_at = std::chrono::steady_clock::now();
    server_ctl("CTQL_TEST_PG_REPLICA_CTL", "promote");
    const auto promoted_at = std::chrono::steady_clock::now();
    const int failed_at_promotion = book.failed;
    wait_until([&] { return book.committed > committed_before; }, 60s, "a commit on the promoted replica");
    const auto first_commit_at = std::chrono::steady_clock::now();
    wait_until([&] { return book.committed >= committed_before + 100; }, 60s, "100 commits on the promoted replica");
    stop_writers();
    INFO("failed attempts around the switch: " << book.failed << " (" << failed_at_promotion << " before promotion)");

    // Counted on the new primary.
    auto conn = db.connect();
    std::map<std::int64_t, std::int64_t> stored;
    for (const auto& row : conn(select(failover_ledger.txn, count()).from(failover_ledger).group_by(failover_ledger.txn)))
        stored[get<0>(row)] = get<1>(row);
    std::int64_t lost = 0, duplicated = 0, phantom = 0, unknown_kept = 0;
    for (const auto& [txn, o] : book.attempts) {
        const auto n = stored.contains(txn) ? stored[txn] : 0;
        if (n > 1) ++duplicated;
        if (o == outcome::committed && n != 1) ++lost;
        if (o == outcome::failed_before_commit && n != 0) ++phantom;
        if (o == outcome::unknown && n == 1) ++unknown_kept;
    }
    for (const auto& [txn, n] : stored) {
        if (!book.attempts.contains(txn)) ++phantom;
        if (n > 1) ++duplicated;
    }
    const auto ms = [](auto d) { return static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()); };
    // The figures docs/scaling.md quotes.
    std::fprintf(stderr,
                 "failover: pg_ctl promote took %lld ms; first commit %lld ms after promote returned; "
                 "%d commits, %d attempts failed (%d before promotion), %lld of unknown outcome kept; "
                 "primary down (stop to promote) %lld ms\n",
                 ms(promoted_at - promoting_at), ms(first_commit_at - promoted_at), book.committed.load(),
                 book.failed.load(), failed_at_promotion, static_cast<long long>(unknown_kept),
                 ms(promoting_at - stopped_at));
    CHECK(book.committed >= committed_before + 100);
    CHECK(lost == 0);
    CHECK(duplicated == 0);
    CHECK(phantom == 0);
    CHECK(static_cast<std::int64_t>(stored.size()) == book.committed + unknown_kept);

    // After the switch only the promoted server is left: prefer-standby reads
    // reach it (it is the only one), standby finds none.
    CHECK(port_reached(db) == replica_port);
    CHECK(port_reached(prefer_standby) == replica_port);
    CHECK(prefer_standby.connect()(select(count()).from(failover_ledger)).front() == static_cast<std::int64_t>(stored.size()));
    standby.dispose();
    CHECK_THROWS_AS(standby.connect(), operational_error);

    // A pooled connection to the old primary, not pinged: its first use fails
    // with an operational_error and the pool lets go of it; the next checkout
    // reaches the new primary.
    CHECK_THROWS_AS(no_ping.connect()(select(count()).from(failover_ledger)), operational_error);
    CHECK(no_ping.connect()(select(count()).from(failover_ledger)).front() == static_cast<std::int64_t>(stored.size()));
    // recycle: a connection older than 500 ms is replaced at checkout, so it never meets the dead server.
    std::this_thread::sleep_for(500ms);
    const auto opened_before = recycled.status().total_opened;
    CHECK(recycled.connect()(select(count()).from(failover_ledger)).front() >= book.committed);
    CHECK(recycled.status().total_opened == opened_before + 1);
    conn(drop_table(failover_ledger));
}
