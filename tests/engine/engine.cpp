// Engines from URLs: one statement on any backend, transactions, logging,
// error classes, and the pool's behaviour against real databases.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <cstdlib>
#include <thread>

#include <ctql/engine.hpp>

#include "../common/engines.hpp"

CTQL_TABLE(logins,
    (id,        std::int64_t, ctql::primary_key),
    (user_name, std::string),
    (password,  std::string,  ctql::secret));

using namespace ctql;
using ctql_test::postgres_url;
using ctql_test::recreate;

namespace {
std::vector<std::string> urls() { return {"sqlite://", postgres_url()}; }

std::int64_t user_count(engine& db) { return db.connect()(select(count()).from(users)).front(); }
}  // namespace

TEST_CASE("the same statements run on SQLite and PostgreSQL by changing only the URL") {
    for (const std::string& url : urls()) {
        INFO(url);
        engine db = create_engine(url);
        recreate(db);
        auto c = db.connect();
        c(insert_into(users).set(users.name = "Ada", users.score = 91.5));
        c(insert_into(users).set(users.name = "Bob", users.score = 40.0));
        const auto above = select(users.name).from(users).where(users.score > param<"min", double>);
        CHECK(c(above, arg<"min">(50.0)).front() == "Ada");
        CHECK(c(update(users).set(users.score = 0.0).where(users.name == "Bob")) == 1);
        std::vector<std::tuple<std::string>> more{{"Cy"}, {"Dee"}};
        CHECK(c(insert_into(users).columns(users.name), more) == 2);
        CHECK(c(select(count()).from(users)).front() == 4);
    }
}

TEST_CASE("an engine connection runs upserts and RETURNING, single and bulk, on both backends") {
    for (const std::string& url : urls()) {
        INFO(url);
        engine db = create_engine(url);
        recreate(db);
        auto c = db.connect();
        const auto ids = c(insert_into(users).set(users.name = "Ada", users.email = "ada@x").returning(users.id));
        REQUIRE(ids.size() == 1);
        CHECK(c(insert_into(users).set(users.name = "Ada", users.email = "ada@x").on_conflict(users.email).do_nothing()) == 0);
        const std::vector<std::tuple<std::string, std::string>> people{{"Ada", "ada@x"}, {"Bob", "bob@x"}};
        const auto added = c(insert_into(users).columns(users.name, users.email).on_conflict(users.email).do_nothing().returning(users.name), people);
        REQUIRE(added.size() == 1);
        CHECK(added[0] == "Bob");
        CHECK(c(select(count()).from(users)).front() == 2);
    }
}

TEST_CASE("a transaction commits, rolls back, and rolls back unless committed") {
    for (const std::string& url : urls()) {
        INFO(url);
        engine db = create_engine(url);
        recreate(db);
        {
            auto c = db.connect();
            auto tx = c.begin();
            c(insert_into(users).set(users.name = "committed"));
            tx.commit();
        }
        {
            auto c = db.connect();
            auto tx = c.begin();
            c(insert_into(users).set(users.name = "rolled back"));
            tx.rollback();
        }
        {
            auto c = db.connect();
            auto tx = c.begin();
            c(insert_into(users).set(users.name = "abandoned"));
        }
        CHECK(user_count(db) == 1);
    }
}

TEST_CASE("engine.transaction commits, or rolls back and rethrows") {
    for (const std::string& url : urls()) {
        INFO(url);
        engine db = create_engine(url);
        recreate(db);
        const auto id = db.transaction([](connection& c) {
            c(insert_into(users).set(users.name = "kept"));
            return c(select(max(users.id)).from(users)).front();
        });
        CHECK(id.has_value());
        CHECK_THROWS_WITH(db.transaction([](connection& c) {
            c(insert_into(users).set(users.name = "lost"));
            throw std::runtime_error("failed halfway");
        }),
                          "failed halfway");
        CHECK_THROWS_AS(db.transaction([](connection& c) {
            c(insert_into(users).set(users.name = "lost too"));
            c(insert_into(orders).set(orders.user_id = std::int64_t{999}, orders.total = 1.0));  // foreign key fails
        }),
                        integrity_error);
        CHECK(user_count(db) == 1);
    }
}

