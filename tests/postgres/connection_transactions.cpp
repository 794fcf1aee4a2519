// begin(), begin_nested() and transaction(fn) on sqlite::connection and
// postgres::connection: the same guard as the engine's (backend/transaction.hpp),
// with the options each dialect has.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <libpq-fe.h>

#include "../common/backends.hpp"
#include "../common/sqlite_file.hpp"

CTQL_TABLE(payloads,
    (id,   std::int64_t, ctql::primary_key),
    (data, ctql::blob));

using namespace ctql;
using namespace ctql_test;

namespace {
constexpr auto add_user = insert_into(users).set(users.name = param<"name", std::string>);

template <class Connection>
std::vector<std::string> names(Connection& db) {
    return db(select(users.name).from(users).order_by(users.id)).to_vector();
}


// One value of a query run through libpq directly, outside ctql.
std::string pg_value(ctql::postgres::connection& db, const char* sql) {
    PGresult* r = PQexec(db.native_handle(), sql);
    std::string out = PQresultStatus(r) == PGRES_TUPLES_OK ? PQgetvalue(r, 0, 0) : PQresultErrorMessage(r);
    PQclear(r);
    return out;
}
}  // namespace

TEMPLATE_TEST_CASE("begin() commits, rolls back, and rolls back unless committed", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = fresh<TestType>();
    {
        auto tx = db.begin();
        CHECK(tx.active());
        db(add_user, arg<"name">("kept"));
        tx.commit();
        CHECK_FALSE(tx.active());
        CHECK_FALSE(db.in_transaction());
    }
    {
        auto tx = db.begin();
        db(add_user, arg<"name">("rolled back"));
        tx.rollback();
    }
    {
        auto tx = db.begin();
        db(add_user, arg<"name">("never committed"));
    }  // the guard goes: ROLLBACK
    CHECK(names(db) == std::vector<std::string>{"kept"});
    CHECK_FALSE(db.in_transaction());
}

TEMPLATE_TEST_CASE("transaction(fn) commits what fn did, or rolls it back and rethrows", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = fresh<TestType>();
    using connection = typename TestType::connection;
    const std::int64_t changed = db.transaction([](connection& c) { return c(add_user, arg<"name">("Ada")); });
    CHECK(changed == 1);
    db.transaction([&] { db(add_user, arg<"name">("Bob")); });
    CHECK_THROWS_WITH(db.transaction([&] {
        db(add_user, arg<"name">("lost"));
        throw std::runtime_error("the caller gave up");
    }),
                      "the caller gave up");
    CHECK(names(db) == std::vector<std::string>{"Ada", "Bob"});
    CHECK_FALSE(db.in_transaction());
}

TEMPLATE_TEST_CASE("a savepoint rolls back alone; transaction(fn) inside a transaction is one", "[both]",
                   sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    auto outer = db.begin();
    db(add_user, arg<"name">("outer"));
    {
        auto inner = db.begin_nested();
        db(add_user, arg<"name">("inner, rolled back"));
    }
    CHECK_THROWS(db.transaction([&] {
        db(add_user, arg<"name">("nested fn, rolled back"));
        throw std::runtime_error("no");
    }));
    CHECK(db.in_transaction());
    db.transaction([&] { db(add_user, arg<"name">("nested fn, kept")); });
    outer.commit();
    CHECK(names(db) == std::vector<std::string>{"outer", "nested fn, kept"});
}

TEMPLATE_TEST_CASE("begin() twice and begin_nested() outside a transaction are refused with what to do", "[both]",
                   sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    CHECK_THROWS_WITH(db.begin_nested(), Catch::Contains("begin_nested() needs an open transaction"));
    auto tx = db.begin();
    CHECK_THROWS_WITH(db.begin(), Catch::Contains("already in a transaction") && Catch::Contains("begin_nested()"));
    CHECK(tx.active());
}

TEMPLATE_TEST_CASE("a guard follows its connection when the connection moves", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = fresh<TestType>();
    auto tx = db.begin();
    db(add_user, arg<"name">("moved"));
    auto moved = std::move(db);
    CHECK(tx.active());
    tx.commit();
    CHECK(names(moved) == std::vector<std::string>{"moved"});
    CHECK_FALSE(moved.in_transaction());
}

TEST_CASE("a guard whose connection was closed says so, and nothing of it was committed (PostgreSQL)") {
    auto check = ctql::postgres::connection{postgres_conninfo()};
    recreate(check, users, orders, all_types);
    auto tx = [&] {
        auto db = ctql::postgres::connection{postgres_conninfo()};
        auto guard = db.begin();
        db(add_user, arg<"name">("closed before commit"));
        return guard;
    }();  // the connection is destroyed here, the guard lives on
    CHECK_FALSE(tx.active());
    CHECK_THROWS_WITH(tx.commit(), Catch::Contains("closed or destroyed") && Catch::Contains("rolled the transaction back"));
    CHECK(names(check).empty());
}

