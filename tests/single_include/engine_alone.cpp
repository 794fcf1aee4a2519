// Built with single_include/ on the include path and include/ absent from it:
// the engine header stands on its own, with the headers it includes beside it.
#include <ctql/engine.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

CTQL_TABLE(notes,
    (id,   std::int64_t, ctql::primary_key),
    (body, std::string));

TEST_CASE("the amalgamated engine header runs statements on an in-memory SQLite engine") {
    using namespace ctql;
    engine db = create_engine("sqlite://");
    auto conn = db.connect();
    conn(create_table(notes));
    conn(insert_into(notes).set(notes.body = "first"));
    conn(insert_into(notes).set(notes.body = "second"));
    REQUIRE(conn(select(count(notes.id)).from(notes)).front() == 2);
}
