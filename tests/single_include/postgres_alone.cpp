// Built with single_include/ on the include path and include/ absent from it:
// the PostgreSQL header stands on its own, with the core header beside it.
// No test here reaches a server: a connection to a socket that cannot exist
// fails at once, which is enough to run libpq through the amalgamated code.
#include <ctql/postgres.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

CTQL_TABLE(notes,
    (id,   std::int64_t, ctql::primary_key),
    (body, std::string));

namespace pg = ctql::postgres;

TEST_CASE("the amalgamated PostgreSQL header provides the core and renders its dialect") {
    using namespace ctql;
    constexpr auto by_id = select(notes.body).from(notes).where(notes.id == param<"id", std::int64_t>);
    STATIC_REQUIRE(by_id.sql<dialect::postgres>() == R"(SELECT "notes"."body" FROM "notes" WHERE "notes"."id" = $1)");
}

TEST_CASE("the amalgamated PostgreSQL header reports a connection that cannot be made as an operational error") {
    REQUIRE_THROWS_AS(pg::connection{"host=/nonexistent/ctql-single-include port=1 connect_timeout=1"},
                      ctql::operational_error);
}
