// queue_pool on one thread: reuse, limits, recycle, pre-ping, invalidation,
// reset, failing factories and lifetimes. The concurrent behaviour (waiters
// woken, slow connects not blocking, the stress test) is in pool_threads.cpp.
#include <ctql/engine/pool.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstddef>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
using std::chrono::steady_clock;

namespace {

// What the fake connections did, shared by all connections of one pool.
struct tally {
    int next_id = 0;
    int opened = 0;
    int closed = 0;
    int pings = 0;
    int resets = 0;
    int failures_left = 0;  // the next this many opens throw
};

// Neither copyable nor movable, like a connection wrapping a native handle
// the pool must never duplicate: the pool builds it in place.
struct fake_connection {
    fake_connection(tally& t, int id_) : counts(&t), id(id_) { ++counts->opened; }
    fake_connection(const fake_connection&) = delete;
    fake_connection& operator=(const fake_connection&) = delete;
    ~fake_connection() { ++counts->closed; }

    tally* counts;
    int id;
    bool alive = true;
    bool throw_on_reset = false;
    steady_clock::time_point created = steady_clock::now();
};

using pool_type = ctql::queue_pool<fake_connection>;

pool_type::factory opener(tally& t) {
    return [&t]() -> fake_connection {
        if (t.failures_left > 0) {
            --t.failures_left;
            throw std::runtime_error{"connection refused"};
        }
        return fake_connection{t, ++t.next_id};
    };
}

pool_type::pinger pinger(tally& t) {
    return [&t](fake_connection& c) {
        ++t.pings;
        return c.alive;
    };
}

pool_type::resetter resetter(tally& t) {
    return [&t](fake_connection& c) {
        ++t.resets;
        if (c.throw_on_reset) throw std::runtime_error{"rollback failed"};
    };
}

ctql::pool_options sized(std::size_t pool_size, std::size_t max_overflow,
                         std::chrono::milliseconds timeout = 100ms) {
    ctql::pool_options options;
    options.pool_size = pool_size;
    options.max_overflow = max_overflow;
    options.timeout = timeout;
    return options;
}

}  // namespace

TEST_CASE("A returned connection is reused by the next checkout") {
    tally t;
    pool_type pool{opener(t), sized(2, 0)};
    CHECK(t.opened == 0);  // nothing is opened before it is needed

    int first_id = 0;
    {
        auto conn = pool.checkout();
        REQUIRE(conn);
        first_id = conn->id;
        CHECK((*conn).id == first_id);
        CHECK(pool.stats().checked_out == 1);
        CHECK(pool.stats().idle == 0);
    }
    CHECK(pool.stats().idle == 1);
    CHECK(pool.stats().checked_out == 0);
    {
        auto conn = pool.checkout();
        CHECK(conn->id == first_id);
    }
    CHECK(t.opened == 1);
    CHECK(t.closed == 0);
    const auto s = pool.stats();
    CHECK(s.total_opened == 1);
    CHECK(s.total_closed == 0);
    CHECK(s.overflow == 0);
}

TEST_CASE("The connection returned last is handed out first (LIFO)") {
    tally t;
    pool_type pool{opener(t), sized(3, 0)};
    auto a = pool.checkout();
    auto b = pool.checkout();
    auto c = pool.checkout();
    const int b_id = b->id;
    const int c_id = c->id;
    a.return_to_pool();
    c.return_to_pool();
    b.return_to_pool();
    CHECK_FALSE(b);
    CHECK(pool.checkout()->id == b_id);
    {
        auto first = pool.checkout();
        auto second = pool.checkout();
        CHECK(first->id == b_id);
        CHECK(second->id == c_id);
    }
    CHECK(t.opened == 3);
}

TEST_CASE("Checkout throws operational_error after the timeout when every connection is out") {
    tally t;
    pool_type pool{opener(t), sized(2, 0, 100ms)};
    auto a = pool.checkout();
    auto b = pool.checkout();

    const auto start = steady_clock::now();
    std::optional<std::string> message;
    try {
        (void)pool.checkout();
    } catch (const ctql::operational_error& e) {
        message = e.what();
        CHECK(e.message() == e.what());  // no SQL, code or SQLSTATE decorations
    }
    const auto elapsed = steady_clock::now() - start;
    REQUIRE(message);
    CHECK(*message ==
          "ctql: connection pool exhausted: 2 connections and 0 overflow all checked out; "
          "waited 100 ms (pool_timeout)");
    CHECK(elapsed >= 90ms);
    CHECK(elapsed < 2s);
    CHECK(t.opened == 2);  // waiting opened nothing
    CHECK(pool.stats().checked_out == 2);

    const int a_id = a->id;
    a.return_to_pool();
    auto c = pool.checkout();
    CHECK(c->id == a_id);
}

