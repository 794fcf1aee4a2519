// Built with single_include/ on the include path and include/ absent from it:
// the five amalgamated headers can be included together, in any order, and
// each header they share is defined once.
#include <ctql/engine.hpp>
#include <ctql/pipeline.hpp>
#include <ctql/postgres.hpp>
#include <ctql/ctql.hpp>
#include <ctql/sqlite.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

CTQL_TABLE(notes,
    (id,   std::int64_t, ctql::primary_key),
    (body, std::string));

TEST_CASE("the five amalgamated headers included together run a statement on SQLite") {
    using namespace ctql;
    sqlite::connection db{":memory:"};
    db(create_table(notes));
    db(insert_into(notes).set(notes.body = "only"));
    const auto body = select(notes.body).from(notes).where(notes.id == param<"id", std::int64_t>);
    REQUIRE(db(body, arg<"id">(std::int64_t{1})).front() == "only");
    STATIC_REQUIRE(body.sql<dialect::postgres>() == R"(SELECT "notes"."body" FROM "notes" WHERE "notes"."id" = $1)");
}

TEST_CASE("the amalgamated pipeline header loads rows exactly once") {
    using namespace ctql;
    sqlite::connection db{":memory:"};
    db(create_table(notes));
    const std::vector<std::tuple<std::int64_t, std::string>> rows{{1, "a"}, {2, "b"}};
    REQUIRE(copy_to_table(db, notes, rows, {.update_id = "u"}).rows == 2);
    REQUIRE(copy_to_table(db, notes, rows, {.update_id = "u"}).already_loaded);
}
