// What the server reports becomes the right ctql exception, with SQLSTATE,
// message, detail and the statement text.
#include <catch2/catch.hpp>

#include <string>

#include <ctql/backend/postgres/error.hpp>

#include "pg_test_env.hpp"

namespace {

using ctql_test::exec;
using namespace ctql::postgres::detail;

template <class Expected>
Expected expect_error(PGconn* conn, const std::string& sql) {
    try {
        exec(conn, sql);
    } catch (const Expected& e) {
        return e;
    } catch (const ctql::error& e) {
        FAIL("the wrong exception type for: " << sql << "\n" << e.what());
    }
    FAIL("no exception for: " << sql);
    throw;  // unreachable: FAIL throws
}

}  // namespace

TEST_CASE("postgres errors: constraint violations are integrity errors", "[postgres][errors]") {
    auto conn = ctql_test::connect_test_db();
    exec(conn.get(), "CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    exec(conn.get(), "CREATE TEMP TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id))");
    exec(conn.get(), "INSERT INTO parent VALUES (1, 'a')");

    SECTION("unique violation") {
        const std::string sql = "INSERT INTO parent VALUES (2, 'a')";
        const auto e = expect_error<ctql::integrity_error>(conn.get(), sql);
        CHECK(e.sqlstate() == "23505");
        CHECK_THAT(e.message(), Catch::Contains("duplicate key"));
        CHECK_THAT(e.detail(), Catch::Contains("(name)=(a)"));
        CHECK(e.sql() == sql);
        CHECK(e.code() == 0);
        CHECK_THAT(std::string(e.what()), Catch::Contains("[SQLSTATE 23505]") && Catch::Contains("DETAIL:") &&
                                              Catch::Contains(sql));
    }
    SECTION("foreign key violation") {
        const auto e = expect_error<ctql::integrity_error>(conn.get(), "INSERT INTO child VALUES (1, 42)");
        CHECK(e.sqlstate() == "23503");
        CHECK_FALSE(e.detail().empty());
    }
    SECTION("not null violation") {
        CHECK(expect_error<ctql::integrity_error>(conn.get(), "INSERT INTO parent VALUES (3, NULL)").sqlstate() ==
              "23502");
    }
}

TEST_CASE("postgres errors: wrong statements are programming errors", "[postgres][errors]") {
    auto conn = ctql_test::connect_test_db();

    const auto syntax = expect_error<ctql::programming_error>(conn.get(), "SELEC 1");
    CHECK(syntax.sqlstate() == "42601");
    CHECK_THAT(syntax.message(), Catch::Contains("syntax error"));

    const auto missing = expect_error<ctql::programming_error>(conn.get(), "SELECT * FROM no_such_table_here");
    CHECK(missing.sqlstate() == "42P01");

    const auto column = expect_error<ctql::programming_error>(conn.get(), "SELECT no_such_column FROM pg_class");
    CHECK(column.sqlstate() == "42703");
    // PostgreSQL suggests close matches in a HINT.
    const auto hinted = expect_error<ctql::programming_error>(conn.get(), "SELECT relnam FROM pg_class");
    CHECK_THAT(hinted.hint(), Catch::Contains("relname"));
}

TEST_CASE("postgres errors: bad values are data errors", "[postgres][errors]") {
    auto conn = ctql_test::connect_test_db();
    CHECK(expect_error<ctql::data_error>(conn.get(), "SELECT 1 / 0").sqlstate() == "22012");
    CHECK(expect_error<ctql::data_error>(conn.get(), "SELECT 'x'::integer").sqlstate() == "22P02");
    CHECK(expect_error<ctql::data_error>(conn.get(), "SELECT 40000::smallint").sqlstate() == "22003");
}

TEST_CASE("postgres errors: SQLSTATE classes", "[postgres][errors]") {
    using c = error_category;
    CHECK(classify_sqlstate("23505", false) == c::integrity);
    CHECK(classify_sqlstate("22012", false) == c::data);
    for (const char* s : {"08006", "53100", "57014", "58030", "40001", "40P01", "55P03", "XX000"}) {
        INFO(s);
        CHECK(classify_sqlstate(s, false) == c::operational);
    }
    for (const char* s : {"42601", "0A000", "26000", "34000", "3D000", "3F000", "25P02"}) {
        INFO(s);
        CHECK(classify_sqlstate(s, false) == c::programming);
    }
    CHECK(classify_sqlstate("", true) == c::operational);
    CHECK(classify_sqlstate("", false) == c::programming);
}

TEST_CASE("postgres errors: a server that is not there is an operational error", "[postgres][errors]") {
    ctql_test::owned_conn conn{PQconnectdb("host=/nonexistent/ctql-socket-dir port=1 dbname=x connect_timeout=2")};
    REQUIRE(PQstatus(conn.get()) == CONNECTION_BAD);
    try {
        throw_connection_error(conn.get(), "cannot connect to PostgreSQL");
        FAIL("throw_connection_error returned");
    } catch (const ctql::operational_error& e) {
        const std::string message = e.message();
        CHECK_THAT(message, Catch::StartsWith("cannot connect to PostgreSQL: "));
        CHECK_THAT(message, Catch::Contains("/nonexistent/ctql-socket-dir"));
        CHECK(message.back() != '\n');
    }
    // A statement on the dead connection: no SQLSTATE, broken connection.
    ctql_test::owned_result r{PQexec(conn.get(), "SELECT 1")};
    CHECK_THROWS_AS(throw_result_error(r.get(), conn.get(), "SELECT 1"), ctql::operational_error);
}

TEST_CASE("postgres errors: a failed transaction is usable again after ROLLBACK", "[postgres][errors]") {
    auto conn = ctql_test::connect_test_db();
    exec(conn.get(), "CREATE TEMP TABLE t (id INTEGER PRIMARY KEY)");
    exec(conn.get(), "BEGIN");
    exec(conn.get(), "INSERT INTO t VALUES (1)");
    CHECK_THROWS_AS(exec(conn.get(), "INSERT INTO t VALUES (1)"), ctql::integrity_error);
    const auto aborted = expect_error<ctql::database_error>(conn.get(), "SELECT 1");
    CHECK(aborted.sqlstate() == "25P02");  // current transaction is aborted
    exec(conn.get(), "ROLLBACK");
    CHECK(ctql_test::scalar_text(conn.get(), "SELECT count(*) FROM t") == "0");
    exec(conn.get(), "INSERT INTO t VALUES (1)");
    CHECK(ctql_test::scalar_text(conn.get(), "SELECT count(*) FROM t") == "1");
}