TEST_CASE("a savepoint rolls back while the outer transaction commits") {
    for (const std::string& url : urls()) {
        INFO(url);
        engine db = create_engine(url);
        recreate(db);
        auto c = db.connect();
        auto outer = c.begin();
        c(insert_into(users).set(users.name = "outer"));
        {
            auto inner = c.begin_nested();
            c(insert_into(users).set(users.name = "inner"));
            inner.rollback();
        }
        {
            auto inner = c.begin_nested();
            c(insert_into(users).set(users.name = "inner kept"));
            inner.commit();
        }
        outer.commit();
        CHECK(c(select(users.name).from(users).order_by(users.id)).to_vector() == std::vector<std::string>{"outer", "inner kept"});
    }
}

TEST_CASE("a connection returned mid-transaction is rolled back before reuse") {
    for (const std::string& url : urls()) {
        INFO(url);
        engine db = create_engine(url + (url == "sqlite://" ? "" : "&pool_size=1&max_overflow=0"));
        recreate(db);
        {
            auto c = db.connect();
            c.execute(verbatim{"BEGIN"});
            c(insert_into(users).set(users.name = "never committed"));
            CHECK(c.in_transaction());
        }
        auto c = db.connect();
        CHECK_FALSE(c.in_transaction());
        CHECK(c(select(count()).from(users)).front() == 0);
    }
}

TEST_CASE("echo logs SQL, values, duration and rows, masking secrets") {
    std::vector<std::string> lines;
    engine_options options;
    options.echo.enabled = true;
    options.echo.sink = [&](const statement_event& e) {
        lines.push_back(fmt::format("{} | {} | {} rows | {}", e.sql, e.parameters, e.rows, e.database));
        CHECK(e.duration.count() >= 0);
    };
    engine db = create_engine("sqlite://", options);
    auto c = db.connect();
    c(create_table(users));
    c(insert_into(users).set(users.name = "Ada", users.score = 1.5));
    c(select(users.name).from(users).where(users.name == param<"n", std::string>), arg<"n">(std::string("Ada")));
    c(select(users.id).from(users).where(users.name == secret_param<"token", std::string>), arg<"token">(std::string("hunter2")));
    REQUIRE(lines.size() == 4);
    CHECK(lines[1] == R"(INSERT INTO "users" ("name", "score") VALUES (?, ?) | ('Ada', 1.5) | 1 rows | sqlite://)");
    CHECK(lines[2] == R"(SELECT "users"."name" FROM "users" WHERE "users"."name" = ? | ('Ada') | 1 rows | sqlite://)");
    CHECK(lines[3].find("(***)") != std::string::npos);
    for (const auto& line : lines) CHECK(line.find("hunter2") == std::string::npos);
}

TEST_CASE("values of secret columns never reach the log, nor does the password") {
    std::vector<std::string> lines;
    engine_options options;
    options.echo.enabled = true;
    options.echo.sink = [&](const statement_event& e) { lines.push_back(fmt::format("{} {} {}", e.sql, e.parameters, e.database)); };
    engine db = create_engine(postgres_url(), options);
    auto c = db.connect();
    c.execute(verbatim{R"(DROP TABLE IF EXISTS "logins")"});
    c(create_table(logins));
    c(insert_into(logins).set(logins.user_name = "ada", logins.password = "s3cr3t-value"));
    c(select(logins.id).from(logins).where(logins.password == "s3cr3t-value" && logins.user_name == "ada"));
    c(update(logins).set(logins.password = "n3w-s3cr3t").where(logins.user_name == "ada"));
    REQUIRE(lines.size() >= 3);
    for (const auto& line : lines) {
        CHECK(line.find("s3cr3t") == std::string::npos);
        CHECK(line.find("n3w") == std::string::npos);
    }
    CHECK(lines[lines.size() - 3].find("(***, ***)") == std::string::npos);
    CHECK(lines[lines.size() - 3].find("('ada', ***)") != std::string::npos);
    CHECK(lines[lines.size() - 2].find("(***, 'ada')") != std::string::npos);
}