TEST_CASE("The exhaustion error is an operational_error and a database_error") {
    tally t;
    pool_type pool{opener(t), sized(1, 0, 0ms)};
    auto held = pool.checkout();
    const auto start = steady_clock::now();
    CHECK_THROWS_AS(pool.checkout(), ctql::database_error);
    CHECK_THROWS_WITH(pool.checkout(), Catch::Contains("1 connections and 0 overflow") &&
                                           Catch::Contains("waited 0 ms"));
    CHECK(steady_clock::now() - start < 1s);  // a zero timeout does not wait
}

TEST_CASE("Overflow connections are opened under load and closed when returned to a full pool") {
    tally t;
    pool_type pool{opener(t), sized(1, 2, 100ms)};
    auto a = pool.checkout();
    CHECK(pool.stats().overflow == 0);
    auto b = pool.checkout();
    auto c = pool.checkout();
    CHECK(t.opened == 3);
    CHECK(pool.stats().overflow == 2);
    CHECK(pool.stats().checked_out == 3);
    CHECK_THROWS_AS(pool.checkout(), ctql::operational_error);

    const int b_id = b->id;
    b.return_to_pool();  // the pool holds nothing idle: b stays
    CHECK(t.closed == 0);
    CHECK(pool.stats().idle == 1);
    a.return_to_pool();  // idle count is pool_size already: closed
    CHECK(t.closed == 1);
    c.return_to_pool();
    CHECK(t.closed == 2);

    const auto s = pool.stats();
    CHECK(s.idle == 1);
    CHECK(s.checked_out == 0);
    CHECK(s.overflow == 0);
    CHECK(s.total_opened - s.total_closed == s.idle);
    CHECK(pool.checkout()->id == b_id);
}

TEST_CASE("pool_size 0 keeps nothing idle") {
    tally t;
    pool_type pool{opener(t), sized(0, 2)};
    {
        auto a = pool.checkout();
        CHECK(pool.stats().overflow == 1);
    }
    CHECK(t.closed == 1);
    CHECK(pool.stats().idle == 0);
    (void)pool.checkout();
    CHECK(t.opened == 2);
}

TEST_CASE("A connection older than recycle is closed and replaced at checkout") {
    tally t;
    auto options = sized(2, 0);
    options.recycle = 50ms;
    pool_type pool{opener(t), options};
    int first_id = 0;
    {
        auto conn = pool.checkout();
        first_id = conn->id;
    }
    std::this_thread::sleep_for(70ms);
    const auto before = steady_clock::now();
    {
        auto conn = pool.checkout();
        CHECK(conn->id != first_id);
        CHECK(conn->created >= before);  // opened by this checkout
        CHECK(t.opened == 2);
        CHECK(t.closed == 1);
        CHECK(pool.stats().checked_out == 1);
    }
    const auto s = pool.stats();
    CHECK(s.idle == 1);
    CHECK(s.total_opened == 2);
    CHECK(s.total_closed == 1);
}

TEST_CASE("A connection younger than recycle is reused") {
    tally t;
    auto options = sized(2, 0);
    options.recycle = std::chrono::milliseconds{std::chrono::hours{1}};
    pool_type pool{opener(t), options};
    const int first_id = pool.checkout()->id;
    CHECK(pool.checkout()->id == first_id);
    CHECK(t.opened == 1);
}

TEST_CASE("pre_ping replaces a dead connection and keeps a live one") {
    tally t;
    auto options = sized(2, 0);
    options.pre_ping = true;
    pool_type pool{opener(t), options, pinger(t)};

    int first_id = 0;
    {
        auto conn = pool.checkout();  // a new connection is not pinged
        first_id = conn->id;
        CHECK(t.pings == 0);
    }
    {
        auto conn = pool.checkout();
        CHECK(t.pings == 1);
        CHECK(conn->id == first_id);
        conn->alive = false;  // the server went away while it sat idle
    }
    {
        auto conn = pool.checkout();
        CHECK(t.pings == 2);
        CHECK(conn->id != first_id);
        CHECK(conn->alive);
    }
    CHECK(t.opened == 2);
    CHECK(t.closed == 1);
    CHECK(pool.stats().idle == 1);
}

