// The write forms on both backends: INSERT ... SELECT, upsert, RETURNING
// (single statements and bulk inserts), UPDATE ... FROM, DELETE ... USING
// and UPDATE with a subquery value. Each checks the table afterwards with
// raw SQL, so that what ctql wrote is what the database holds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using ctql_test::raw_rows;

CTQL_TABLE(archived_users,
    (id,    std::int64_t, ctql::primary_key),
    (name,  std::string),
    (score, double));

// A key over two columns, declared with the table.
CTQL_TABLE(stock,
    (shop,  std::int64_t),
    (item,  std::string),
    (count, std::int64_t));
CTQL_TABLE_CONSTRAINTS(stock, ctql::primary_key(stock.shop, stock.item));

namespace {
using text_rows = std::vector<ctql_test::raw_row>;

template <class Backend>
typename Backend::connection seeded() {
    auto db = Backend::open();
    ctql_test::recreate(db, users, orders, archived_users, stock);
    for (const auto& [name, email, score] : {std::tuple{"Ada", "ada@x", 91.5}, {"Bob", "bob@x", 40.0}, {"Cy", "cy@x", 70.0}})
        db(insert_into(users).set(users.name = name, users.email = email, users.score = score));
    for (const auto& [user, total] : {std::pair{1, 10.0}, {1, 150.0}, {3, 20.0}})
        db(insert_into(orders).set(orders.user_id = std::int64_t{user}, orders.total = total));
    return db;
}

}  // namespace

TEMPLATE_TEST_CASE("INSERT ... SELECT copies the query's rows", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    const auto copied = db(insert_into(archived_users)
                               .columns(archived_users.id, archived_users.name, archived_users.score)
                               .select(select(users.id, users.name, users.score).from(users).where(users.score < param<"below", double>)),
                           arg<"below">(80.0));
    CHECK(copied == 2);
    CHECK(raw_rows(db, "SELECT id, name FROM archived_users ORDER BY id") ==
          text_rows{{"2", "Bob"}, {"3", "Cy"}});
}

TEMPLATE_TEST_CASE("ON CONFLICT DO NOTHING skips a taken key; DO UPDATE merges with excluded", "[both]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    CHECK(db(insert_into(users).set(users.name = "Ada again", users.email = "ada@x").on_conflict(users.email).do_nothing()) == 0);
    CHECK(db(insert_into(users).set(users.name = "Dee", users.email = "dee@x").on_conflict_do_nothing()) == 1);

    constexpr auto add_score = insert_into(users)
                                   .set(users.id = param<"id", std::int64_t>, users.name = param<"name", std::string>,
                                        users.score = param<"score", double>)
                                   .on_conflict(users.id)
                                   .do_update(users.score = users.score + excluded(users.score))
                                   .where(users.active);
    CHECK(db(add_score, arg<"id">(std::int64_t{2}), arg<"name">("Bob"), arg<"score">(5.0)) == 1);
    CHECK(db(add_score, arg<"id">(std::int64_t{9}), arg<"name">("Nine"), arg<"score">(1.0)) == 1);
    db(update(users).set(users.active = false).where(users.id == 3));
    CHECK(db(add_score, arg<"id">(std::int64_t{3}), arg<"name">("Cy"), arg<"score">(100.0)) == 0);  // the WHERE refused it
    // By name: PostgreSQL's sequence counts the skipped insert, SQLite's rowid does not.
    CHECK(raw_rows(db, "SELECT name, CAST(score * 10 AS INTEGER) FROM users ORDER BY name") ==
          text_rows{{"Ada", "915"}, {"Bob", "450"}, {"Cy", "700"}, {"Dee", "0"}, {"Nine", "10"}});
}

TEMPLATE_TEST_CASE("INSERT ... SELECT with ON CONFLICT updates the rows already there", "[both]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    db(insert_into(archived_users).set(archived_users.id = 1, archived_users.name = "old", archived_users.score = 0.0));
    const auto merged = db(insert_into(archived_users)
                               .columns(archived_users.id, archived_users.name, archived_users.score)
                               .select(select(users.id, users.name, users.score).from(users))
                               .on_conflict(archived_users.id)
                               .do_update(archived_users.name = excluded(archived_users.name)));
    CHECK(merged == 3);
    CHECK(raw_rows(db, "SELECT id, name, CAST(score AS INTEGER) FROM archived_users ORDER BY id") ==
          text_rows{{"1", "Ada", "0"}, {"2", "Bob", "40"}, {"3", "Cy", "70"}});
}

