// ctql behind pgbouncer in transaction mode (scripts/with-postgres.sh
// --pgbouncer; pgbouncer 1.18 keeps no named prepared statement for a client):
// with pooler=transaction nothing depends on the session, so every kind of
// statement works from many client connections at once, and the rows are the
// same as the primary's, read directly in raw SQL.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <ctql/engine.hpp>
#include <ctql/pipeline/migrations.hpp>
#include <ctql/pipeline/sql_template.hpp>

#include "../common/engines.hpp"
#include "../common/topology.hpp"

using namespace ctql;
using ctql_test::raw_value;
using ctql_test::topology_env;

namespace {

std::string pooled_url(const std::string& extra = {}) {
    return topology_env("CTQL_TEST_PGBOUNCER_URL", "--pgbouncer") + "&pooler=transaction&pool_size=4" + extra;
}

constexpr auto add_user = insert_into(users).set(users.id = param<"id", std::int64_t>,
                                                  users.name = param<"name", std::string>,
                                                  users.score = param<"score", double>);
constexpr auto scores_above = select(users.id, users.name).from(users).where(users.score > param<"min", double>).order_by(users.id);
// Outside the subset resolved at compile time: its declared outputs are checked against the server's description.
constexpr auto rich = sql_template<"WITH r AS (SELECT id, name FROM users WHERE score > :min) SELECT id, name FROM r ORDER BY id">(users)
                          .inputs(param<"min", double>)
                          .returns<result_column<"id", std::int64_t>, result_column<"name", std::string>>();

std::size_t prepared_by(connection& c) {
    return c.with_backend([](auto& backend) -> std::size_t {
        if constexpr (std::is_same_v<std::decay_t<decltype(backend)>, postgres::connection>)
            return backend.prepared_statements();
        else
            return 0;
    });
}

}  // namespace

TEST_CASE("behind a transaction pooler every kind of statement runs from many connections, with no named statement",
          "[engine][pooler]") {
    engine direct = create_engine(ctql_test::postgres_url());
    ctql_test::recreate(direct);
    engine db = create_engine(pooled_url());

    // Four threads, each with its own client connections, interleaving
    // transactions and statements outside one: pgbouncer hands each to
    // whichever server connection is free.
    std::vector<std::thread> threads;
    for (std::int64_t t = 0; t < 4; ++t) {
        threads.emplace_back([&db, t] {
            for (std::int64_t i = 0; i < 50; ++i) {
                const std::int64_t id = t * 1000 + i;
                auto c = db.connect();
                if (i % 2 == 0) {
                    c(add_user, arg<"id">(id), arg<"name">("u" + std::to_string(id)), arg<"score">(double(i)));
                } else {
                    c.transaction([&](connection& tx) {
                        tx(add_user, arg<"id">(id), arg<"name">("u" + std::to_string(id)), arg<"score">(double(i)));
                        auto inner = tx.begin_nested();  // a savepoint, inside the transaction
                        tx(add_user, arg<"id">(id + 500), arg<"name">(std::string{"rolled back"}), arg<"score">(0.0));
                        inner.rollback();
                    });
                }
                c(scores_above, arg<"min">(double(i)));
                c(rich, arg<"min">(double(i)));
            }
        });
    }
    for (auto& t : threads) t.join();

    auto conn = db.connect();
    CHECK(prepared_by(conn) == 0);
    CHECK(conn(select(count()).from(users)).front() == 200);
    CHECK(raw_value(ctql_test::postgres_conninfo(), "SELECT count(*) FROM users") == "200");
    CHECK(raw_value(ctql_test::postgres_conninfo(), "SELECT count(*) FROM users WHERE name = 'rolled back'") == "0");
    const auto rows = conn(scores_above, arg<"min">(47.0)).to_vector();
    REQUIRE(rows.size() == 8);  // score 48 and 49, from each of the four threads
    CHECK(raw_value(ctql_test::postgres_conninfo(), "SELECT string_agg(id::text, ',' ORDER BY id) FROM users WHERE score > 47") ==
          "48,49,1048,1049,2048,2049,3048,3049");
    CHECK(conn(rich, arg<"min">(47.0)).to_vector().size() == 8);
}

TEST_CASE("behind a transaction pooler: streams, pipelines and bulk loads", "[engine][pooler]") {
    engine direct = create_engine(ctql_test::postgres_url());
    ctql_test::recreate(direct);
    engine db = create_engine(pooled_url());
    auto conn = db.connect();

    std::vector<std::tuple<std::int64_t, std::string>> people;
    for (std::int64_t i = 1; i <= 300; ++i) people.emplace_back(i, "p" + std::to_string(i));
    CHECK(conn(insert_into(users).columns(users.id, users.name), people) == 300);

    {
        auto batch = conn.pipeline();
        for (std::int64_t i = 1; i <= 100; ++i)
            batch(update(users).set(users.score = param<"score", double>).where(users.id == param<"id", std::int64_t>),
                  arg<"score">(double(i)), arg<"id">(i));
        const auto changed = batch.sync();
        CHECK(changed == std::vector<std::int64_t>(100, 1));
    }
    std::int64_t streamed = 0;
    for (const auto& row : conn.stream(scores_above, arg<"min">(50.0))) {
        CHECK(row.id > 50);
        ++streamed;
    }
    CHECK(streamed == 50);
    CHECK(raw_value(ctql_test::postgres_conninfo(), "SELECT count(*) FROM users WHERE score > 50") == "50");
    CHECK(prepared_by(conn) == 0);
}

