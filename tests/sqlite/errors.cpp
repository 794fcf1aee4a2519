// SQLite failures become exceptions that carry the SQL and the extended code.
#include <catch2/catch.hpp>

#include <ctql/sqlite.hpp>

#include "../test_schema.hpp"

using namespace ctql;

TEST_CASE("a unique violation is an integrity error with the SQL and extended code") {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    db(insert_into(users).set(users.name = "a", users.email = "same"));
    try {
        db(insert_into(users).set(users.name = "b", users.email = "same"));
        FAIL("expected an integrity_error");
    } catch (const integrity_error& e) {
        CHECK(e.code() == SQLITE_CONSTRAINT_UNIQUE);
        CHECK(e.sql() == R"(INSERT INTO "users" ("name", "email") VALUES (?, ?))");
        CHECK_THAT(e.what(), Catch::Contains("UNIQUE constraint failed: users.email"));
    }
    CHECK(db(select(count()).from(users)).front() == 1);
}

TEST_CASE("a foreign key violation is an integrity error") {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    db(create_table(orders));
    CHECK_THROWS_AS(db(insert_into(orders).set(orders.user_id = std::int64_t{42}, orders.total = 1.0)), integrity_error);
    CHECK(db(select(count()).from(orders)).front() == 0);
}

TEST_CASE("a statement against a missing table is a programming error naming the SQL") {
    sqlite::connection db{":memory:"};
    try {
        db(select(users.name).from(users));
        FAIL("expected a programming_error");
    } catch (const programming_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("no such table: users"));
        CHECK(e.sql() == R"(SELECT "users"."name" FROM "users")");
    }
}

TEST_CASE("reading NULL into a non-optional type is a data error naming the column") {
    sqlite::connection db{":memory:"};
    db.execute(verbatim{R"(CREATE TABLE "users" ("id" INTEGER PRIMARY KEY, "name" TEXT, "email" TEXT, "score" REAL, "active" INTEGER))"});
    db.execute(verbatim{R"(INSERT INTO "users" ("name") VALUES (NULL))"});
    CHECK_THROWS_AS(db(select(users.name).from(users)).front(), data_error);
    CHECK_THROWS_WITH(db(select(users.name).from(users)).front(), Catch::Contains("name"));
}

TEST_CASE("a failed row in a multi-row insert stores none of the rows") {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    std::vector<std::tuple<std::string, std::optional<std::string>>> rows{
        {"a", "x@example.org"}, {"b", "y@example.org"}, {"c", "x@example.org"}};
    CHECK_THROWS_AS(db(insert_into(users).columns(users.name, users.email), rows), integrity_error);
    CHECK(db(select(count()).from(users)).front() == 0);
    rows.pop_back();
    CHECK(db(insert_into(users).columns(users.name, users.email), rows) == 2);
    CHECK(db(select(count()).from(users)).front() == 2);
}

TEST_CASE("verbatim SQL errors are reported with their text") {
    sqlite::connection db{":memory:"};
    CHECK_THROWS_AS(db.execute(verbatim{"SELEKT 1"}), programming_error);
    CHECK_THROWS_WITH(db.execute(verbatim{"SELEKT 1"}), Catch::Contains("SELEKT 1"));
}
