// Transaction guards tell the truth: a commit that did not commit throws, a
// guard never outlives or loses its connection, and its state follows what the
// database did (SQLite's automatic rollback, a commit refused for a lock).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

#include <ctql/engine.hpp>

#include "../common/engines.hpp"
#include "../common/sqlite_file.hpp"

CTQL_TABLE(payloads,
    (id,   std::int64_t, ctql::primary_key),
    (data, ctql::blob));

using namespace ctql;
using ctql_test::postgres_url;
using ctql_test::recreate;
using ctql_test::sqlite_file;

namespace {

std::vector<std::string> names(engine& db) {
    return db.connect()(select(users.name).from(users).order_by(users.id)).to_vector();
}

constexpr auto add_user = insert_into(users).set(users.name = param<"name", std::string>,
                                                 users.email = param<"email", std::optional<std::string>>);
}  // namespace

TEST_CASE("on PostgreSQL a commit after a failed statement throws, and nothing of the transaction is stored") {
    engine db = create_engine(postgres_url());
    recreate(db);
    auto c = db.connect();
    c(add_user, arg<"name">("first"), arg<"email">("same@example.com"));
    {
        auto tx = c.begin();
        c(add_user, arg<"name">("kept?"), arg<"email">(std::nullopt));
        CHECK_THROWS_AS(c(add_user, arg<"name">("duplicate"), arg<"email">("same@example.com")), integrity_error);
        try {
            tx.commit();
            FAIL("commit() returned although PostgreSQL rolled the transaction back");
        } catch (const operational_error& e) {
            CHECK_THAT(e.what(), Catch::Contains("COMMIT did not commit") && Catch::Contains("begin_nested()"));
            CHECK(e.sqlstate() == "25P02");
        }
        CHECK_FALSE(tx.active());
        CHECK_FALSE(c.in_transaction());
    }
    CHECK(names(db) == std::vector<std::string>{"first"});

    // engine.transaction(fn) says the same when fn swallowed the failure.
    CHECK_THROWS_WITH(db.transaction([](connection& conn) {
        conn(add_user, arg<"name">("kept?"), arg<"email">(std::nullopt));
        try {
            conn(add_user, arg<"name">("duplicate"), arg<"email">("same@example.com"));
        } catch (const integrity_error&) {
            // carry on, as if the database did too
        }
    }),
                      Catch::Contains("COMMIT did not commit"));
    CHECK(names(db) == std::vector<std::string>{"first"});
}

TEST_CASE("on SQLite a failed statement undoes only itself, and the transaction commits the rest") {
    engine db = create_engine("sqlite://");
    recreate(db);
    db.transaction([](connection& conn) {
        conn(add_user, arg<"name">("first"), arg<"email">("same@example.com"));
        CHECK_THROWS_AS(conn(add_user, arg<"name">("duplicate"), arg<"email">("same@example.com")), integrity_error);
        conn(add_user, arg<"name">("after"), arg<"email">(std::nullopt));
    });
    CHECK(names(db) == std::vector<std::string>{"first", "after"});
}

TEST_CASE("a savepoint lets a transaction carry on after a statement that failed, on both backends") {
    for (const std::string& url : {std::string("sqlite://"), postgres_url()}) {
        INFO(url);
        engine db = create_engine(url);
        recreate(db);
        db.transaction([](connection& conn) {
            conn(add_user, arg<"name">("first"), arg<"email">("same@example.com"));
            {
                auto attempt = conn.begin_nested();
                try {
                    conn(add_user, arg<"name">("duplicate"), arg<"email">("same@example.com"));
                    attempt.commit();
                } catch (const integrity_error&) {
                    attempt.rollback();  // undoes the failed statement only
                }
            }
            conn(add_user, arg<"name">("after"), arg<"email">(std::nullopt));
        });
        CHECK(names(db) == std::vector<std::string>{"first", "after"});
    }
}

TEST_CASE("a savepoint with a failed statement cannot be released, and rolling it back lets the outer go on") {
    engine db = create_engine(postgres_url());
    recreate(db);
    auto c = db.connect();
    auto outer = c.begin();
    c(add_user, arg<"name">("first"), arg<"email">("same@example.com"));
    {
        auto inner = c.begin_nested();
        CHECK_THROWS_AS(c(add_user, arg<"name">("duplicate"), arg<"email">("same@example.com")), integrity_error);
        CHECK_THROWS_WITH(inner.commit(), Catch::Contains("cannot release the savepoint"));
        CHECK(inner.active());  // still open: its guard rolls it back below
    }
    c(add_user, arg<"name">("after"), arg<"email">(std::nullopt));
    outer.commit();
    CHECK(names(db) == std::vector<std::string>{"first", "after"});
}

