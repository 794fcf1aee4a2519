// One test body, run on both backends: the same statements give the same rows.
#include <catch2/catch.hpp>

#include "../common/backends.hpp"

using namespace ctql;
using ctql_test::postgres_backend;
using ctql_test::sqlite_backend;

namespace {
template <class Connection>
void seed(Connection& db) {
    db(insert_into(users).set(users.name = "Ada", users.score = 91.5, users.email = "ada@example.org"));
    db(insert_into(users).set(users.name = "Bob", users.score = 40.0));
    db(insert_into(users).set(users.name = "Cy", users.score = 70.0, users.active = false));
    db(insert_into(orders).set(orders.user_id = std::int64_t{1}, orders.total = 10.0));
    db(insert_into(orders).set(orders.user_id = std::int64_t{1}, orders.total = 5.5, orders.note = "gift"));
    db(insert_into(orders).set(orders.user_id = std::int64_t{3}, orders.total = 1.0));
}
}  // namespace

TEMPLATE_TEST_CASE("typed rows with named members and structured bindings", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    seed(db);
    auto rows = db(select(users.id, users.name, users.email).from(users).order_by(users.id)).to_vector();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].id == 1);
    CHECK(rows[0].name == "Ada");
    CHECK(rows[0].email == std::optional<std::string>("ada@example.org"));
    CHECK_FALSE(rows[1].email.has_value());
    const auto& [id, name, email] = rows[2];
    CHECK(id == 3);
    CHECK(name == "Cy");
    CHECK_FALSE(email.has_value());
    CHECK(get<"name">(rows[1]) == "Bob");
    CHECK(get<1>(rows[2]) == "Cy");
}

TEMPLATE_TEST_CASE("named parameters, aggregates and single values", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    seed(db);
    constexpr auto above = select(users.name).from(users).where(users.score > param<"min", double>).order_by(users.name);
    CHECK(db(above, arg<"min">(50.0)).to_vector() == std::vector<std::string>{"Ada", "Cy"});
    CHECK(db(above, arg<"min">(80)).to_vector() == std::vector<std::string>{"Ada"});
    CHECK(db(above, arg<"min">(100.0)).empty());
    CHECK(db(select(count(users.id)).from(users)).front() == 3);
    CHECK(db(select(users.email).from(users).order_by(users.id)).to_vector() ==
          std::vector<std::optional<std::string>>{"ada@example.org", std::nullopt, std::nullopt});
    CHECK(db(select(sum(orders.total)).from(orders)).front() == std::optional<double>(16.5));
    CHECK(db(select(max(orders.total)).from(orders).where(orders.total > 100)).front() == std::nullopt);
    const auto [total, mean, low] =
        db(select(sum(orders.total), avg(orders.total), min(orders.total)).from(orders).where(orders.total > 1000)).front();
    CHECK_FALSE(total.has_value());
    CHECK_FALSE(mean.has_value());
    CHECK_FALSE(low.has_value());
}

TEMPLATE_TEST_CASE("joins, grouping, having, paging and distinct", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    seed(db);
    auto spent = db(select(users.name, count(orders.id), sum(orders.total))
                        .from(users)
                        .join(orders).on(orders.user_id == users.id)
                        .group_by(users.name)
                        .having(count(orders.id) >= 1)
                        .order_by(users.name))
                     .to_vector();
    REQUIRE(spent.size() == 2);
    CHECK(get<0>(spent[0]) == "Ada");
    CHECK(get<1>(spent[0]) == 2);
    CHECK(get<2>(spent[0]) == std::optional<double>(15.5));
    auto missing = db(select(users.name, orders.total).from(users).left_join(orders).on(orders.user_id == users.id).where(users.name == "Bob")).to_vector();
    REQUIRE(missing.size() == 1);
    CHECK_FALSE(missing[0].total.has_value());
    CHECK(db(select(users.id).from(users).order_by(users.id).limit(2).offset(1)).to_vector() == std::vector<std::int64_t>{2, 3});
    CHECK(db(select(users.id).from(users).order_by(users.id).offset<2>()).to_vector() == std::vector<std::int64_t>{3});
    CHECK(db(select(users.id).from(users).order_by(users.id).limit(2).offset(0)).to_vector() == std::vector<std::int64_t>{1, 2});
    CHECK(db(select(users.id).from(users).order_by(users.id).limit(2).offset(2)).to_vector() == std::vector<std::int64_t>{3});
    CHECK(db(select(users.id).from(users).order_by(users.id).offset<1>()).to_vector() == std::vector<std::int64_t>{2, 3});
    CHECK(db(select(users.id).from(users).order_by(users.id.desc()).limit<1>()).front() == 3);
    CHECK(db(select(orders.user_id).from(orders).distinct().order_by(orders.user_id)).to_vector() == std::vector<std::int64_t>{1, 3});
}

