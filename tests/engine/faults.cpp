// Faults from outside, on a real server that the test stops, restarts and
// kills connections of: every one is an operational_error, a dead connection
// is never handed out again, and no committed row is lost.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include <ctql/engine.hpp>

#include "../common/engines.hpp"

using namespace ctql;
using ctql_test::pg_ctl;
using ctql_test::postgres_url;
using ctql_test::recreate;

namespace {
// Stops the server as asked and starts it again when the scope ends, even if a check failed.
struct server_stopped {
    explicit server_stopped(const char* mode) { pg_ctl(std::string("stop -m ") + mode); }
    ~server_stopped() { pg_ctl("start"); }
};

std::int64_t user_count(engine& db) { return db.connect()(select(count()).from(users)).front(); }

int backend_pid(connection& c) {
    return c.with_backend([](auto& backend) {
        if constexpr (std::is_same_v<std::decay_t<decltype(backend)>, postgres::connection>)
            return PQbackendPID(backend.native_handle());
        else
            return 0;
    });
}

// Opens n connections, returns them to the pool, and has the server kill each.
void terminate_idle_connections(engine& db, std::size_t n) {
    std::vector<int> pids;
    {
        std::vector<connection> held;
        for (std::size_t i = 0; i < n; ++i) held.push_back(db.connect());
        for (auto& c : held) pids.push_back(backend_pid(c));
    }
    auto admin = ctql_test::connect_test_db();
    for (int pid : pids) ctql_test::exec(admin.get(), "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
}

// Opens `n` connections at once and returns them all, so that the pool holds n idle ones.
void fill_pool(engine& db, std::size_t n) {
    std::vector<connection> held;
    for (std::size_t i = 0; i < n; ++i) held.push_back(db.connect());
}

constexpr auto add_user = insert_into(users).set(users.name = param<"name", std::string>);
}  // namespace

TEST_CASE("a server stopped immediately mid-transaction is an operational error, and the pool lets go of "
          "every connection to it") {
    engine db = create_engine(postgres_url() + "&pool_size=3");
    recreate(db);
    db.connect()(add_user, arg<"name">("committed before"));
    fill_pool(db, 3);
    {
        auto c = db.connect();
        auto tx = c.begin();
        c(add_user, arg<"name">("never committed"));
        server_stopped stopped{"immediate"};
        try {
            c(add_user, arg<"name">("lost"));
            FAIL("a statement succeeded with the server stopped");
        } catch (const operational_error& e) {
            CHECK_THAT(e.what(), Catch::Contains("server closed the connection unexpectedly"));
            CHECK(e.sqlstate().empty());
        }
        CHECK_FALSE(c.with_backend([](auto& backend) { return backend.is_open(); }));
        CHECK_FALSE(tx.active());
        CHECK(db.status().idle == 0);  // the two idle connections were closed too
    }
    CHECK(db.status().checked_out == 0);
    // No pre_ping: the next checkout opens a fresh connection rather than a dead one.
    CHECK(user_count(db) == 1);
}

TEST_CASE("a server shut down fast is an operational error with its SQLSTATE") {
    engine db = create_engine(postgres_url());
    recreate(db);
    auto c = db.connect();
    c(add_user, arg<"name">("kept"));
    {
        server_stopped stopped{"fast"};
        try {
            c(select(count()).from(users));
            FAIL("a statement succeeded with the server stopped");
        } catch (const operational_error& e) {
            // 57P01 when the shutdown notice was read, none when libpq only saw the socket close.
            CHECK((e.sqlstate() == "57P01" || e.sqlstate().empty()));
        }
    }
    CHECK(user_count(db) == 1);
}

TEST_CASE("a COMMIT whose connection is lost says that its outcome is unknown") {
    engine db = create_engine(postgres_url());
    recreate(db);
    auto c = db.connect();
    auto tx = c.begin();
    c(add_user, arg<"name">("maybe"));
    server_stopped stopped{"immediate"};
    try {
        tx.commit();
        FAIL("COMMIT succeeded with the server stopped");
    } catch (const operational_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("lost during COMMIT") && Catch::Contains("unknown"));
    }
    CHECK_FALSE(tx.active());
}

TEST_CASE("the raw PostgreSQL connection reports a lost server as operational and closed") {
    postgres::connection db{ctql_test::postgres_conninfo()};
    db(drop_table(orders));
    db(drop_table(users));
    db(create_table(users));
    server_stopped stopped{"immediate"};
    CHECK_THROWS_AS(db(select(count()).from(users)), operational_error);
    CHECK_FALSE(db.is_open());
}