TEST_CASE("A pinger that throws counts as a dead connection") {
    tally t;
    auto options = sized(1, 0);
    options.pre_ping = true;
    pool_type pool{opener(t), options, [](fake_connection& c) -> bool {
                       if (!c.alive) throw std::runtime_error{"server closed the connection unexpectedly"};
                       return true;
                   }};
    int first_id = 0;
    {
        auto conn = pool.checkout();
        first_id = conn->id;
        conn->alive = false;
    }
    CHECK(pool.checkout()->id != first_id);
    CHECK(t.closed == 1);
}

TEST_CASE("When the replacement for a dead connection cannot be opened the error propagates and the slot is freed") {
    tally t;
    auto options = sized(1, 0, 50ms);
    options.pre_ping = true;
    pool_type pool{opener(t), options, pinger(t)};
    {
        auto conn = pool.checkout();
        conn->alive = false;
    }
    t.failures_left = 1;
    CHECK_THROWS_WITH(pool.checkout(), "connection refused");
    const auto s = pool.stats();
    CHECK(s.checked_out == 0);
    CHECK(s.idle == 0);
    CHECK(s.total_closed == 1);
    CHECK(pool.checkout()->alive);  // the only slot is free again
}

TEST_CASE("An invalidated connection is closed and never handed out again") {
    tally t;
    pool_type pool{opener(t), sized(1, 0, 50ms)};
    int broken_id = 0;
    {
        auto conn = pool.checkout();
        broken_id = conn->id;
        CHECK_FALSE(conn.invalidated());
        conn.invalidate();
        CHECK(conn.invalidated());
    }
    CHECK(t.closed == 1);
    CHECK(pool.stats().idle == 0);
    CHECK(pool.stats().checked_out == 0);
    for (int i = 0; i < 3; ++i) CHECK(pool.checkout()->id != broken_id);
    CHECK(t.opened == 2);
}

TEST_CASE("The resetter runs on every return and a throwing one discards the connection") {
    tally t;
    pool_type pool{opener(t), sized(2, 0), {}, resetter(t)};
    int first_id = 0;
    {
        auto conn = pool.checkout();
        first_id = conn->id;
    }
    CHECK(t.resets == 1);
    CHECK(t.closed == 0);
    {
        auto conn = pool.checkout();
        CHECK(conn->id == first_id);
        conn->throw_on_reset = true;  // e.g. ROLLBACK failed: state unknown
    }
    CHECK(t.resets == 2);
    CHECK(t.closed == 1);
    CHECK(pool.stats().idle == 0);
    CHECK(pool.checkout()->id != first_id);

    SECTION("an invalidated connection is not reset, only closed") {
        auto conn = pool.checkout();
        conn.invalidate();
        const int before = t.resets;
        conn.return_to_pool();
        CHECK(t.resets == before);
    }
}

TEST_CASE("A factory that throws propagates its exception and leaks no slot") {
    tally t;
    pool_type pool{opener(t), sized(2, 0, 50ms)};
    t.failures_left = 3;
    for (int i = 0; i < 3; ++i) CHECK_THROWS_WITH(pool.checkout(), "connection refused");
    const auto s = pool.stats();
    CHECK(s.checked_out == 0);
    CHECK(s.total_opened == 0);
    CHECK(s.total_closed == 0);

    // Both slots are still there: pool_size checkouts held at once succeed.
    auto a = pool.checkout();
    auto b = pool.checkout();
    CHECK(a->id != b->id);
    CHECK_THROWS_AS(pool.checkout(), ctql::operational_error);
}

TEST_CASE("A recycled connection whose replacement fails to open frees its slot") {
    tally t;
    auto options = sized(1, 0, 50ms);
    options.recycle = 10ms;
    pool_type pool{opener(t), options};
    (void)pool.checkout();
    std::this_thread::sleep_for(30ms);
    t.failures_left = 1;
    CHECK_THROWS_WITH(pool.checkout(), "connection refused");
    CHECK(t.closed == 1);
    CHECK(pool.stats().checked_out == 0);
    CHECK(pool.checkout()->id == 2);
}

