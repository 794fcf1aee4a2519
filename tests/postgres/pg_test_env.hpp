#pragma once
// Where the PostgreSQL tests find their server, and a connection helper.
// A missing server is a failure, never a skip: a green run must mean the
// PostgreSQL backend was exercised.
#include <catch2/catch.hpp>
#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include <ctql/backend/postgres/error.hpp>

namespace ctql_test {

inline std::string postgres_conninfo() {
    if (const char* conninfo = std::getenv("CTQL_TEST_POSTGRES_CONNINFO"); conninfo != nullptr && *conninfo != '\0') {
        return conninfo;
    }
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string_view(ci) == "true") {
        FAIL("CTQL_TEST_POSTGRES_CONNINFO is not set: the CI job did not start the PostgreSQL test server");
    } else {
        FAIL("CTQL_TEST_POSTGRES_CONNINFO is not set: run the PostgreSQL tests through scripts/with-postgres.sh, "
             "which starts a throwaway server and sets it");
    }
    return {};
}

// Runs the test server's pg_ctl (scripts/with-postgres.sh sets CTQL_TEST_PG_CTL), e.g. "stop -m immediate".
inline void pg_ctl(const std::string& arguments) {
    const char* command = std::getenv("CTQL_TEST_PG_CTL");
    REQUIRE(command != nullptr);
    REQUIRE(std::system((std::string(command) + " " + arguments + " >/dev/null 2>&1").c_str()) == 0);
}

struct conn_closer {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
using owned_conn = std::unique_ptr<PGconn, conn_closer>;

struct result_closer {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using owned_result = std::unique_ptr<PGresult, result_closer>;

inline owned_conn connect_test_db() {
    owned_conn conn{PQconnectdb(postgres_conninfo().c_str())};
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
        FAIL("cannot connect to the PostgreSQL test server: " << (conn ? PQerrorMessage(conn.get()) : "out of memory"));
    }
    // Keep NOTICEs ("table does not exist, skipping") out of the test output.
    PQsetNoticeProcessor(conn.get(), [](void*, const char*) {}, nullptr);
    return conn;
}

// Runs a parameterless statement, throwing ctql's exception on failure.
inline owned_result exec(PGconn* conn, const std::string& sql) {
    owned_result r{PQexec(conn, sql.c_str())};
    const auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        ctql::postgres::detail::throw_result_error(r.get(), conn, sql);
    }
    return r;
}

// The first column of the first row in text format, for server-side checks.
inline std::string scalar_text(PGconn* conn, const std::string& sql) {
    owned_result r = exec(conn, sql);
    REQUIRE(PQntuples(r.get()) == 1);
    return PQgetisnull(r.get(), 0, 0) ? std::string("<null>") : std::string(PQgetvalue(r.get(), 0, 0));
}

}  // namespace ctql_test