TEMPLATE_TEST_CASE("RETURNING gives the written rows, typed", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    const std::vector<std::int64_t> ids = db(insert_into(users).set(users.name = "Dee").returning(users.id));
    CHECK(ids == std::vector<std::int64_t>{4});

    const auto raised = db(update(users).set(users.score = users.score + 1.0).where(users.score > 60.0).returning(users.id, users.score));
    REQUIRE(raised.size() == 2);
    std::vector<std::pair<std::int64_t, double>> got;
    for (const auto& r : raised) got.emplace_back(r.id, r.score);
    std::sort(got.begin(), got.end());
    CHECK(got == std::vector<std::pair<std::int64_t, double>>{{1, 92.5}, {3, 71.0}});

    const auto removed = db(delete_from(orders).where(orders.total < 100.0).returning(orders.id, orders.note));
    CHECK(removed.size() == 2);
    for (const auto& r : removed) CHECK_FALSE(r.note.has_value());
    CHECK(raw_rows(db, "SELECT id FROM orders") == text_rows{{"2"}});

    // DO NOTHING returns no row for the skipped insert.
    CHECK(db(insert_into(users).set(users.name = "Ada", users.email = "ada@x").on_conflict(users.email).do_nothing().returning(users.id)).empty());
}

TEMPLATE_TEST_CASE("bulk inserts with ON CONFLICT and RETURNING: every row, or none with the failing row named",
                   "[both]", ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    const std::vector<std::tuple<std::string, std::string>> people{{"Ada", "ada@x"}, {"Eve", "eve@x"}, {"Fay", "fay@x"}};
    CHECK(db(insert_into(users).columns(users.name, users.email).on_conflict(users.email).do_nothing(), people) == 2);

    const std::vector<std::tuple<std::string, std::string>> more{{"Gil", "gil@x"}, {"Hal", "hal@x"}};
    const auto ids = db(insert_into(users).columns(users.name, users.email).returning(users.id, users.email), more);
    REQUIRE(ids.size() == 2);
    CHECK(ids[0].email == "gil@x");
    CHECK(ids[1].id == ids[0].id + 1);

    // Row 1 (counting from 0) takes id 1, a key ON CONFLICT (email) does not cover: nothing of the batch stays.
    const std::vector<std::tuple<std::int64_t, std::string, std::string>> bad{{50, "Ivy", "ivy@x"}, {1, "Jon", "jon@x"}, {52, "Kim", "kim@x"}};
    const auto before = raw_rows(db, "SELECT COUNT(*) FROM users");
    try {
        db(insert_into(users).columns(users.id, users.name, users.email).on_conflict(users.email).do_nothing(), bad);
        FAIL("the taken id was accepted");
    } catch (const database_error& e) {
        INFO(e.what());
        CHECK(e.row() == 1);
        CHECK(std::string(e.what()).find("ROW: 1") != std::string::npos);
    }
    CHECK(raw_rows(db, "SELECT COUNT(*) FROM users") == before);
}

TEMPLATE_TEST_CASE("UPDATE ... FROM and DELETE ... USING read another table", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    CHECK(db(update(orders).set(orders.note = users.name).from(users).where(orders.user_id == users.id && users.score > 60.0)) == 3);
    CHECK(raw_rows(db, "SELECT id, note FROM orders ORDER BY id") == text_rows{{"1", "Ada"}, {"2", "Ada"}, {"3", "Cy"}});

    CHECK(db(delete_from(orders).using_(users).where(orders.user_id == users.id && users.name == param<"who", std::string>),
             arg<"who">("Cy")) == 1);
    CHECK(raw_rows(db, "SELECT id FROM orders ORDER BY id") == text_rows{{"1"}, {"2"}});
}

TEMPLATE_TEST_CASE("UPDATE with a subquery value", "[both]", ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    CHECK(db(update(users)
                 .set(users.score = coalesce(select(max(orders.total)).from(orders).where(orders.user_id == users.id), 0.0))
                 .all_rows()) == 3);
    CHECK(raw_rows(db, "SELECT id, CAST(score AS INTEGER) FROM users ORDER BY id") ==
          text_rows{{"1", "150"}, {"2", "0"}, {"3", "20"}});
}

TEMPLATE_TEST_CASE("an upsert on a key of two columns declared with the table", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto add = insert_into(stock)
                             .set(stock.shop = param<"shop", std::int64_t>, stock.item = param<"item", std::string>,
                                  stock.count = param<"count", std::int64_t>)
                             .on_conflict(stock.item, stock.shop)  // any order of the key's columns
                             .do_update(stock.count = stock.count + excluded(stock.count))
                             .returning(stock.count);
    CHECK(db(add, arg<"shop">(std::int64_t{1}), arg<"item">("pen"), arg<"count">(std::int64_t{3})) == std::vector<std::int64_t>{3});
    CHECK(db(add, arg<"shop">(std::int64_t{1}), arg<"item">("pen"), arg<"count">(std::int64_t{4})) == std::vector<std::int64_t>{7});
    CHECK(db(add, arg<"shop">(std::int64_t{2}), arg<"item">("pen"), arg<"count">(std::int64_t{1})) == std::vector<std::int64_t>{1});
    CHECK(raw_rows(db, "SELECT shop, item, count FROM stock ORDER BY shop") == text_rows{{"1", "pen", "7"}, {"2", "pen", "1"}});
}
