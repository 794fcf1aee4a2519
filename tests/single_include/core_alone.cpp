// Built with single_include/ on the include path and include/ absent from it:
// the core header stands on its own (no backend, no database library).
#include <ctql/ctql.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include <fmt/format.h>

CTQL_TABLE(notes,
    (id,   std::int64_t, ctql::primary_key),
    (body, std::string));

TEST_CASE("the amalgamated core header renders a statement for both dialects") {
    using namespace ctql;
    constexpr auto by_id = select(notes.body).from(notes).where(notes.id == param<"id", std::int64_t>);
    STATIC_REQUIRE(by_id.sql<dialect::sqlite>() == R"(SELECT "notes"."body" FROM "notes" WHERE "notes"."id" = ?)");
    STATIC_REQUIRE(by_id.sql<dialect::postgres>() == R"(SELECT "notes"."body" FROM "notes" WHERE "notes"."id" = $1)");
}

TEST_CASE("the amalgamated core header carries the version macros, which agree with each other") {
    REQUIRE(fmt::format("{}.{}.{}", CTQL_VERSION_MAJOR, CTQL_VERSION_MINOR, CTQL_VERSION_PATCH) == CTQL_VERSION);
    STATIC_REQUIRE(CTQL_VERSION_NUMBER == CTQL_VERSION_MAJOR * 10000 + CTQL_VERSION_MINOR * 100 + CTQL_VERSION_PATCH);
}