TEST_CASE("a guard whose connection was closed says so, and nothing of it was committed (SQLite file)") {
    sqlite_file file{"ctql_connection_tx"};
    {
        ctql::sqlite::connection setup{file.path};
        recreate(setup, users, orders, all_types);
    }
    auto tx = [&] {
        ctql::sqlite::connection db{file.path};
        auto guard = db.begin();
        db(add_user, arg<"name">("closed before commit"));
        return guard;
    }();
    CHECK_FALSE(tx.active());
    CHECK_THROWS_AS(tx.commit(), interface_error);
    ctql::sqlite::connection check{file.path};
    CHECK(names(check).empty());
}

TEST_CASE("PostgreSQL transactions take an isolation level, READ ONLY and DEFERRABLE") {
    CHECK(dialect::postgres::begin_statement({}) == "BEGIN");
    CHECK(dialect::postgres::begin_statement({.isolation = isolation_level::serializable, .read_only = true,
                                              .deferrable = true}) ==
          "BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY, DEFERRABLE");
    CHECK(dialect::postgres::begin_statement({.isolation = isolation_level::repeatable_read}) ==
          "BEGIN ISOLATION LEVEL REPEATABLE READ");

    auto db = fresh<postgres_backend>();
    {
        auto tx = db.begin({.isolation = isolation_level::serializable, .read_only = true});
        CHECK(pg_value(db, "SHOW transaction_isolation") == "serializable");
        CHECK(pg_value(db, "SHOW transaction_read_only") == "on");
    }
    {
        auto tx = db.begin({.isolation = isolation_level::read_committed, .read_only = true});
        try {
            db(add_user, arg<"name">("refused"));
            FAIL("a read-only transaction stored a row");
        } catch (const ctql::database_error& e) {
            CHECK(e.sqlstate() == "25006");
            CHECK_THAT(e.what(), Catch::Contains("read-only transaction"));
        }
    }
    CHECK(names(db).empty());
    CHECK_THROWS_WITH(db.begin({.sqlite_mode = sqlite_begin_mode::immediate}),
                      Catch::Contains("BEGIN IMMEDIATE and EXCLUSIVE are SQLite's"));
    CHECK_FALSE(db.in_transaction());
}

TEST_CASE("SQLite BEGIN IMMEDIATE takes the write lock at once; read-only transactions are refused") {
    CHECK(dialect::sqlite::begin_statement({}) == "BEGIN");
    CHECK(dialect::sqlite::begin_statement({.sqlite_mode = sqlite_begin_mode::immediate}) == "BEGIN IMMEDIATE");
    CHECK(dialect::sqlite::begin_statement({.sqlite_mode = sqlite_begin_mode::exclusive}) == "BEGIN EXCLUSIVE");
    // SQLite is serializable whatever level is asked for.
    CHECK(dialect::sqlite::begin_statement({.isolation = isolation_level::serializable}) == "BEGIN");

    sqlite_file file{"ctql_connection_tx"};
    ctql::sqlite::connection first{file.path};
    recreate(first, users, orders, all_types);
    ctql::sqlite::connection second{file.path, {.busy_timeout_ms = 0}};
    auto writer = first.begin({.sqlite_mode = sqlite_begin_mode::immediate});
    // A second writer is refused at BEGIN, before it has done any work it would lose.
    CHECK_THROWS_AS(second.begin({.sqlite_mode = sqlite_begin_mode::immediate}), operational_error);
    CHECK_FALSE(second.in_transaction());
    first(add_user, arg<"name">("first"));
    writer.commit();
    second.transaction([&] { second(add_user, arg<"name">("second")); }, {.sqlite_mode = sqlite_begin_mode::immediate});
    CHECK(names(first) == std::vector<std::string>{"first", "second"});

    CHECK_THROWS_WITH(first.begin({.read_only = true}),
                      Catch::Contains("SQLite has no read-only transactions") && Catch::Contains("read_only = true"));
    CHECK_THROWS_WITH(first.begin({.deferrable = true}), Catch::Contains("DEFERRABLE"));
    CHECK_FALSE(first.in_transaction());
}

TEST_CASE("after SQLite rolled a transaction back by itself, a statement under the guard throws instead of "
          "committing on its own (sqlite::connection)") {
    sqlite_file file{"ctql_connection_tx"};
    ctql::sqlite::connection db{file.path};
    db(create_table(payloads));
    db.execute(verbatim{"PRAGMA max_page_count = 32"});  // a database of at most 32 pages
    auto tx = db.begin();
    db(insert_into(payloads).set(payloads.data = blob(1000)));
    try {
        db(insert_into(payloads).set(payloads.data = blob(1 << 20)));
        FAIL("a 1 MiB row fitted into 32 pages");
    } catch (const operational_error& e) {
        CHECK((e.code() & 0xff) == SQLITE_FULL);
    }
    REQUIRE_FALSE(db.in_transaction());  // SQLite rolled the whole transaction back
    CHECK_FALSE(tx.active());
    CHECK_THROWS_WITH(db(insert_into(payloads).set(payloads.data = blob(10))),
                      Catch::Contains("rolled back this connection's transaction"));
    CHECK_THROWS_WITH(db.begin_nested(), Catch::Contains("rolled back this connection's transaction"));
    CHECK_THROWS_WITH(tx.commit(), Catch::Contains("nothing was committed"));
    CHECK(db(select(count()).from(payloads)).front() == 0);  // nothing committed on its own
}