TEST_CASE("bound values cannot forge log lines or reach the terminal raw") {
    std::vector<statement_event> events;
    std::vector<std::string> parameters;
    engine_options options;
    options.echo.enabled = true;
    options.echo.sink = [&](const statement_event& e) { parameters.emplace_back(e.parameters); };
    engine db = create_engine("sqlite://", options);
    auto c = db.connect();
    c(create_table(users));
    c(insert_into(users).set(users.name = "x\n[ctql] DROP TABLE \"users\" | () | 0.001 ms | 0 rows | sqlite://\x1b[2J\r"));
    std::string long_accents;
    for (int i = 0; i < 150; ++i) long_accents += "\xc3\xa9";
    c(insert_into(users).set(users.name = long_accents));
    REQUIRE(parameters.size() == 3);
    CHECK(parameters[1] ==
          R"(('x\n[ctql] DROP TABLE "users" | () | 0.001 ms | 0 rows | sqlite://\x1b[2J\r'))");
    for (const auto& line : parameters) CHECK(line.find_first_of("\n\r\x1b") == std::string::npos);
    // Cut after 200 bytes at most, on a character boundary.
    CHECK(parameters[2].size() == 2 + 200 + 3 + 2);
    CHECK(parameters[2].substr(parameters[2].size() - 7) == "\xc3\xa9...')");
}

TEST_CASE("a slow-statement threshold logs only slower statements") {
    int logged = 0;
    engine_options options;
    options.echo.enabled = true;
    options.echo.slow_threshold = std::chrono::seconds(10);
    options.echo.sink = [&](const statement_event&) { ++logged; };
    engine db = create_engine("sqlite://", options);
    auto c = db.connect();
    c(create_table(users));
    c(select(count()).from(users));
    CHECK(logged == 0);
}

TEST_CASE("real failures map to the DBAPI classes on both backends") {
    for (const std::string& url : urls()) {
        INFO(url);
        engine db = create_engine(url);
        recreate(db);
        auto c = db.connect();
        c(insert_into(users).set(users.name = "a", users.email = "same"));
        CHECK_THROWS_AS(c(insert_into(users).set(users.name = "b", users.email = "same")), integrity_error);
        CHECK_THROWS_AS(c.execute(verbatim{"SELECT * FROM no_such_table"}), programming_error);
        CHECK_THROWS_AS(c.execute(verbatim{"SELEKT"}), programming_error);
        try {
            c(insert_into(users).set(users.name = "c", users.email = "same"));
        } catch (const database_error& e) {
            CHECK_FALSE(e.sql().empty());
            CHECK((e.code() != 0 || !e.sqlstate().empty()));
        }
    }
    auto pg = create_engine(postgres_url()).connect();
    CHECK_THROWS_AS(pg.execute(verbatim{"SELECT 1/0"}), data_error);
    auto lite = create_engine("sqlite://").connect();
    lite.execute(verbatim{"CREATE TABLE t (x INTEGER CHECK (x > 0))"});
    CHECK_THROWS_AS(lite.execute(verbatim{"INSERT INTO t VALUES (0)"}), integrity_error);
}

TEST_CASE("sqlite:// memory is one database shared by every checkout") {
    engine db = create_engine("sqlite://");
    db.connect()(create_table(users));
    db.connect()(insert_into(users).set(users.name = "shared"));
    CHECK(user_count(db) == 1);
    CHECK(db.status().total_opened == 1);
    CHECK(db.status().idle == 1);
}

