// SQL templates outside the subset resolved at compile time: inputs and
// outputs are declared, and the outputs are checked against what the
// database reports when the statement is first prepared. Also: a template
// runs unchanged on an engine's connection.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include <ctql/engine.hpp>
#include <ctql/pipeline/sql_template.hpp>

#include "../common/backends.hpp"
#include "../common/engines.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using Catch::Matchers::Contains;

namespace {
template <class Backend>
typename Backend::connection seeded() {
    auto db = ctql_test::fresh<Backend>();
    for (const auto& [name, score] : {std::pair{"Ada", 91.5}, {"Bob", 40.0}, {"Cy", 70.0}})
        db(insert_into(users).set(users.name = name, users.score = score));
    return db;
}

constexpr std::string_view rich_sql =
    "WITH rich AS (SELECT id, name FROM users WHERE score > :min) SELECT id, name FROM rich ORDER BY id";

// The message of the programming_error that f throws ("" when it throws none).
template <class F>
std::string refusal(F&& f) {
    try {
        f();
    } catch (const programming_error& e) {
        return e.what();
    }
    return "";
}

template <class... Outputs>
constexpr auto rich =
    sql_template<"WITH rich AS (SELECT id, name FROM users WHERE score > :min) SELECT id, name FROM rich ORDER BY id">(
        users)
        .inputs(param<"min", double>)
        .template returns<Outputs...>();
}  // namespace

TEMPLATE_TEST_CASE("declared outputs that match are read as typed rows", "[both][template]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto q = rich<result_column<"id", std::int64_t>, result_column<"name", std::string>>;
    STATIC_REQUIRE(!decltype(q)::resolved);
    STATIC_REQUIRE(decltype(q)::text == rich_sql);
    ctql_test::check_same_rows(
        db, q, "WITH rich AS (SELECT id, name FROM users WHERE score > 60) SELECT id, name FROM rich ORDER BY id",
        arg<"min">(60.0));
    const auto rows = db(q, arg<"min">(60.0)).to_vector();
    REQUIRE(rows.size() == 2);
    CHECK(get<"name">(rows[1]) == "Cy");
}

TEMPLATE_TEST_CASE("declared outputs of the wrong count fail at first prepare", "[both][template]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto q = rich<result_column<"id", std::int64_t>>;
    CHECK_THAT(refusal([&] { db(q, arg<"min">(60.0)); }), Contains("declares 1 outputs") && Contains("reports 2"));
    // Still refused on the next call: a failed check is not remembered as passed.
    CHECK_THROWS_AS(db(q, arg<"min">(60.0)), programming_error);
}

TEMPLATE_TEST_CASE("a declared output of another name fails naming both", "[both][template]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto q = rich<result_column<"id", std::int64_t>, result_column<"full_name", std::string>>;
    CHECK_THAT(refusal([&] { db(q, arg<"min">(60.0)); }), Contains("\"full_name\"") && Contains("names it \"name\""));
}

TEMPLATE_TEST_CASE("a declared output of another type fails naming the column and both types", "[both][template]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto q = rich<result_column<"id", std::int64_t>, result_column<"name", std::int64_t>>;
    CHECK_THAT(refusal([&] { db(q, arg<"min">(60.0)); }),
               Contains("output \"name\"") && Contains("std::int64_t") && Contains("text", Catch::CaseSensitive::No));
    // The connection is still usable, and the matching declaration passes.
    constexpr auto good = rich<result_column<"id", std::int64_t>, result_column<"name", std::string>>;
    CHECK(db(good, arg<"min">(0.0)).to_vector().size() == 3);
}

TEMPLATE_TEST_CASE("a write outside the subset runs with declared inputs", "[both][template]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto upsert = sql_template<
        "INSERT INTO users (id, name, score) VALUES (:id, :name, :score) "
        "ON CONFLICT (id) DO UPDATE SET score = excluded.score">(users)
                                .inputs(param<"id", std::int64_t>, param<"name", std::string>, param<"score", double>);
    STATIC_REQUIRE(!decltype(upsert)::resolved);
    CHECK(db(upsert, arg<"id">(std::int64_t{2}), arg<"name">("Bob"), arg<"score">(99.0)) == 1);
    CHECK(ctql_test::raw_rows(db, "SELECT name FROM users WHERE score > 95") ==
          std::vector<ctql_test::raw_row>{{"Bob"}});
}

TEST_CASE("a template runs on an engine's connection, SQLite and PostgreSQL", "[template][engine]") {
    constexpr auto q = sql_template<"SELECT name FROM users WHERE score > :min ORDER BY name">(users);
    constexpr auto add = sql_template<"INSERT INTO users (name, score) VALUES (:name, :score)">(users);
    for (const std::string& url : {std::string("sqlite://"), ctql_test::postgres_url()}) {
        INFO(url);
        engine db = create_engine(url);
        ctql_test::recreate(db);
        auto c = db.connect();
        CHECK(c(add, arg<"name">("Ada"), arg<"score">(91.5)) == 1);
        CHECK(c(add, arg<"name">("Bob"), arg<"score">(40.0)) == 1);
        const auto names = c(q, arg<"min">(50.0));
        REQUIRE(names.size() == 1);
        CHECK(names.front() == "Ada");
    }
}

TEMPLATE_TEST_CASE("INSERT ... RETURNING declares its outputs and returns its rows", "[both][template]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto add = sql_template<"INSERT INTO users (name, score) VALUES (:name, :score) RETURNING id, name">(users)
                             .inputs(param<"name", std::string>, param<"score", double>)
                             .template returns<result_column<"id", std::int64_t>, result_column<"name", std::string>>();
    const auto rows = db(add, arg<"name">("Dee"), arg<"score">(1.0));
    REQUIRE(rows.size() == 1);
    CHECK(get<"id">(rows[0]) == 4);
    CHECK(get<"name">(rows[0]) == "Dee");
    CHECK(ctql_test::raw_rows(db, "SELECT COUNT(*) FROM users").front().front() == "4");
}