TEST_CASE("a transaction stays valid while its connection is moved around") {
    sqlite_file file{"ctql_transactions"};
    for (const std::string& url : {file.url("?pool_size=20"), postgres_url() + "&pool_size=20"}) {
        INFO(url);
        engine db = create_engine(url);
        recreate(db);
        std::vector<connection> connections;
        connections.push_back(db.connect());
        auto tx = connections.front().begin();
        connections.front()(add_user, arg<"name">("moved"), arg<"email">(std::nullopt));
        for (int i = 0; i < 16; ++i) connections.push_back(db.connect());  // reallocates: the first one moves
        CHECK(tx.active());
        tx.commit();
        connections.clear();
        CHECK(names(db) == std::vector<std::string>{"moved"});
    }
}

TEST_CASE("a transaction returned from the scope that owned its connection still commits or rolls back") {
    for (const std::string& url : {std::string("sqlite://"), postgres_url()}) {
        INFO(url);
        engine db = create_engine(url);
        recreate(db);
        const auto begin_with = [&db](const char* name) {
            auto c = db.connect();
            auto tx = c.begin();
            c(add_user, arg<"name">(name), arg<"email">(std::nullopt));
            return tx;  // `c` is destroyed here; the transaction keeps the checkout
        };
        auto committed = begin_with("committed");
        CHECK(committed.active());
        committed.commit();
        CHECK_FALSE(committed.active());
        { auto abandoned = begin_with("abandoned"); }  // rolled back by its guard
        auto rolled_back = begin_with("rolled back");
        rolled_back.rollback();
        CHECK(names(db) == std::vector<std::string>{"committed"});
        CHECK(db.status().checked_out == 0);
    }
}

TEST_CASE("after SQLite rolls a transaction back by itself (SQLITE_FULL), the guard says so and no statement "
          "runs outside it") {
    sqlite_file file{"ctql_transactions"};
    engine db = create_engine(file.url());
    recreate(db);
    auto c = db.connect();
    c(create_table(payloads));
    c.execute(verbatim{"PRAGMA max_page_count = 32"});  // a database of at most 32 pages
    auto tx = c.begin();
    c(insert_into(payloads).set(payloads.data = blob(1000)));
    try {
        c(insert_into(payloads).set(payloads.data = blob(1 << 20)));
        FAIL("a 1 MiB row fitted into 32 pages");
    } catch (const operational_error& e) {
        CHECK((e.code() & 0xff) == SQLITE_FULL);
    }
    CHECK(tx.active() == c.in_transaction());
    REQUIRE_FALSE(c.in_transaction());  // SQLite rolled the whole transaction back
    CHECK_THROWS_WITH(c(insert_into(payloads).set(payloads.data = blob(10))),
                      Catch::Contains("rolled back this connection's transaction"));
    CHECK_THROWS_WITH(tx.commit(), Catch::Contains("nothing was committed"));
    CHECK_FALSE(tx.active());
    CHECK(c(select(count()).from(payloads)).front() == 0);  // nothing autocommitted
}

TEST_CASE("a commit refused with SQLITE_BUSY keeps the transaction open, and trying again commits it") {
    sqlite_file file{"ctql_transactions"};
    engine db = create_engine(file.url("?busy_timeout=0&pool_size=2"));
    recreate(db);
    auto reader = db.connect();
    auto writer = db.connect();
    auto reading = reader.begin();
    CHECK(reader(select(count()).from(users)).front() == 0);  // holds a shared lock until it ends
    auto writing = writer.begin();
    writer(add_user, arg<"name">("written"), arg<"email">(std::nullopt));
    try {
        writing.commit();
        FAIL("COMMIT succeeded while another connection held a read lock");
    } catch (const operational_error& e) {
        CHECK((e.code() & 0xff) == SQLITE_BUSY);
    }
    CHECK(writing.active());
    CHECK(writer.in_transaction());
    reading.commit();
    writing.commit();  // the same transaction, committed on the second try
    CHECK_FALSE(writing.active());
    CHECK(names(db) == std::vector<std::string>{"written"});
}

TEST_CASE("begin() inside an open transaction is refused; begin_nested() is the way") {
    for (const std::string& url : {std::string("sqlite://"), postgres_url()}) {
        INFO(url);
        engine db = create_engine(url);
        auto c = db.connect();
        auto tx = c.begin();
        CHECK_THROWS_WITH(c.begin(), Catch::Contains("use begin_nested()"));
        auto inner = c.begin_nested();
        CHECK(inner.active());
        tx.commit();  // ends the savepoint with it
        CHECK_FALSE(inner.active());
        CHECK_FALSE(tx.active());
    }
}
