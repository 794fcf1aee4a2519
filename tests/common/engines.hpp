#pragma once
// Engines for the tests: the test server's URL, and the shared schema created afresh.
#include <cstdlib>
#include <string>

#include <ctql/engine.hpp>

#include "../postgres/pg_test_env.hpp"
#include "../test_schema.hpp"

namespace ctql_test {

// The URL of the server scripts/with-postgres.sh started; fails the test when there is none.
inline std::string postgres_url() {
    postgres_conninfo();
    return std::getenv("CTQL_TEST_POSTGRES_URL");
}

// users and orders, empty.
inline void recreate(ctql::engine& db) {
    auto c = db.connect();
    c(ctql::drop_table(orders));
    c(ctql::drop_table(users));
    c(ctql::create_table(users));
    c(ctql::create_table(orders));
}

}  // namespace ctql_test