TEMPLATE_TEST_CASE("predicates filter the same on both backends", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    seed(db);
    using v = std::vector<std::string>;
    CHECK(db(select(users.name).from(users).where(users.name.like("A%"))).to_vector() == v{"Ada"});
    CHECK(db(select(users.name).from(users).where(users.id.in(1, 3)).order_by(users.id)).to_vector() == v{"Ada", "Cy"});
    CHECK(db(select(users.name).from(users).where(users.score.between(50, 80))).to_vector() == v{"Cy"});
    CHECK(db(select(users.name).from(users).where(users.email.is_null()).order_by(users.name.desc())).to_vector() == v{"Cy", "Bob"});
    CHECK(db(select(users.name).from(users).where(!users.active)).to_vector() == v{"Cy"});
    CHECK(db(select(users.name).from(users).where(users.id % 2 == 0)).to_vector() == v{"Bob"});
}

TEMPLATE_TEST_CASE("update and delete count changed rows", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    seed(db);
    CHECK(db(update(users).set(users.score = users.score + 1).where(users.score < 80)) == 2);
    CHECK(db(select(users.score).from(users).where(users.name == "Bob")).front() == 41.0);
    CHECK(db(update(users).set(users.email = null).all_rows()) == 3);
    CHECK(db(delete_from(orders).where(orders.total < 2)) == 1);
    CHECK(db(delete_from(orders).all_rows()) == 2);
    CHECK(db(select(count()).from(orders)).front() == 0);
}

TEMPLATE_TEST_CASE("rows load in bulk from tuples and structs, all or nothing", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    std::vector<std::tuple<std::string, double, std::optional<std::string>>> rows;
    for (int i = 0; i < 1000; ++i) rows.emplace_back("user" + std::to_string(i), i * 0.5, i % 3 == 0 ? std::optional<std::string>() : "u" + std::to_string(i) + "@x");
    CHECK(db(insert_into(users).columns(users.name, users.score, users.email), rows) == 1000);
    CHECK(db(select(count()).from(users)).front() == 1000);
    CHECK(db(select(sum(users.score)).from(users)).front() == std::optional<double>(249750.0));
    // A duplicate email in the last row: nothing of this batch stays.
    std::vector<std::tuple<std::string, double, std::optional<std::string>>> bad{{"x", 1.0, "fresh@x"}, {"y", 2.0, "u1@x"}};
    CHECK_THROWS_AS(db(insert_into(users).columns(users.name, users.score, users.email), bad), integrity_error);
    CHECK(db(select(count()).from(users)).front() == 1000);
    CHECK(db(select(count()).from(users).where(users.email == "fresh@x")).front() == 0);
}

TEMPLATE_TEST_CASE("a unique violation is an integrity error and loses nothing", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    seed(db);
    try {
        db(insert_into(users).set(users.name = "Eve", users.email = "ada@example.org"));
        FAIL("expected an integrity_error");
    } catch (const integrity_error& e) {
        CHECK(e.sql().find(R"(INSERT INTO "users" ("name", "email") VALUES)") == 0);
        CHECK_THAT(std::string(e.what()), Catch::Contains("unique", Catch::CaseSensitive::No));
    }
    CHECK(db(select(count()).from(users)).front() == 3);
}
