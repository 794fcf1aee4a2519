// ctql::uuid and ctql::json columns on both backends: round trips with NULL,
// comparison in WHERE, and the bulk path (COPY BINARY on PostgreSQL).
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using ctql_test::postgres_backend;
using ctql_test::sqlite_backend;

CTQL_TABLE(documents,
    (id,      std::int64_t, ctql::primary_key),
    (key,     ctql::uuid),
    (parent,  std::optional<ctql::uuid>),
    (body,    ctql::json),
    (extra,   std::optional<ctql::json>));

namespace {
const uuid first("00000000-0000-0000-0000-000000000000");
const uuid middle("7f000000-0000-4000-8000-000000000001");
const uuid last("ffffffff-ffff-ffff-ffff-ffffffffffff");

// Texts in the form PostgreSQL's JSONB gives back, so that both backends return them unchanged.
const std::vector<std::tuple<uuid, std::optional<uuid>, json, std::optional<json>>> rows = {
    {middle, std::nullopt, json(R"({"a": 1, "b": [true, null, "x"]})"), std::nullopt},
    {last, middle, json("[]"), json(R"("café \"quoted\"")")},
    {first, last, json("3.25"), json(R"({"nested": {"k": "é ☃"}})")},
};

template <class Backend>
typename Backend::connection filled(bool bulk) {
    auto db = Backend::open();
    ctql_test::recreate(db, documents);
    if (bulk) {
        CHECK(db(insert_into(documents).columns(documents.key, documents.parent, documents.body, documents.extra), rows) == 3);
    } else {
        for (const auto& [key, parent, body, extra] : rows)
            db(insert_into(documents).set(documents.key = key, documents.parent = parent, documents.body = body,
                                          documents.extra = extra));
    }
    return db;
}

template <class Connection>
void check_rows(Connection& db) {
    std::vector<std::tuple<uuid, std::optional<uuid>, json, std::optional<json>>> read;
    for (const auto& row : db(select(documents.key, documents.parent, documents.body, documents.extra)
                                  .from(documents)
                                  .order_by(documents.id)))
        read.emplace_back(row.key, row.parent, row.body, row.extra);
    CHECK(read == rows);
}
}  // namespace

TEMPLATE_TEST_CASE("uuids and json documents round-trip with NULLs", "[both][uuid][json]", sqlite_backend,
                   postgres_backend) {
    auto db = filled<TestType>(false);
    check_rows(db);
}

TEMPLATE_TEST_CASE("uuids and json documents inserted in bulk round-trip", "[both][uuid][json][bulk]",
                   sqlite_backend, postgres_backend) {
    auto db = filled<TestType>(true);
    check_rows(db);
}

TEMPLATE_TEST_CASE("uuids compare as their bytes in SQL", "[both][uuid]", sqlite_backend, postgres_backend) {
    auto db = filled<TestType>(false);
    using ids = std::vector<std::int64_t>;
    const auto where = [&](const auto& condition) {
        return db(select(documents.id).from(documents).where(condition).order_by(documents.id)).to_vector();
    };
    CHECK(where(documents.key == middle) == ids{1});
    CHECK(where(documents.key > middle) == ids{2});
    CHECK(where(documents.parent == documents.key) == ids{});
    CHECK(where(documents.parent.is_null()) == ids{1});
    CHECK(where(documents.key.in(first, last)) == ids{2, 3});
    const auto by_key = select(documents.id).from(documents).where(documents.key == param<"key", uuid>);
    CHECK(db(by_key, arg<"key">(last)).to_vector() == ids{2});
    CHECK(db(select(documents.id).from(documents).order_by(documents.key)).to_vector() == ids{3, 1, 2});
}

TEMPLATE_TEST_CASE("json documents compare equal to their own text", "[both][json]", sqlite_backend,
                   postgres_backend) {
    auto db = filled<TestType>(false);
    CHECK(db(select(documents.id).from(documents).where(documents.body == json("[]"))).to_vector() ==
          std::vector<std::int64_t>{2});
}

TEST_CASE("a uuid is a 16-byte BLOB on SQLite, and text in that column reads too", "[sqlite][uuid]") {
    sqlite::connection db{":memory:"};
    db(create_table(documents));
    db(insert_into(documents).set(documents.key = middle, documents.body = json("{}")));
    const auto stored = ctql_test::raw_rows(db, R"(SELECT typeof("key"), length("key") FROM "documents")");
    REQUIRE(stored.size() == 1);
    CHECK(stored[0] == ctql_test::raw_row{"blob", "16"});
    db.execute(verbatim(R"(UPDATE "documents" SET "parent" = '7F000000-0000-4000-8000-000000000001')"));
    CHECK(db(select(documents.parent).from(documents)).front() == middle);
    db.execute(verbatim(R"(UPDATE "documents" SET "parent" = x'0102')"));
    CHECK_THROWS_WITH(db(select(documents.parent).from(documents)).to_vector(),
                      Catch::Contains("neither a 16-byte BLOB nor the text of a uuid"));
}

TEST_CASE("PostgreSQL refuses invalid JSON in a JSONB column", "[postgres][json]") {
    auto db = postgres_backend::open();
    ctql_test::recreate(db, documents);
    CHECK_THROWS_AS(db(insert_into(documents).set(documents.key = first, documents.body = json("{not json"))),
                    ctql::data_error);
}
