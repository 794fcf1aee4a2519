#include <ctql/core/timestamp_text.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

using namespace std::chrono;
using ctql::detail::format_timestamp;
using ctql::detail::parse_timestamp;
using ctql::detail::try_parse_timestamp;

namespace {

constexpr ctql::timestamp at(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, std::int64_t us = 0) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} + microseconds{us};
}

constexpr std::string_view formatted(ctql::timestamp t, ctql::detail::timestamp_buffer& buffer) {
    return {buffer, ctql::detail::write_timestamp(t, buffer)};
}

}  // namespace

static_assert([] {
    ctql::detail::timestamp_buffer buffer{};
    return formatted(at(2024, 2, 29, 13, 5, 9, 42), buffer) == "2024-02-29 13:05:09.000042";
}(), "formatting is usable at compile time");
static_assert(try_parse_timestamp("1970-01-01 00:00:00") == ctql::timestamp{});

TEST_CASE("A timestamp formats as fixed-width ISO-8601 text with six fraction digits") {
    CHECK(format_timestamp(ctql::timestamp{}) == "1970-01-01 00:00:00.000000");
    CHECK(format_timestamp(at(2024, 2, 29, 13, 5, 9, 42)) == "2024-02-29 13:05:09.000042");
    CHECK(format_timestamp(at(1999, 12, 31, 23, 59, 59, 999'999)) == "1999-12-31 23:59:59.999999");
}

TEST_CASE("Coarser clocks format with a zero fraction of the same width") {
    CHECK(format_timestamp(sys_seconds{seconds{86'400 + 61}}) == "1970-01-02 00:01:01.000000");
    CHECK(format_timestamp(sys_time<milliseconds>{milliseconds{1'500}}) == "1970-01-01 00:00:01.500000");
    CHECK(format_timestamp(sys_days{year{2000} / 1 / 1}) == "2000-01-01 00:00:00.000000");
}

TEST_CASE("Times before 1970 format by flooring, not truncating toward zero") {
    CHECK(format_timestamp(ctql::timestamp{microseconds{-1}}) == "1969-12-31 23:59:59.999999");
    CHECK(format_timestamp(sys_seconds{seconds{-1}}) == "1969-12-31 23:59:59.000000");
    CHECK(format_timestamp(at(1900, 3, 1, 6, 30)) == "1900-03-01 06:30:00.000000");
}

TEST_CASE("The first and last storable instants format exactly") {
    CHECK(format_timestamp(at(1, 1, 1)) == "0001-01-01 00:00:00.000000");
    CHECK(format_timestamp(at(9999, 12, 31, 23, 59, 59, 999'999)) == "9999-12-31 23:59:59.999999");
}

TEST_CASE("A timestamp outside years 0001 to 9999 is refused rather than written ambiguously") {
    ctql::detail::timestamp_buffer buffer;
    CHECK(ctql::detail::write_timestamp(at(1, 1, 1) - microseconds{1}, buffer) == 0);
    CHECK(ctql::detail::write_timestamp(at(10000, 1, 1), buffer) == 0);
    CHECK_THROWS_AS(format_timestamp(at(-5, 6, 1)), ctql::data_error);
    CHECK_THROWS_WITH(format_timestamp(at(10000, 1, 1)), Catch::Contains("0001-01-01 through 9999-12-31"));
}

TEST_CASE("Sorting the text sorts by time across the whole storable range") {
    std::vector<ctql::timestamp> times{at(1, 1, 1), at(9999, 12, 31, 23, 59, 59, 999'999), ctql::timestamp{},
                                       ctql::timestamp{microseconds{-1}}, ctql::timestamp{microseconds{1}}};
    const std::int64_t first = at(1, 1, 1).time_since_epoch().count();
    const std::int64_t span = at(9999, 12, 31, 23, 59, 59, 999'999).time_since_epoch().count() - first;
    std::uint64_t state = 0x9e3779b97f4a7c15u;  // a fixed seed keeps failures reproducible
    for (int i = 0; i < 2000; ++i) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        const auto offset = static_cast<std::int64_t>((state >> 1) % static_cast<std::uint64_t>(span));
        // Half the samples cluster within a day so that fractions and seconds decide the order too.
        const std::int64_t base = i % 2 == 0 ? first : at(2000, 1, 1).time_since_epoch().count();
        const std::int64_t range = i % 2 == 0 ? span : 86'400'000'000;
        times.push_back(ctql::timestamp{microseconds{base + offset % range}});
    }
    std::vector<std::string> texts;
    for (const auto& t : times) texts.push_back(format_timestamp(t));

    std::sort(times.begin(), times.end());
    std::sort(texts.begin(), texts.end());
    for (std::size_t i = 0; i < times.size(); ++i) {
        INFO("index " << i);
        CHECK(texts[i] == format_timestamp(times[i]));
    }
}

TEST_CASE("Formatting then parsing gives back the same instant") {
    for (const auto t : {at(1, 1, 1), ctql::timestamp{microseconds{-1}}, ctql::timestamp{},
                         at(2024, 2, 29, 13, 5, 9, 42), at(9999, 12, 31, 23, 59, 59, 999'999)}) {
        CHECK(parse_timestamp(format_timestamp(t)) == t);
    }
}

TEST_CASE("Parsing accepts a T or space separator, 1 to 9 fraction digits and a UTC suffix") {
    const auto expected = at(2024, 5, 6, 7, 8, 9, 500'000);
    CHECK(parse_timestamp("2024-05-06 07:08:09.5") == expected);
    CHECK(parse_timestamp("2024-05-06T07:08:09.500000") == expected);
    CHECK(parse_timestamp("2024-05-06T07:08:09.500000Z") == expected);
    CHECK(parse_timestamp("2024-05-06 07:08:09.500+00:00") == expected);
    CHECK(parse_timestamp("2024-05-06 07:08:09.500000000") == expected);
    CHECK(parse_timestamp("2024-05-06 07:08:09") == at(2024, 5, 6, 7, 8, 9));
    CHECK(parse_timestamp("2024-05-06 07:08:09Z") == at(2024, 5, 6, 7, 8, 9));
}

TEST_CASE("A bare date, as SQLite's date() returns it, parses as midnight") {
    CHECK(parse_timestamp("2024-05-06") == at(2024, 5, 6));
}

TEST_CASE("Fraction digits beyond microseconds are truncated") {
    CHECK(parse_timestamp("2024-05-06 07:08:09.123456789") == at(2024, 5, 6, 7, 8, 9, 123'456));
    CHECK(parse_timestamp("1969-12-31 23:59:59.999999999") == ctql::timestamp{microseconds{-1}});
}

TEST_CASE("Parsing into a coarser clock floors to that clock's tick") {
    CHECK(parse_timestamp<seconds>("1969-12-31 23:59:59.75") == sys_seconds{seconds{-1}});
    CHECK(parse_timestamp<milliseconds>("1970-01-01 00:00:01.2349") == sys_time<milliseconds>{milliseconds{1'234}});
}

TEST_CASE("Malformed timestamp text is rejected with a message quoting it") {
    const char* bad[] = {
        "",
        "2024",
        "2024-5-06 07:08:09",
        "2024-13-01 00:00:00",
        "2023-02-29 00:00:00",
        "2024-04-31 00:00:00",
        "0000-01-01 00:00:00",
        "2024-05-06 24:00:00",
        "2024-05-06 23:60:00",
        "2024-05-06 23:59:60",
        "2024-05-06_07:08:09",
        "2024-05-06 07:08",
        "2024-05-06 07:08:09.",
        "2024-05-06 07:08:09.1234567890",
        "2024-05-06 07:08:09+01:00",
        "2024-05-06 07:08:09z",
        "2024-05-06 07:08:09 ",
        " 2024-05-06 07:08:09",
        "-2024-05-06 07:08:09",
        "2024-05-06 07:08:09.5ZZ",
    };
    for (const char* text : bad) {
        INFO("text: " << text);
        CHECK_FALSE(try_parse_timestamp(text).has_value());
        CHECK_THROWS_AS(parse_timestamp(text), ctql::data_error);
    }
    CHECK_THROWS_WITH(parse_timestamp("2024-13-01 00:00:00"),
                      Catch::StartsWith("invalid timestamp \"2024-13-01 00:00:00\": expected"));
}

TEST_CASE("A quoted excerpt of bad text is escaped and bounded in length") {
    CHECK(ctql::detail::quote_text_excerpt(std::string("a\"b\n\0", 5)) == R"("a\"b\x0a\x00")");
    const std::string quoted = ctql::detail::quote_text_excerpt(std::string(1000, 'x'));
    CHECK(quoted.size() < 100);
    CHECK_THAT(quoted, Catch::EndsWith("(1000 bytes, truncated)"));
}
