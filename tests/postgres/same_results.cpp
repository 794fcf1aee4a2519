// The same statement gives the same rows on SQLite and PostgreSQL, and the
// rows ctql decodes are what the backend itself returns for the rendered text.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

CTQL_TABLE(numbers,
    (id,    std::int64_t, ctql::primary_key),
    (i32,   std::int32_t),
    (i64,   std::int64_t),
    (f32,   float),
    (f64,   double),
    (flag,  bool),
    (label, std::string));

using namespace ctql;
using ctql_test::postgres_backend;
using ctql_test::sqlite_backend;

namespace {
template <class Connection>
Connection seeded() {
    auto db = ctql_test::fresh<std::conditional_t<std::is_same_v<Connection, sqlite::connection>, sqlite_backend,
                                                  postgres_backend>>();
    db(drop_table(numbers));
    db(create_table(numbers));
    constexpr auto add = insert_into(numbers).set(
        numbers.i32 = param<"i32", std::int32_t>, numbers.i64 = param<"i64", std::int64_t>,
        numbers.f32 = param<"f32", float>, numbers.f64 = param<"f64", double>, numbers.flag = param<"flag", bool>,
        numbers.label = param<"label", std::string>);
    db(add, arg<"i32">(7), arg<"i64">(std::int64_t{3'000'000'000}), arg<"f32">(0.1f), arg<"f64">(2.0), arg<"flag">(true),
       arg<"label">("ab"));
    db(add, arg<"i32">(-2), arg<"i64">(std::int64_t{5}), arg<"f32">(0.2f), arg<"f64">(0.5), arg<"flag">(false),
       arg<"label">("ba"));
    db(add, arg<"i32">(1), arg<"i64">(std::int64_t{-4}), arg<"f32">(0.3f), arg<"f64">(1.25), arg<"flag">(true),
       arg<"label">("abc"));
    return db;
}

// The statement's one value through ctql, checked against the same SQL text
// run through the backend's C API.
template <class Connection, class Statement>
auto value_and_raw(Connection& db, const Statement& stmt) {
    using value_t = typename Statement::result_row;
    const value_t value = db(stmt).front();
    using base_t = std::remove_cvref_t<decltype(*std::optional<value_t>(value))>;
    const auto raw = ctql_test::raw_scalar<base_type_t<base_t>>(
        db, std::string(Statement::template sql<typename Connection::dialect>()));
    return std::pair{value, raw};
}
}  // namespace

TEMPLATE_TEST_CASE("sum and avg have one result type per argument type, and the values raw SQL gives", "[both]",
                   sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    constexpr auto sum_i32 = select(sum(numbers.i32)).from(numbers);
    constexpr auto sum_i64 = select(sum(numbers.i64)).from(numbers);
    constexpr auto sum_f32 = select(sum(numbers.f32)).from(numbers);
    constexpr auto avg_i32 = select(avg(numbers.i32)).from(numbers);
    constexpr auto avg_i64 = select(avg(numbers.i64)).from(numbers);
    STATIC_REQUIRE(std::is_same_v<decltype(sum_i32)::result_row, std::optional<std::int64_t>>);
    STATIC_REQUIRE(std::is_same_v<decltype(sum_i64)::result_row, std::optional<std::int64_t>>);
    STATIC_REQUIRE(std::is_same_v<decltype(sum_f32)::result_row, std::optional<double>>);
    STATIC_REQUIRE(std::is_same_v<decltype(avg_i64)::result_row, std::optional<double>>);

    const auto [s32, raw_s32] = value_and_raw(db, sum_i32);
    CHECK(s32 == 6);
    CHECK(raw_s32 == s32);
    const auto [s64, raw_s64] = value_and_raw(db, sum_i64);
    CHECK(s64 == 3'000'000'001);
    CHECK(raw_s64 == s64);
    const auto [a32, raw_a32] = value_and_raw(db, avg_i32);
    CHECK(a32 == 2.0);
    CHECK(raw_a32 == a32);
    const auto [a64, raw_a64] = value_and_raw(db, avg_i64);
    CHECK(*a64 == Approx(3'000'000'001.0 / 3).epsilon(1e-15));
    CHECK(*raw_a64 == Approx(*a64).epsilon(1e-12));  // raw text prints 15 digits
    // REAL values are summed as doubles on both backends.
    const auto [sf, raw_sf] = value_and_raw(db, sum_f32);
    CHECK(*sf == Approx(double(0.1f) + double(0.2f) + double(0.3f)).epsilon(1e-15));
    CHECK(*raw_sf == Approx(*sf).epsilon(1e-6));  // raw text prints fewer digits
}

TEMPLATE_TEST_CASE("summing past the 64-bit range is a data_error on both backends", "[both]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    db(update(numbers).set(numbers.i64 = std::numeric_limits<std::int64_t>::max()).all_rows());
    CHECK_THROWS_AS(db(select(sum(numbers.i64)).from(numbers)), data_error);
}

TEMPLATE_TEST_CASE("every operator means the same on both backends, however the expressions nest", "[both]",
                   sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    // Row 1: i32 = 7, i64 = 3e9, f64 = 2.0, flag = true, label = "ab".
    const auto expect = [&](const auto& expression, auto expected, std::string_view what) {
        INFO(what);
        const auto stmt = select(expression).from(numbers).where(numbers.id == std::int64_t{1});
        CHECK(db(stmt).front() == expected);
    };
    // Comparisons of comparisons, in each position.
    expect((numbers.f64 > 1.0) == numbers.flag, true, "(f64 > 1) = flag");
    expect(numbers.flag == (numbers.f64 > 1.0), true, "flag = (f64 > 1)");
    expect((numbers.f64 > 1.0) == (numbers.i32 < 3), false, "(f64 > 1) = (i32 < 3)");
    expect((numbers.i32 < 3) != (numbers.f64 < 5.0), true, "(i32 < 3) <> (f64 < 5)");
    expect((numbers.i32 >= 7) == (numbers.i32 <= 7), true, "(i32 >= 7) = (i32 <= 7)");
    expect((!(numbers.f64 > 1.0)) == numbers.flag, false, "(NOT f64 > 1) = flag");
    expect(numbers.label.like("a%") == numbers.flag, true, "(label LIKE 'a%') = flag");
    expect(numbers.i32.between(1, 10) == numbers.flag, true, "(i32 BETWEEN 1 AND 10) = flag");
    expect(numbers.i32.in(1, 7) == (numbers.f64 == 2.0), true, "(i32 IN (1, 7)) = (f64 = 2)");
    expect(is_null(numbers.f64 > 1.0), false, "(f64 > 1) IS NULL");
    // Logic.
    expect((numbers.flag || numbers.f64 < 0.0) && numbers.i32 > 100, false, "(flag OR f64 < 0) AND i32 > 100");
    expect(numbers.flag || (numbers.f64 < 0.0 && numbers.i32 > 100), true, "flag OR (f64 < 0 AND i32 > 100)");
    expect(!(numbers.flag && numbers.i32 > 100), true, "NOT (flag AND i32 > 100)");
    // Arithmetic: left-associative, grouping kept where it was written.
    expect(numbers.i32 - numbers.i32 - 1, -1, "i32 - i32 - 1");
    expect(numbers.i32 - (numbers.i32 - 1), 1, "i32 - (i32 - 1)");
    expect(numbers.i32 - (3 - 1), 5, "i32 - (3 - 1)");
    expect(numbers.i32 / (1 * 2), 3, "i32 / (1 * 2)");
    expect(numbers.i32 * 2 / 4, 3, "i32 * 2 / 4");
    expect(numbers.i32 % (2 + 2), 3, "i32 % (2 + 2)");
    expect(-(numbers.i32 - 10), 3, "-(i32 - 10)");
    expect(-numbers.i32 * 2, -14, "-i32 * 2");
    expect(-(-numbers.i32), 7, "-(-i32)");
    expect((numbers.i32 + 1) * (numbers.i32 - 1) > 40, true, "(i32 + 1) * (i32 - 1) > 40");
}

TEMPLATE_TEST_CASE("a NULL argument for an optional parameter is sent with its declared type, even first",
                   "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    // Nothing else in the statement says what type $1 has: only the declaration does.
    constexpr auto matching = select(count()).from(numbers).where(is_null(param<"p", std::optional<std::int64_t>>));
    CHECK(db(matching, arg<"p">(std::nullopt)).front() == 3);
    CHECK(db(matching, arg<"p">(std::int64_t{5})).front() == 0);
    CHECK(db(matching, arg<"p">(ctql::null)).front() == 3);
}