TEST_CASE("killed connections are replaced: at once with pre_ping, after one failure without") {
    SECTION("without pre_ping the first statement fails, and the dead idle connections go with it") {
        engine db = create_engine(postgres_url() + "&pool_size=2");
        recreate(db);
        terminate_idle_connections(db, 2);
        CHECK_THROWS_AS(user_count(db), operational_error);
        CHECK(user_count(db) == 0);  // a fresh connection, not the other dead one
    }
    SECTION("with pre_ping no statement fails") {
        engine db = create_engine(postgres_url() + "&pool_size=2&pool_pre_ping=true");
        recreate(db);
        terminate_idle_connections(db, 2);
        CHECK(user_count(db) == 0);
        CHECK(user_count(db) == 0);
    }
}

TEST_CASE("statement and lock timeouts are operational errors that roll back the transaction") {
    engine db = create_engine(postgres_url() + "&pool_size=2");
    recreate(db);
    db.connect()(add_user, arg<"name">("locked"));

    auto c = db.connect();
    c.execute(verbatim{"SET statement_timeout = 100"});
    try {
        c.execute(verbatim{"SELECT pg_sleep(5)"});
        FAIL("pg_sleep(5) outlived a 100 ms statement_timeout");
    } catch (const operational_error& e) {
        CHECK(e.sqlstate() == "57014");
    }
    c.execute(verbatim{"RESET statement_timeout"});
    CHECK(c(select(count()).from(users)).front() == 1);  // the connection is still usable

    auto holder = db.connect();
    auto holding = holder.begin();
    holder(update(users).set(users.score = 1.0).all_rows());  // locks the row
    {
        auto tx = c.begin();
        c(add_user, arg<"name">("rolled back"));
        c.execute(verbatim{"SET LOCAL lock_timeout = 100"});
        try {
            c(update(users).set(users.score = 2.0).all_rows());
            FAIL("the update did not wait for the lock");
        } catch (const operational_error& e) {
            CHECK(e.sqlstate() == "55P03");
        }
        CHECK_THROWS_WITH(tx.commit(), Catch::Contains("COMMIT did not commit"));
    }
    holding.rollback();
    CHECK(user_count(db) == 1);
}

TEST_CASE("a connection goes back to the pool with its session reset as the policy says") {
    const auto statement_timeout_seen_next = [](const std::string& query) {
        engine db = create_engine(postgres_url() + "&pool_size=1&max_overflow=0" + query);
        recreate(db);
        {
            auto c = db.connect();
            c.execute(verbatim{"SET statement_timeout = 1234"});
            c(add_user, arg<"name">("prepared before"));
        }
        auto c = db.connect();
        c(add_user, arg<"name">("prepared after"));  // works whether or not prepared statements were discarded
        return c.with_backend([](auto& backend) {
            if constexpr (std::is_same_v<std::decay_t<decltype(backend)>, postgres::connection>)
                return ctql_test::scalar_text(backend.native_handle(), "SHOW statement_timeout");
            else
                return std::string();
        });
    };
    CHECK(statement_timeout_seen_next("") == "1234ms");  // rollback only, the default
    CHECK(statement_timeout_seen_next("&pool_reset_on_return=rollback") == "1234ms");
    CHECK(statement_timeout_seen_next("&pool_reset_on_return=reset") == "0");
    CHECK(statement_timeout_seen_next("&pool_reset_on_return=discard") == "0");
    CHECK_THROWS_WITH(create_engine(postgres_url() + "&pool_reset_on_return=sometimes"),
                      Catch::Contains("rollback, reset or discard"));
}

TEST_CASE("writing to a read-only SQLite database is an operational error that changes nothing") {
    const std::string path = "ctql_faults_" + std::to_string(::getpid()) + ".db";
    std::remove(path.c_str());
    {
        engine writable = create_engine("sqlite:///" + path);
        recreate(writable);
        writable.connect()(add_user, arg<"name">("stored"));
    }
    engine read_only = create_engine("sqlite:///" + path + "?mode=ro");
    try {
        read_only.connect()(add_user, arg<"name">("refused"));
        FAIL("a read-only database took a row");
    } catch (const operational_error& e) {
        CHECK((e.code() & 0xff) == SQLITE_READONLY);
    }
    CHECK(user_count(read_only) == 1);
    std::remove(path.c_str());
}

TEST_CASE("pre_ping replaces connections that died when the server restarted") {
    engine db = create_engine(postgres_url() + "&pool_size=2&pool_pre_ping=true");
    recreate(db);
    { auto c = db.connect(); c(insert_into(users).set(users.name = "before restart")); }
    pg_ctl("restart -m fast");
    auto c = db.connect();  // the pooled connection is dead: pre_ping replaces it
    CHECK(c(select(users.name).from(users)).front() == "before restart");
}