TEST_CASE("dispose closes the idle connections; checked-out ones close when returned") {
    tally t;
    pool_type pool{opener(t), sized(3, 0)};
    auto kept = pool.checkout();
    {
        auto a = pool.checkout();
        auto b = pool.checkout();
    }
    CHECK(pool.stats().idle == 2);
    pool.dispose();
    CHECK(t.closed == 2);
    CHECK(pool.stats().idle == 0);
    CHECK(pool.stats().checked_out == 1);

    const int kept_id = kept->id;
    kept.return_to_pool();
    CHECK(t.closed == 3);
    CHECK(pool.stats().idle == 0);

    // Still usable: fresh connections.
    auto fresh = pool.checkout();
    CHECK(fresh->id > kept_id);
}

TEST_CASE("A handle may outlive its pool object") {
    tally t;
    auto pool = std::make_unique<pool_type>(opener(t), sized(2, 0), pinger(t), resetter(t));
    auto held = pool->checkout();
    (void)pool->checkout();  // one idle connection
    CHECK(t.opened == 2);
    pool.reset();
    CHECK(t.closed == 1);  // the idle one
    CHECK(held->alive);    // still usable
    held.return_to_pool();
    CHECK(t.closed == 2);  // closed, not pooled in a pool nobody can reach
}

TEST_CASE("Handles move; a moved-into handle returns what it held first") {
    tally t;
    pool_type pool{opener(t), sized(2, 0)};
    pool_type::handle empty;
    CHECK_FALSE(empty);

    auto a = pool.checkout();
    a.invalidate();
    pool_type::handle moved{std::move(a)};
    CHECK_FALSE(a);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
    CHECK(moved);
    CHECK(moved.invalidated());

    auto b = pool.checkout();
    CHECK(pool.stats().checked_out == 2);
    moved = std::move(b);  // the invalidated connection is closed now
    CHECK(t.closed == 1);
    CHECK(pool.stats().checked_out == 1);
    CHECK_FALSE(moved.invalidated());
    moved.return_to_pool();
    moved.return_to_pool();  // a second time does nothing
    CHECK(pool.stats().idle == 1);
}

TEST_CASE("A pool moves with its connections") {
    tally t;
    pool_type first{opener(t), sized(2, 0)};
    (void)first.checkout();
    pool_type second{std::move(first)};
    CHECK(second.stats().idle == 1);
    (void)second.checkout();
    CHECK(t.opened == 1);

    pool_type third{opener(t), sized(1, 0)};
    (void)third.checkout();
    third = std::move(second);  // third's own idle connection is closed
    CHECK(t.closed == 1);
    CHECK(third.stats().idle == 1);
}

TEST_CASE("Unusable pool configurations are refused up front") {
    tally t;
    CHECK_THROWS_AS(pool_type(pool_type::factory{}, sized(1, 0)), ctql::interface_error);
    auto ping_without_pinger = sized(1, 0);
    ping_without_pinger.pre_ping = true;
    CHECK_THROWS_WITH(pool_type(opener(t), ping_without_pinger), Catch::Contains("no pinger"));
    CHECK_THROWS_AS(pool_type(opener(t), sized(0, 0)), ctql::interface_error);
}

TEST_CASE("An unlimited overflow does not overflow the capacity arithmetic") {
    tally t;
    pool_type pool{opener(t), sized(2, std::numeric_limits<std::size_t>::max())};
    std::vector<pool_type::handle> held;
    for (int i = 0; i < 50; ++i) held.push_back(pool.checkout());
    CHECK(pool.stats().overflow == 48);
    held.clear();
    CHECK(pool.stats().idle == 2);
    CHECK(t.closed == 48);
}

TEST_CASE("A timeout of milliseconds::max() does not overflow the deadline") {
    tally t;
    pool_type pool{opener(t), sized(1, 0, std::chrono::milliseconds::max())};
    auto a = pool.checkout();
    a.return_to_pool();
    CHECK(pool.checkout()->id == 1);  // the wait path is covered in pool_threads.cpp
}
