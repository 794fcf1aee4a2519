// Rows mapped onto user structs adapted with Boost.Hana, and rows inserted from them.
#include <catch2/catch.hpp>

#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/define_struct.hpp>

#include <ctql/sqlite.hpp>

#include "../test_schema.hpp"

using namespace ctql;

namespace app {
struct user_summary {
    BOOST_HANA_DEFINE_STRUCT(user_summary, (std::string, name), (std::optional<std::string>, email), (double, score));
};

// Members in another order than the select list, and adapted from outside.
struct scored {
    double score;
    std::int64_t id;
};

// A NOT NULL column may fill an optional member.
struct loose {
    BOOST_HANA_DEFINE_STRUCT(loose, (std::optional<std::string>, name));
};

struct new_user {
    BOOST_HANA_DEFINE_STRUCT(new_user, (std::string, name), (double, score), (std::optional<std::string>, email));
};
}  // namespace app
BOOST_HANA_ADAPT_STRUCT(app::scored, score, id);

namespace {
sqlite::connection with_users() {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    std::vector<app::new_user> rows{{"Ada", 91.5, "ada@example.org"}, {"Bob", 40.0, std::nullopt}};
    db(insert_into(users).columns(users.name, users.score, users.email), rows);
    return db;
}
}  // namespace

TEST_CASE("a result maps onto a struct by member name") {
    auto db = with_users();
    std::vector<app::user_summary> people =
        db(select(users.name, users.email, users.score).from(users).order_by(users.id)).as<app::user_summary>().to_vector();
    REQUIRE(people.size() == 2);
    CHECK(people[0].name == "Ada");
    CHECK(people[0].email == std::optional<std::string>("ada@example.org"));
    CHECK(people[1].score == 40.0);
    CHECK_FALSE(people[1].email.has_value());
}

TEST_CASE("struct members may be declared in another order than the select list") {
    auto db = with_users();
    for (const app::scored& s : db(select(users.id, users.score).from(users).where(users.name == "Bob")).as<app::scored>()) {
        CHECK(s.id == 2);
        CHECK(s.score == 40.0);
    }
}

TEST_CASE("a NOT NULL column may fill an optional member") {
    auto db = with_users();
    CHECK(db(select(users.name).from(users).order_by(users.id)).as<app::loose>().front().name == "Ada");
}

TEST_CASE("rows insert from tuples and from adapted structs") {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    std::vector<std::tuple<std::string, double>> tuples{{"t1", 1.0}, {"t2", 2.0}};
    CHECK(db(insert_into(users).columns(users.name, users.score), tuples) == 2);
    std::vector<app::new_user> structs{{"s1", 3.0, std::nullopt}};
    CHECK(db(insert_into(users).columns(users.name, users.email, users.score), structs) == 1);
    CHECK(db(select(sum(users.score)).from(users)).front() == 6.0);
}

TEST_CASE("an empty range inserts nothing") {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    CHECK(db(insert_into(users).columns(users.name), std::vector<std::tuple<std::string>>{}) == 0);
}