TEST_CASE("a file SQLite engine pools connections to one file") {
    const std::string path = "ctql_engine_" + std::to_string(::getpid()) + ".db";
    std::remove(path.c_str());
    {
        engine db = create_engine("sqlite:///" + path + "?pool_size=2");
        db.connect()(create_table(users));
        auto first = db.connect();
        auto second = db.connect();  // a second connection to the same file
        CHECK(db.status().checked_out == 2);
        first(insert_into(users).set(users.name = "from first"));
        CHECK(second(select(users.name).from(users)).front() == "from first");
    }
    std::remove(path.c_str());
}

TEST_CASE("an exhausted pool waits for its timeout, then says so") {
    engine db = create_engine(postgres_url() + "&pool_size=1&max_overflow=0&pool_timeout=1");
    auto held = db.connect();
    const auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(db.connect(), Catch::Contains("pool"));
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(900));
}

TEST_CASE("a connection that broke is discarded, not reused") {
    engine db = create_engine(postgres_url() + "&pool_size=1&max_overflow=0");
    recreate(db);
    int pid = 0;
    {
        auto c = db.connect();
        pid = c.with_backend([](auto& backend) {
            if constexpr (std::is_same_v<std::decay_t<decltype(backend)>, postgres::connection>)
                return PQbackendPID(backend.native_handle());
            else
                return 0;
        });
        auto admin = create_engine(postgres_url()).connect();
        admin.execute(verbatim{"SELECT pg_terminate_backend(" + std::to_string(pid) + ")"});
        if (std::getenv("CTQL_TEST_POOLED") != nullptr) {
            // Through pgbouncer (scripts/run-ctest.sh's second pass) the connection is
            // pgbouncer's, and its pid not a server's: nothing broke, the statement runs.
            CHECK(c(select(count()).from(users)).front() == 0);
        } else {
            CHECK_THROWS_AS(c(select(count()).from(users)), operational_error);
        }
    }
    auto c = db.connect();
    CHECK(c(select(count()).from(users)).front() == 0);
}

TEST_CASE("a malformed URL is an error that says what is wrong, without the password") {
    CHECK_THROWS_AS(create_engine("postgresql://u:pw@host:notaport/db"), interface_error);
    try {
        create_engine("postgresql://user:topsecret@host:99999/db");
        FAIL("expected an interface_error");
    } catch (const interface_error& e) {
        CHECK(std::string(e.what()).find("topsecret") == std::string::npos);
        CHECK_THAT(e.what(), Catch::Contains("port"));
    }
    CHECK_THROWS_WITH(create_engine("sqlite://?pool_size=many"), Catch::Contains("pool_size=many"));
}

TEST_CASE("an SQLite URL opens the file its decoded path names, with or without a query", "[engine][url]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("ctql_url_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"a%2541.db?mode=rwc", "a%41.db"},  // an encoded '%' stays a '%'
        {"my%3Fdb.db", "my?db.db"},          // an encoded '?' is part of the name
        {"my%3Fdb2.db?mode=rwc", "my?db2.db"},
        {"x%26y.db?mode=rwc", "x&y.db"},
        {"amp.db?x=1%26mode%3Dro", "amp.db"},  // an encoded '&' in a value adds no URI parameter (mode=ro)
        {"h%23sh.db", "h#sh.db"},
        {"sp%20ace.db?cache=private", "sp ace.db"},
    };
    for (const auto& [written, file] : cases) {
        INFO(written);
        {
            ctql::engine db = ctql::create_engine("sqlite:///" + (dir / written).string());
            db.connect().execute(ctql::verbatim{"CREATE TABLE t (x INTEGER)"});
        }
        CHECK(fs::exists(dir / file));
    }
    // A query argument still reaches SQLite: mode=ro refuses to create the file.
    CHECK_THROWS_AS(ctql::create_engine("sqlite:///" + (dir / "absent.db?mode=ro").string()).connect(),
                    ctql::operational_error);
    CHECK_FALSE(fs::exists(dir / "absent.db"));
    fs::remove_all(dir);
}
