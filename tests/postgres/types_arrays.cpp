// PostgreSQL array columns (std::vector<T>): binary round trips of every
// element type with empty arrays and NULL, comparison in WHERE, the COPY
// BINARY bulk path, and refusal of arrays ctql cannot read (NULL elements,
// several dimensions). On SQLite an array column does not compile
// (tests/compile_fail/array_column_on_sqlite.cpp).
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "../common/backends.hpp"

using namespace ctql;
using ctql_test::postgres_backend;

using money = decimal<10, 2>;
using int_list = std::vector<std::int64_t>;
using text_list = std::vector<std::string>;

CTQL_TABLE(bags,
    (id,     std::int64_t, ctql::primary_key),
    (ints,   int_list),
    (smalls, std::vector<std::int16_t>),
    (names,  text_list),
    (flags,  std::vector<bool>),
    (reals,  std::vector<double>),
    (days,   std::vector<std::chrono::sys_days>),
    (keys,   std::vector<ctql::uuid>),
    (prices, std::vector<money>),
    (docs,   std::vector<ctql::json>),
    (maybe,  std::optional<text_list>));

namespace {
using std::chrono::sys_days;
constexpr sys_days day(int y, unsigned m, unsigned d) {
    return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

using record = std::tuple<int_list, std::vector<std::int16_t>, text_list, std::vector<bool>, std::vector<double>,
                          std::vector<sys_days>, std::vector<uuid>, std::vector<money>, std::vector<json>,
                          std::optional<text_list>>;

const std::vector<record> records = {
    {{}, {}, {}, {}, {}, {}, {}, {}, {}, std::nullopt},
    {{std::numeric_limits<std::int64_t>::min(), 0, std::numeric_limits<std::int64_t>::max()},
     {-32768, 32767},
     {"", "a,b", "{braces}", "\"quoted\" \\ back", "NULL", "é ☃"},
     {true, false, true},
     {-0.5, 1e300, std::numeric_limits<double>::infinity()},
     {day(1, 1, 1), day(2000, 2, 29), day(9999, 12, 31)},
     {uuid("123e4567-e89b-12d3-a456-426614174000"), uuid()},
     {money("-99999999.99"), money("0"), money("0.01")},
     {json(R"({"a": [1, 2]})"), json("null")},
     text_list{}},
    {{42}, {7}, {"one"}, {false}, {0.0}, {day(1970, 1, 1)}, {uuid()}, {money("12.5")}, {json("[]")},
     text_list{"x", ""}},
};

postgres::connection filled(bool bulk) {
    auto db = postgres_backend::open();
    ctql_test::recreate(db, bags);
    if (bulk) {
        CHECK(db(insert_into(bags).columns(bags.ints, bags.smalls, bags.names, bags.flags, bags.reals, bags.days,
                                           bags.keys, bags.prices, bags.docs, bags.maybe),
                 records) == 3);
    } else {
        for (const auto& [ints, smalls, names, flags, reals, days, keys, prices, docs, maybe] : records)
            db(insert_into(bags).set(bags.ints = ints, bags.smalls = smalls, bags.names = names, bags.flags = flags,
                                     bags.reals = reals, bags.days = days, bags.keys = keys, bags.prices = prices,
                                     bags.docs = docs, bags.maybe = maybe));
    }
    return db;
}

std::vector<record> read_all(postgres::connection& db) {
    std::vector<record> out;
    for (const auto& r : db(select(bags.ints, bags.smalls, bags.names, bags.flags, bags.reals, bags.days, bags.keys,
                                   bags.prices, bags.docs, bags.maybe)
                                .from(bags)
                                .order_by(bags.id)))
        out.emplace_back(r.ints, r.smalls, r.names, r.flags, r.reals, r.days, r.keys, r.prices, r.docs, r.maybe);
    return out;
}
}  // namespace

TEST_CASE("arrays of every element type round-trip, empty and NULL included", "[postgres][array]") {
    auto db = filled(false);
    CHECK(read_all(db) == records);
}

TEST_CASE("arrays inserted with COPY BINARY round-trip", "[postgres][array][bulk]") {
    auto db = filled(true);
    CHECK(read_all(db) == records);
}

TEST_CASE("arrays compare with arrays of their element type in SQL", "[postgres][array]") {
    auto db = filled(false);
    using ids = std::vector<std::int64_t>;
    const auto where = [&](const auto& condition) {
        return db(select(bags.id).from(bags).where(condition).order_by(bags.id)).to_vector();
    };
    CHECK(where(bags.ints == int_list{42}) == ids{3});
    CHECK(where(bags.ints == int_list{}) == ids{1});
    CHECK(where(bags.names != text_list{"one"}) == ids{1, 2});
    CHECK(where(bags.maybe.is_null()) == ids{1});
    const auto with_names = select(bags.id).from(bags).where(bags.maybe == param<"names", text_list>);
    CHECK(db(with_names, arg<"names">(text_list{"x", ""})).to_vector() == ids{3});
    // A run-time list given to in() is still a list of values, not an array value.
    CHECK(where(bags.id.in(int_list{1, 3})) == ids{1, 3});
}

TEST_CASE("an array with NULL elements or several dimensions is a data_error", "[postgres][array]") {
    auto db = filled(false);
    db.execute(verbatim(R"(UPDATE "bags" SET "ints" = ARRAY[1, NULL] WHERE "id" = 1)"));
    CHECK_THROWS_WITH(db(select(bags.ints).from(bags).where(bags.id == 1)).to_vector(),
                      Catch::Contains("NULL array element"));
    db.execute(verbatim(R"(UPDATE "bags" SET "ints" = ARRAY[[1, 2], [3, 4]] WHERE "id" = 1)"));
    CHECK_THROWS_WITH(db(select(bags.ints).from(bags).where(bags.id == 1)).to_vector(),
                      Catch::Contains("2 dimensions"));
    // CAST to an array type names it: SMALLINT[] to INTEGER[].
    const auto widened = db(select(cast<std::vector<std::int32_t>>(bags.smalls)).from(bags).where(bags.id == 2)).front();
    CHECK(widened == std::vector<std::int32_t>{-32768, 32767});
}
