// Running statements on SQLite: typed rows, named access, NULLs, counts.
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

TEST_CASE("selected rows have named members, positions and names") {
    auto db = seeded();
    auto rows = db(select(users.id, users.name, users.email).from(users).order_by(users.id)).to_vector();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].id == 1);
    CHECK(rows[0].name == "Ada");
    CHECK(rows[0].email == std::optional<std::string>("ada@example.org"));
    CHECK(rows[1].email == std::nullopt);
    CHECK(get<1>(rows[2]) == "Cy");
    CHECK(get<"name">(rows[2]) == "Cy");
    const auto& [id, name, email] = rows[1];
    CHECK(id == 2);
    CHECK(name == "Bob");
    CHECK_FALSE(email.has_value());
}

TEST_CASE("a named parameter is bound at the call") {
    auto db = seeded();
    constexpr auto q = select(users.name).from(users).where(users.score > param<"min", double>).order_by(users.name);
    CHECK(db(q, arg<"min">(50.0)).to_vector() == std::vector<std::string>{"Ada", "Cy"});
    CHECK(db(q, arg<"min">(80)).to_vector() == std::vector<std::string>{"Ada"});
    CHECK(db(q, arg<"min">(100.0)).empty());
}

TEST_CASE("a parameter used twice binds the one argument at both places") {
    auto db = seeded();
    constexpr auto q = select(users.name).from(users).where(users.score > param<"x", double> && users.score < param<"x", double> + 30);
    CHECK(db(q, arg<"x">(60.0)).to_vector() == std::vector<std::string>{"Cy"});
}

TEST_CASE("a single-column select yields bare values") {
    auto db = seeded();
    const std::int64_t n = db(select(count(users.id)).from(users)).front();
    CHECK(n == 3);
    std::vector<std::optional<std::string>> emails = db(select(users.email).from(users).order_by(users.id)).to_vector();
    CHECK(emails == std::vector<std::optional<std::string>>{"ada@example.org", std::nullopt, std::nullopt});
}

TEST_CASE("front() on an empty result throws and first() returns nothing") {
    auto db = seeded();
    auto q = select(users.name).from(users).where(users.id == 99);
    CHECK_THROWS_AS(db(q).front(), interface_error);
    CHECK_FALSE(db(q).first().has_value());
}

TEST_CASE("aggregates over no rows are NULL") {
    auto db = seeded();
    auto [total, mean, low] = db(select(sum(orders.total), avg(orders.total), min(orders.total)).from(orders).where(orders.total > 1000)).front();
    CHECK_FALSE(total.has_value());
    CHECK_FALSE(mean.has_value());
    CHECK_FALSE(low.has_value());
}

TEST_CASE("joins, grouping and having") {
    auto db = seeded();
    auto rows = db(select(users.name, count(orders.id), sum(orders.total))
                       .from(users)
                       .join(orders).on(orders.user_id == users.id)
                       .group_by(users.name)
                       .having(count(orders.id) >= 1)
                       .order_by(users.name))
                    .to_vector();
    REQUIRE(rows.size() == 2);
    CHECK(get<0>(rows[0]) == "Ada");
    CHECK(get<1>(rows[0]) == 2);
    CHECK(get<2>(rows[0]) == std::optional<double>(15.5));
    CHECK(get<0>(rows[1]) == "Cy");
}

TEST_CASE("a left join reads missing rows as nullopt") {
    auto db = seeded();
    auto rows = db(select(users.name, orders.total)
                       .from(users)
                       .left_join(orders).on(orders.user_id == users.id)
                       .where(users.name == "Bob"))
                    .to_vector();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].total == std::nullopt);
}

TEST_CASE("like, in, between and null tests filter") {
    auto db = seeded();
    auto names = [&](const auto& q) { return db(q).to_vector(); };
    using v = std::vector<std::string>;
    CHECK(names(select(users.name).from(users).where(users.name.like("A%"))) == v{"Ada"});
    CHECK(names(select(users.name).from(users).where(users.id.in(1, 3)).order_by(users.id)) == v{"Ada", "Cy"});
    CHECK(names(select(users.name).from(users).where(users.score.between(50, 80))) == v{"Cy"});
    CHECK(names(select(users.name).from(users).where(users.email.is_null()).order_by(users.name.desc())) == v{"Cy", "Bob"});
    CHECK(names(select(users.name).from(users).where(!users.active)) == v{"Cy"});
}

TEST_CASE("limit and offset page through rows") {
    auto db = seeded();
    auto page = [&](std::int64_t n, std::int64_t skip) {
        return db(select(users.id).from(users).order_by(users.id).limit(n).offset(skip)).to_vector();
    };
    CHECK(page(2, 0) == std::vector<std::int64_t>{1, 2});
    CHECK(page(2, 2) == std::vector<std::int64_t>{3});
    CHECK(db(select(users.id).from(users).order_by(users.id).offset<1>()).to_vector() == std::vector<std::int64_t>{2, 3});
    CHECK(db(select(users.id).from(users).order_by(users.id.desc()).limit<1>()).front() == 3);
}

TEST_CASE("distinct removes duplicate rows") {
    auto db = seeded();
    CHECK(db(select(orders.user_id).from(orders).distinct().order_by(orders.user_id)).to_vector() == std::vector<std::int64_t>{1, 3});
}

TEST_CASE("update and delete return the number of rows changed") {
    auto db = seeded();
    CHECK(db(update(users).set(users.score = users.score + 1).where(users.score < 80)) == 2);
    CHECK(db(select(users.score).from(users).where(users.name == "Bob")).front() == 41.0);
    CHECK(db(update(users).set(users.email = null).all_rows()) == 3);
    CHECK(db(delete_from(orders).where(orders.total < 2)) == 1);
    CHECK(db(delete_from(orders).all_rows()) == 2);
    CHECK(db(select(count()).from(orders)).front() == 0);
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
