// Rows print with fmt and compare with ==; a single-pass result read a
// second time says so instead of yielding nothing.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "../common/backends.hpp"

using namespace ctql;

TEMPLATE_TEST_CASE("rows print with fmt and compare with ==", "[both]", ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    db(insert_into(users).set(users.name = "Ada \"the\"\ncountess", users.score = 91.5));
    db(insert_into(users).set(users.name = "Bob", users.email = "bob@example.org"));
    const auto rows = db(select(users.id, users.name, users.email, users.score * 2.0, users.active).from(users).order_by(users.id)).to_vector();
    REQUIRE(rows.size() == 2);
    CHECK(fmt::format("{}", rows[0]) == R"({id: 1, name: "Ada ""the""\ncountess", email: NULL, 3: 183, active: true})");
    CHECK(fmt::format("{}", rows[1]) == R"({id: 2, name: "Bob", email: "bob@example.org", 3: 0, active: true})");
    const auto again = db(select(users.id, users.name, users.email, users.score * 2.0, users.active).from(users).order_by(users.id)).to_vector();
    CHECK(rows == again);
    CHECK_FALSE(rows[0] == rows[1]);
}

TEST_CASE("a SQLite result read twice says so") {
    auto db = ctql_test::fresh<ctql_test::sqlite_backend>();
    db(insert_into(users).set(users.name = "Ada"));
    db(insert_into(users).set(users.name = "Bob"));
    auto names = db(select(users.name).from(users));
    int first_pass = 0;
    for (const auto& name : names) {
        (void)name;
        ++first_pass;
    }
    CHECK(first_pass == 2);
    CHECK_THROWS_WITH(names.begin(), Catch::Contains("read already"));
    CHECK_THROWS_WITH(names.to_vector(), Catch::Contains("keep them with to_vector()"));
    auto once = db(select(users.name).from(users));
    CHECK(once.to_vector().size() == 2);
    CHECK_THROWS_WITH(once.to_vector(), Catch::Contains("read already"));
}

TEST_CASE("a PostgreSQL stream read twice says so") {
    auto db = ctql_test::fresh<ctql_test::postgres_backend>();
    db(insert_into(users).set(users.name = "Ada"));
    db(insert_into(users).set(users.name = "Bob"));
    auto names = db.stream(select(users.name).from(users));
    CHECK(names.to_vector().size() == 2);
    CHECK_THROWS_WITH(names.to_vector(), Catch::Contains("read already"));
    // A whole (non-streamed) result is held by the client and may be read again.
    auto whole = db(select(users.name).from(users));
    CHECK(whole.to_vector().size() == 2);
    CHECK(whole.to_vector().size() == 2);
}
