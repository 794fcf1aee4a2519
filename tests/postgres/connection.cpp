// Connecting, errors with SQLSTATE, and failures mid-transaction.
#include <catch2/catch.hpp>

#include "../common/backends.hpp"

using namespace ctql;

TEST_CASE("a refused connection is an operational error") {
    CHECK_THROWS_AS(postgres::connection("host=/nonexistent-socket-dir port=1 user=postgres dbname=x connect_timeout=2"),
                    operational_error);
    CHECK_THROWS_WITH(postgres::connection("host=/nonexistent-socket-dir port=1 dbname=x"),
                      Catch::Contains("cannot connect to PostgreSQL"));
}

TEST_CASE("a URL works as well as a conninfo string") {
    const char* url = std::getenv("CTQL_TEST_POSTGRES_URL");
    REQUIRE(url != nullptr);
    postgres::connection db{url};
    CHECK(db.is_open());
}

TEST_CASE("errors carry SQLSTATE, message, detail and the SQL text") {
    auto db = ctql_test::fresh<ctql_test::postgres_backend>();
    db(insert_into(users).set(users.name = "a", users.email = "dup@x"));
    try {
        db(insert_into(users).set(users.name = "b", users.email = "dup@x"));
        FAIL("expected an integrity_error");
    } catch (const integrity_error& e) {
        CHECK(e.sqlstate() == "23505");
        CHECK_THAT(e.message(), Catch::Contains("duplicate key"));
        CHECK_THAT(e.detail(), Catch::Contains("dup@x"));
        CHECK(e.sql() == R"(INSERT INTO "users" ("name", "email") VALUES ($1, $2))");
    }
    CHECK_THROWS_AS(db(insert_into(orders).set(orders.user_id = std::int64_t{77}, orders.total = 1.0)), integrity_error);
    CHECK_THROWS_AS(db.execute(verbatim{"SELEKT 1"}), programming_error);
    CHECK_THROWS_AS(db.execute(verbatim{"SELECT 1/0"}), data_error);
}

TEST_CASE("a failed statement inside a transaction leaves the connection usable after rollback") {
    auto db = ctql_test::fresh<ctql_test::postgres_backend>();
    db.execute(verbatim{"BEGIN"});
    db(insert_into(users).set(users.name = "kept only if committed"));
    CHECK_THROWS_AS(db(insert_into(orders).set(orders.user_id = std::int64_t{12345}, orders.total = 1.0)), integrity_error);
    // PostgreSQL refuses everything until the transaction ends.
    CHECK_THROWS_AS(db(select(count()).from(users)), database_error);
    db.execute(verbatim{"ROLLBACK"});
    CHECK(db(select(count()).from(users)).front() == 0);
}

TEST_CASE("a dropped connection mid-transaction is an operational error and commits nothing") {
    auto db = ctql_test::fresh<ctql_test::postgres_backend>();
    postgres::connection admin{ctql_test::postgres_conninfo()};
    db.execute(verbatim{"BEGIN"});
    db(insert_into(users).set(users.name = "lost"));
    const int pid = PQbackendPID(db.native_handle());
    admin.execute(verbatim{std::string("SELECT pg_terminate_backend(") + std::to_string(pid) + ")"});
    try {
        db(insert_into(users).set(users.name = "lost too"));
        FAIL("expected an operational_error");
    } catch (const operational_error& e) {
        CHECK_FALSE(std::string(e.what()).empty());
        CHECK(e.sql() == R"(INSERT INTO "users" ("name") VALUES ($1))");
    }
    CHECK(admin(select(count()).from(users)).front() == 0);
}
