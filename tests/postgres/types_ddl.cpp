// The column types of types.md in DDL: a CHECK comparing a decimal column
// with a decimal literal, in both dialects and enforced by both backends; and
// each type read back from a live database as the schema declares it
// (schema_diff of a table just created is empty).
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <vector>

#include "../common/backends.hpp"

enum class tone { low, high };
template <>
struct ctql::enum_names<tone> {
    static constexpr std::string_view names[] = {"low", "high"};
    static constexpr std::string_view postgres_type = "tone";
};

using price_t = ctql::decimal<10, 2>;

CTQL_TABLE(typed_things,
    (id,    std::int64_t, ctql::primary_key),
    (price, price_t),
    (maybe_price, std::optional<price_t>),
    (key,   ctql::uuid),
    (body,  ctql::json),
    (level, tone),
    (at,    ctql::timestamp));
CTQL_TABLE_CONSTRAINTS(typed_things, ctql::check(typed_things.price >= price_t("0.50") && typed_things.price != price_t("-1.05")));

CTQL_TABLE(pg_arrays,
    (id,      std::int64_t, ctql::primary_key),
    (numbers, std::vector<std::int64_t>),
    (names,   std::vector<std::string>),
    (times,   std::vector<ctql::timestamp>),
    (prices,  std::vector<price_t>));

using namespace ctql;

// SQLite stores a decimal as its count of units, so the literal is that count there.
static_assert(create_table(typed_things).sql<dialect::sqlite>().ends_with(
    R"(CHECK ("price" >= 50 AND "price" <> (-105))))"));
static_assert(create_table(typed_things).sql<dialect::postgres>().ends_with(
    R"(CHECK ("price" >= 0.50 AND "price" <> (-1.05))))"));

TEMPLATE_TEST_CASE("decimal, uuid, json and enum columns read back as declared", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = TestType::open();
    db(drop_table(typed_things));
    if constexpr (std::is_same_v<TestType, ctql_test::postgres_backend>) {
        db.execute(verbatim{"DROP TYPE IF EXISTS tone"});
        db(create_enum_type<tone>());
    }
    db(create_table(typed_things));
    const auto diff = schema_diff(db, typed_things);
    INFO(diff.text());
    CHECK(diff.empty());

    const auto add = [&](const char* price) {
        db(insert_into(typed_things).set(typed_things.price = price_t(price), typed_things.key = uuid("7f000000-0000-4000-8000-000000000001"),
                                         typed_things.body = json("{}"), typed_things.level = tone::low,
                                         typed_things.at = timestamp{}));
    };
    add("0.50");
    CHECK_THROWS_AS(add("0.49"), integrity_error);
    CHECK(db(select(count()).from(typed_things)).front() == 1);
}

TEST_CASE("PostgreSQL arrays read back as declared") {
    auto db = ctql_test::postgres_backend::open();
    db(drop_table(pg_arrays));
    db(create_table(pg_arrays));
    const auto diff = schema_diff(db, pg_arrays);
    INFO(diff.text());
    CHECK(diff.empty());
}
