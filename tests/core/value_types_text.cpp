// ctql::decimal, ctql::uuid and ctql::json on their own: parsing, printing,
// arithmetic and comparison, with no database.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include <fmt/format.h>

#include <ctql/core/error.hpp>
#include <ctql/core/value_types.hpp>

using ctql::decimal;
using ctql::uuid;

// Parsed at compile time: a bad literal would not compile.
static_assert(decimal<10, 2>("19.99").units() == 1999);
static_assert(decimal<10, 2>("-0.5").units() == -50);
static_assert(decimal<10, 2>(".5").units() == 50);
static_assert(decimal<10, 2>("+7").units() == 700);
static_assert(decimal<10, 2>("1.500").units() == 150);  // trailing zeros beyond the scale are exact
static_assert(decimal<18, 0>("999999999999999999").units() == 999'999'999'999'999'999);
static_assert(decimal<18, 18>("-0.999999999999999999").units() == -999'999'999'999'999'999);
static_assert(decimal<10, 2>(5).units() == 500);
static_assert(decimal<10, 2>("1.10") + decimal<10, 2>("2.05") == decimal<10, 2>("3.15"));
static_assert(decimal<10, 2>("1.10") * 3 == decimal<10, 2>("3.30"));
static_assert(decimal<10, 2>("-1") < decimal<10, 2>("0.01"));
static_assert(ctql::decimal_cast<12, 4>(decimal<10, 2>("1.25")).units() == 12500);
static_assert(uuid("123E4567-e89b-12d3-a456-426614174000").bytes[0] == 0x12);
static_assert(uuid("123e4567-e89b-12d3-a456-426614174000").bytes[15] == 0x00);

TEST_CASE("a decimal prints every digit of its scale and parses its own text back", "[core][decimal]") {
    CHECK(decimal<10, 2>("19.9").to_string() == "19.90");
    CHECK(decimal<10, 2>("-0.05").to_string() == "-0.05");
    CHECK(decimal<10, 2>().to_string() == "0.00");
    CHECK(decimal<5, 0>("-00042").to_string() == "-42");
    CHECK(decimal<18, 18>::from_units(1).to_string() == "0.000000000000000001");
    CHECK(decimal<18, 0>::from_units(-999'999'999'999'999'999).to_string() == "-999999999999999999");
    CHECK(fmt::format("{:>8}", decimal<6, 3>("1.5")) == "   1.500");
    for (std::int64_t units : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{123456789},
                               std::int64_t{-999'999'999'999'999'999}, std::int64_t{999'999'999'999'999'999}}) {
        const auto d = decimal<18, 7>::from_units(units);
        CHECK(decimal<18, 7>::parse(d.to_string()) == d);
    }
}

TEST_CASE("a decimal refuses text it cannot hold exactly", "[core][decimal]") {
    for (const char* bad : {"", "-", ".", "1e5", " 1", "1 ", "1.2.3", "12345678901", "0.001", "--1", "1,5", "0x10"}) {
        INFO(bad);
        CHECK_FALSE(decimal<10, 2>::try_parse(bad).has_value());
    }
    CHECK_THROWS_AS((decimal<10, 2>::parse("0.001")), ctql::data_error);
    CHECK_THROWS_WITH((decimal<4, 2>::parse("123")), Catch::Contains("at most 2 integer and 2 fraction digits"));
    CHECK_FALSE(decimal<2, 2>::try_parse("1").has_value());
    CHECK(decimal<2, 2>::try_parse("0.99").has_value());
}

TEST_CASE("decimal arithmetic is exact and throws rather than overflow", "[core][decimal]") {
    const decimal<4, 2> big("99.99");
    CHECK_THROWS_AS((big + decimal<4, 2>("0.01")), ctql::data_error);
    CHECK_THROWS_AS(big * 2, ctql::data_error);
    CHECK_THROWS_AS((decimal<18, 0>("999999999999999999") * std::numeric_limits<std::int64_t>::max()), ctql::data_error);
    CHECK((-big).to_string() == "-99.99");
    CHECK_THROWS_AS((decimal<4, 2>(100)), ctql::data_error);
    CHECK_THROWS_AS((ctql::decimal_cast<10, 1>(decimal<10, 2>("1.25"))), ctql::data_error);
    CHECK_THROWS_AS((ctql::decimal_cast<3, 2>(decimal<10, 2>("12.5"))), ctql::data_error);
    CHECK(decimal<10, 2>("2.50").to_double() == 2.5);
}

TEST_CASE("a uuid parses the canonical text in either case and prints it in lower case", "[core][uuid]") {
    const uuid id("123E4567-E89B-12D3-A456-426614174000");
    CHECK(id.to_string() == "123e4567-e89b-12d3-a456-426614174000");
    CHECK(fmt::format("{}", id) == "123e4567-e89b-12d3-a456-426614174000");
    CHECK(uuid().to_string() == "00000000-0000-0000-0000-000000000000");
    CHECK(uuid("00000000-0000-0000-0000-000000000001") < uuid("10000000-0000-0000-0000-000000000000"));
    for (const char* bad : {"", "123e4567e89b12d3a456426614174000", "{123e4567-e89b-12d3-a456-426614174000}",
                            "123e4567-e89b-12d3-a456-42661417400g", "123e4567-e89b-12d3-a456_426614174000",
                            "123e4567-e89b-12d3-a456-4266141740000"}) {
        INFO(bad);
        CHECK_FALSE(uuid::try_parse(bad).has_value());
    }
    CHECK_THROWS_AS(uuid::parse("nope"), ctql::data_error);
}

TEST_CASE("json keeps its text as given", "[core][json]") {
    const ctql::json doc(R"({"a": [1, 2]})");
    CHECK(doc.text == R"({"a": [1, 2]})");
    CHECK(fmt::format("{}", doc) == R"({"a": [1, 2]})");
    CHECK(doc == ctql::json(std::string(R"({"a": [1, 2]})")));
}
