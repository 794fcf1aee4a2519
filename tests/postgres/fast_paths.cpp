// PostgreSQL's fast paths: COPY for bulk loads, pipeline batches, streamed results.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include "../common/backends.hpp"

using namespace ctql;

namespace {
postgres::connection fresh() { return ctql_test::fresh<ctql_test::postgres_backend>(); }

struct new_order {
    BOOST_HANA_DEFINE_STRUCT(new_order, (std::int64_t, user_id), (double, total), (std::optional<std::string>, note));
};
}  // namespace

TEST_CASE("a COPY load converts values to the column types and keeps NULLs") {
    auto db = fresh();
    db(insert_into(users).set(users.name = "owner"));
    std::vector<new_order> rows;
    for (int i = 0; i < 50000; ++i)
        rows.push_back({1, i * 0.25, i % 2 == 0 ? std::optional<std::string>() : std::optional<std::string>("n" + std::to_string(i))});
    CHECK(db(insert_into(orders).columns(orders.user_id, orders.total, orders.note), rows) == 50000);
    CHECK(db(select(count()).from(orders).where(orders.note.is_null())).front() == 25000);
    CHECK(db(select(sum(orders.total)).from(orders)).front() == std::optional<double>(312493750.0));
    // int literals for a BIGINT column and floats for a DOUBLE column are widened before COPY.
    std::vector<std::tuple<int, float>> narrow{{1, 1.5f}};
    CHECK(db(insert_into(orders).columns(orders.user_id, orders.total), narrow) == 1);
}

TEST_CASE("a COPY load with a bad row stores nothing and names the problem") {
    auto db = fresh();
    db(insert_into(users).set(users.name = "owner"));
    std::vector<std::tuple<std::int64_t, double>> rows{{1, 1.0}, {1, 2.0}, {999, 3.0}};
    try {
        db(insert_into(orders).columns(orders.user_id, orders.total), rows);
        FAIL("expected an integrity_error");
    } catch (const integrity_error& e) {
        CHECK(e.sqlstate() == "23503");
        CHECK_THAT(e.sql(), Catch::Contains("COPY \"orders\""));
    }
    CHECK(db(select(count()).from(orders)).front() == 0);
    CHECK(db(select(count()).from(users)).front() == 1);  // the connection still works
}

TEST_CASE("a pipeline sends many statements and confirms them with one sync") {
    auto db = fresh();
    constexpr auto add = insert_into(users).set(users.name = param<"name", std::string>, users.score = param<"score", double>);
    std::vector<std::string> names;
    for (int i = 0; i < 20000; ++i) names.push_back("p" + std::to_string(i));
    std::vector<std::int64_t> changed;
    {
        auto batch = db.pipeline();
        for (int i = 0; i < 20000; ++i) batch(add, arg<"name">(names[i]), arg<"score">(i));
        changed = batch.sync();
    }
    CHECK(changed.size() == 20000);
    CHECK(std::all_of(changed.begin(), changed.end(), [](std::int64_t n) { return n == 1; }));
    CHECK(db(select(count()).from(users)).front() == 20000);
}

TEST_CASE("a failing statement in a pipeline throws at sync and its batch is rolled back") {
    auto db = fresh();
    {
        auto batch = db.pipeline();
        batch(insert_into(users).set(users.name = "a", users.email = "same@x"));
        batch(insert_into(users).set(users.name = "b", users.email = "same@x"));
        batch(insert_into(users).set(users.name = "c"));
        try {
            batch.sync();
            FAIL("expected an integrity_error");
        } catch (const integrity_error& e) {
            CHECK(e.sqlstate() == "23505");
        }
    }
    // Up to a sync the batch is one implicit transaction: nothing stays.
    CHECK(db(select(count()).from(users)).front() == 0);
    db(insert_into(users).set(users.name = "after"));
    CHECK(db(select(count()).from(users)).front() == 1);
}

TEST_CASE("a streamed result reads rows one at a time") {
    auto db = fresh();
    std::vector<std::tuple<std::string, double>> rows;
    for (int i = 0; i < 10000; ++i) rows.emplace_back("s" + std::to_string(i), i);
    db(insert_into(users).columns(users.name, users.score), rows);
    double total = 0;
    std::int64_t count_rows = 0;
    for (const auto& [id, score] : db.stream(select(users.id, users.score).from(users))) {
        total += score;
        ++count_rows;
        (void)id;
    }
    CHECK(count_rows == 10000);
    CHECK(total == 49995000.0);
}

TEST_CASE("leaving a stream early cancels it and frees the connection") {
    auto db = fresh();
    std::vector<std::tuple<std::string>> rows;
    for (int i = 0; i < 5000; ++i) rows.emplace_back("s" + std::to_string(i));
    db(insert_into(users).columns(users.name), rows);
    {
        auto s = db.stream(select(users.name).from(users));
        CHECK_THROWS_AS(db(select(count()).from(users)), interface_error);
        int seen = 0;
        for (const auto& name : s) {
            (void)name;
            if (++seen == 10) break;
        }
    }
    CHECK(db(select(count()).from(users)).front() == 5000);
}

TEST_CASE("statements are prepared once per connection") {
    auto db = fresh();
    const std::size_t before = db.prepared_statements();
    for (int i = 0; i < 50; ++i) db(insert_into(users).set(users.name = "x", users.score = double(i)));
    CHECK(db.prepared_statements() == before + 1);
}