TEST_CASE("a declared output that does not match is refused behind a transaction pooler too", "[engine][pooler]") {
    engine direct = create_engine(ctql_test::postgres_url());
    ctql_test::recreate(direct);
    engine db = create_engine(pooled_url());
    auto conn = db.connect();
    constexpr auto wrong = sql_template<"WITH r AS (SELECT id, name FROM users WHERE score > :min) SELECT id, name FROM r">(users)
                               .inputs(param<"min", double>)
                               .returns<result_column<"id", std::string>, result_column<"name", std::string>>();
    CHECK_THROWS_WITH(conn(wrong, arg<"min">(1.0)), Catch::Contains("id"));
    // The connection is fine afterwards, and no pipeline is left open.
    CHECK(conn(select(count()).from(users)).front() == 0);
}

TEST_CASE("pooler= is checked: a known mode, PostgreSQL only, and no session reset behind a transaction pooler",
          "[engine][pooler]") {
    const std::string base = topology_env("CTQL_TEST_PGBOUNCER_URL", "--pgbouncer");
    CHECK_THROWS_WITH(create_engine(base + "&pooler=statement"),
                      Catch::Contains("engine option pooler=statement in") &&
                          Catch::Contains("is not none or transaction (a pooler in session mode is none)"));
    CHECK_THROWS_WITH(create_engine("sqlite://?pooler=transaction"),
                      "ctql: pooler=transaction in sqlite://?pooler=transaction is for PostgreSQL behind a pooler "
                      "such as pgbouncer; SQLite has none");
    CHECK_THROWS_WITH(create_engine(base + "&pooler=transaction&pool_reset_on_return=discard"),
                      Catch::Contains("which a pooler in transaction mode does not keep for a client"));
}

TEST_CASE("behind a transaction pooler, migrations run in their transactions; one without is refused",
          "[engine][pooler]") {
    const postgres::options pooled{.pooler = postgres::pooler_mode::transaction};
    postgres::connection direct{ctql_test::postgres_conninfo()};
    direct.execute(verbatim{"DROP TABLE IF EXISTS schema_migrations, pooled_made"});
    postgres::connection db{topology_env("CTQL_TEST_PGBOUNCER_CONNINFO", "--pgbouncer"), pooled};
    const migration made{.id = "0001_made", .up = {sql_step("CREATE TABLE pooled_made (a INTEGER)")}};
    CHECK(migrator{db, {made}}.upgrade().runs.size() == 1);
    CHECK(raw_value(ctql_test::postgres_conninfo(), "SELECT count(*) FROM schema_migrations") == "1");
    const migration loose{.id = "0002_loose", .up = {sql_step("CREATE INDEX ix_made ON pooled_made (a)")}, .transactional = false};
    CHECK_THROWS_WITH(migrator(db, {made, loose}).upgrade(),
                      "ctql: migration \"0002_loose\" is not transactional, so the migrator holds a session advisory "
                      "lock while it runs, which a pooler in transaction mode cannot keep (pooler=transaction): run "
                      "migrations over a direct connection to the server");
    CHECK(raw_value(ctql_test::postgres_conninfo(), "SELECT to_regclass('ix_made') IS NULL") == "t");
    direct.execute(verbatim{"DROP TABLE IF EXISTS schema_migrations, pooled_made"});
}

TEST_CASE("through a transaction pooler without pooler=transaction, the error says what to add to the URL",
          "[engine][pooler]") {
    engine direct = create_engine(ctql_test::postgres_url());
    ctql_test::recreate(direct);
    // Not told about the pooler: each client connection prepares by name, on
    // whichever server connection pgbouncer gives it (the last one used, so
    // the second client finds the first one's statement there).
    engine db = create_engine(topology_env("CTQL_TEST_PGBOUNCER_URL", "--pgbouncer") + "&pool_size=3");
    std::vector<connection> clients;
    for (int i = 0; i < 3; ++i) clients.push_back(db.connect());
    std::string error;
    for (int round = 0; round < 20 && error.empty(); ++round) {
        for (auto& c : clients) {
            try {
                c(scores_above, arg<"min">(1.0));
            } catch (const database_error& e) {
                error = e.what();
                break;
            }
        }
    }
    INFO(error);
    CHECK_THAT(error, Catch::Matches("prepared statement \"ctql_[0-9]+\" (already exists|does not exist) \\[SQLSTATE "
                                     "(42P05|26000)\\][\\s\\S]*"));
    CHECK_THAT(error, Catch::Contains("HINT: is a pooler in transaction mode (pgbouncer with pool_mode=transaction) "
                                      "between ctql and PostgreSQL?") &&
                          Catch::Contains("add pooler=transaction to the URL"));
}
