#pragma once
// The servers beyond the shared primary that scripts/with-postgres.sh starts
// on request (--replica, --pgbouncer, --tcp): a missing one fails the test.
#include <catch2/catch.hpp>
#include <libpq-fe.h>

#include <cstdlib>
#include <string>

#include "../postgres/pg_test_env.hpp"

namespace ctql_test {

// The value of a variable the topology script exports; `option` names the script option that sets it.
inline std::string topology_env(const char* name, const char* option) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        FAIL(std::string(name) + " is not set: run this test through scripts/with-postgres.sh " + option);
    return value;
}

// A pg_ctl command on one of the servers (CTQL_TEST_PG_CTL or CTQL_TEST_PG_REPLICA_CTL).
inline void server_ctl(const char* variable, const std::string& arguments) {
    const std::string command = topology_env(variable, "--replica") + " " + arguments + " >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
}

// The first value of the first row of a query run over its own libpq connection ("" for NULL).
inline std::string raw_value(const std::string& conninfo, const std::string& sql) {
    owned_conn conn{PQconnectdb(conninfo.c_str())};
    REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
    owned_result r{PQexec(conn.get(), sql.c_str())};
    INFO(sql << ": " << PQerrorMessage(conn.get()));
    REQUIRE(PQresultStatus(r.get()) == PGRES_TUPLES_OK);
    REQUIRE(PQntuples(r.get()) >= 1);
    return PQgetvalue(r.get(), 0, 0);
}

inline void raw_exec(const std::string& conninfo, const std::string& sql) {
    owned_conn conn{PQconnectdb(conninfo.c_str())};
    REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
    owned_result r{PQexec(conn.get(), sql.c_str())};
    INFO(sql << ": " << PQerrorMessage(conn.get()));
    const auto status = PQresultStatus(r.get());
    REQUIRE((status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK));
}

}  // namespace ctql_test
