// What is particular to running statements on SQLite: lazy results, rowids,
// file databases. The behaviour both backends share is tested once for both,
// in postgres/shared_behaviour.cpp.
#include <catch2/catch.hpp>

#include <ctql/sqlite.hpp>

#include "../test_schema.hpp"

using namespace ctql;

namespace {
sqlite::connection seeded() {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    db(create_table(orders));
    db(insert_into(users).set(users.name = "Ada", users.score = 91.5, users.email = "ada@example.org"));
    db(insert_into(users).set(users.name = "Bob", users.score = 40.0));
    db(insert_into(users).set(users.name = "Cy", users.score = 70.0, users.active = false));
    db(insert_into(orders).set(orders.user_id = std::int64_t{1}, orders.total = 10.0));
    db(insert_into(orders).set(orders.user_id = std::int64_t{1}, orders.total = 5.5, orders.note = "gift"));
    db(insert_into(orders).set(orders.user_id = std::int64_t{3}, orders.total = 1.0));
    return db;
}
}  // namespace

TEST_CASE("a parameter used twice binds the one argument at both places") {
    auto db = seeded();
    constexpr auto q = select(users.name).from(users).where(users.score > param<"x", double> && users.score < param<"x", double> + 30);
    CHECK(db(q, arg<"x">(60.0)).to_vector() == std::vector<std::string>{"Cy"});
}

TEST_CASE("front() on an empty result throws and first() returns nothing") {
    auto db = seeded();
    auto q = select(users.name).from(users).where(users.id == 99);
    CHECK_THROWS_AS(db(q).front(), interface_error);
    CHECK_FALSE(db(q).first().has_value());
}

TEST_CASE("an insert returns one changed row and the new key") {
    auto db = seeded();
    CHECK(db(insert_into(users).set(users.name = "Dee")) == 1);
    CHECK(db.last_insert_id() == 4);
    auto row = db(select(users.score, users.active).from(users).where(users.id == 4)).front();
    CHECK(row.score == 0.0);
    CHECK(row.active);
}

TEST_CASE("rows can be iterated lazily while the same query runs again") {
    auto db = seeded();
    constexpr auto q = select(users.id).from(users).order_by(users.id);
    std::vector<std::int64_t> pairs;
    for (std::int64_t outer : db(q))
        for (std::int64_t inner : db(q)) pairs.push_back(outer * 10 + inner);
    CHECK(pairs.size() == 9);
    CHECK(pairs.front() == 11);
    CHECK(pairs.back() == 33);
}

TEST_CASE("a file database keeps its rows across connections") {
    const std::string path = "ctql_test_file_" + std::to_string(::getpid()) + ".db";
    std::remove(path.c_str());
    {
        sqlite::connection db{path};
        db(create_table(users));
        db(insert_into(users).set(users.name = "persisted"));
    }
    {
        sqlite::connection db{path};
        CHECK(db(select(users.name).from(users)).front() == "persisted");
    }
    std::remove(path.c_str());
}

TEST_CASE("opening a database that cannot exist is an operational error") {
    CHECK_THROWS_AS(sqlite::connection("/nonexistent-dir/x/y.db"), operational_error);
    CHECK_THROWS_WITH(sqlite::connection("/nonexistent-dir/x/y.db"), Catch::Contains("cannot open SQLite database"));
}
