// Built with single_include/ on the include path and include/ absent from it:
// the four amalgamated headers can be included together, in any order, and
// each header they share is defined once.
#include <ctql/engine.hpp>
#include <ctql/postgres.hpp>
#include <ctql/ctql.hpp>
#include <ctql/sqlite.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

CTQL_TABLE(notes,
    (id,   std::int64_t, ctql::primary_key),
    (body, std::string));

TEST_CASE("the four amalgamated headers included together run a statement on SQLite") {
    using namespace ctql;
    sqlite::connection db{":memory:"};
    db(create_table(notes));
    db(insert_into(notes).set(notes.body = "only"));
    const auto body = select(notes.body).from(notes).where(notes.id == param<"id", std::int64_t>);
    REQUIRE(db(body, arg<"id">(std::int64_t{1})).front() == "only");
    STATIC_REQUIRE(body.sql<dialect::postgres>() == R"(SELECT "notes"."body" FROM "notes" WHERE "notes"."id" = $1)");
}
