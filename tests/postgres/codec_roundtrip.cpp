// Every column type through the binary codec and a real server: bound as a
// binary parameter, stored, read back as a binary result. The server's own
// text rendering of the stored value is checked too, so that an encoding
// that is wrong in both directions cannot pass as a round trip.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include <ctql/backend/postgres/codec.hpp>
#include <ctql/backend/postgres/error.hpp>

#include "pg_test_env.hpp"

namespace {

using namespace ctql::postgres::detail;
using ctql_test::exec;
using ctql_test::owned_result;
using ctql_test::scalar_text;

template <class T>
struct stored {
    T value;
    std::string text;  // the server's rendering, "<null>" for NULL
};

template <class P>
void insert_one(PGconn* conn, const P& v) {
    param_buffer<1> params;
    params.set(0, v);
    const char* sql = "INSERT INTO rt (v) VALUES ($1)";
    owned_result r{PQexecParams(conn, sql, params.size(), params.param_types(), params.param_values(),
                             params.param_lengths(), params.param_formats(), 1)};
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) throw_result_error(r.get(), conn, sql);
}

void make_table(PGconn* conn, std::string_view sql_type) {
    exec(conn, "DROP TABLE IF EXISTS rt");
    exec(conn, "CREATE TEMP TABLE rt (v " + std::string(sql_type) + ")");
}

owned_result select_binary(PGconn* conn, const char* sql) {
    owned_result r{PQexecParams(conn, sql, 0, nullptr, nullptr, nullptr, nullptr, 1)};
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw_result_error(r.get(), conn, sql);
    return r;
}

template <class T>
T read_back(PGconn* conn) {
    owned_result r = select_binary(conn, "SELECT v FROM rt");
    REQUIRE(PQntuples(r.get()) == 1);
    check_column_type<T>(r.get(), 0);
    return read<T>(r.get(), 0, 0);
}

// Writes v (bound as P) into a fresh column of sql_type and reads it as T.
template <class T, class P = T>
stored<T> roundtrip(PGconn* conn, std::string_view sql_type, const P& v) {
    make_table(conn, sql_type);
    insert_one(conn, v);
    return {read_back<T>(conn), scalar_text(conn, "SELECT v::text FROM rt")};
}

template <class T>
void check_integer_limits(PGconn* conn, std::string_view sql_type) {
    INFO(cpp_type_name<T>() << " in " << sql_type);
    for (T v : {std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), T(0), T(1)}) {
        const auto s = roundtrip<T>(conn, sql_type, v);
        CHECK(s.value == v);
        CHECK(s.text == std::to_string(v));
    }
}

std::chrono::sys_days ymd(int y, unsigned m, unsigned d) {
    return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// Whether buffer B accepts a V (an rvalue unless V is a reference type).
template <class B, class V>
concept can_set = requires(B& b, V&& v) { b.set(0, std::forward<V>(v)); };

template <class F>
std::string data_error_message(F&& f) {
    try {
        f();
    } catch (const ctql::data_error& e) {
        return e.what();
    }
    FAIL("no ctql::data_error was thrown");
    return {};
}

}  // namespace

TEST_CASE("postgres codec: integers at their limits", "[postgres][codec]") {
    auto conn = ctql_test::connect_test_db();
    check_integer_limits<std::int8_t>(conn.get(), "SMALLINT");
    check_integer_limits<std::int16_t>(conn.get(), "SMALLINT");
    check_integer_limits<std::int32_t>(conn.get(), "INTEGER");
    check_integer_limits<std::int64_t>(conn.get(), "BIGINT");
    check_integer_limits<long long>(conn.get(), "BIGINT");
    check_integer_limits<std::uint8_t>(conn.get(), "SMALLINT");
    check_integer_limits<std::uint16_t>(conn.get(), "INTEGER");
    check_integer_limits<std::uint32_t>(conn.get(), "BIGINT");

    STATIC_REQUIRE(codec<std::int8_t>::oid == ctql::postgres::oid::int2);
    STATIC_REQUIRE(codec<std::uint8_t>::oid == ctql::postgres::oid::int2);
    STATIC_REQUIRE(codec<std::uint16_t>::oid == ctql::postgres::oid::int4);
    STATIC_REQUIRE(codec<std::uint32_t>::oid == ctql::postgres::oid::int8);
    STATIC_REQUIRE(codec<std::uint64_t>::oid == ctql::postgres::oid::int8);

    SECTION("uint64_t is bit-cast into int8: every value round-trips") {
        for (std::uint64_t v : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{1} << 63,
                                std::numeric_limits<std::uint64_t>::max()}) {
            const auto s = roundtrip<std::uint64_t>(conn.get(), "BIGINT", v);
            CHECK(s.value == v);
        }
        CHECK(roundtrip<std::uint64_t>(conn.get(), "BIGINT", std::numeric_limits<std::uint64_t>::max()).text == "-1");
    }
}

TEST_CASE("postgres codec: integers read across widths are range-checked", "[postgres][codec]") {
    auto conn = ctql_test::connect_test_db();

    SECTION("a wider column read into a narrower type") {
        make_table(conn.get(), "BIGINT");
        insert_one(conn.get(), std::int64_t{70000});
        CHECK(read_back<std::int64_t>(conn.get()) == 70000);
        CHECK(read_back<std::int32_t>(conn.get()) == 70000);
        CHECK(read_back<std::uint32_t>(conn.get()) == 70000u);
        const std::string message = data_error_message([&] { read_back<std::int16_t>(conn.get()); });
        CHECK_THAT(message, Catch::Contains("column \"v\"") && Catch::Contains("70000") &&
                                Catch::Contains("std::int16_t"));
    }
    SECTION("a narrower column read into a wider type") {
        make_table(conn.get(), "SMALLINT");
        insert_one(conn.get(), std::int16_t{-32768});
        CHECK(read_back<std::int64_t>(conn.get()) == -32768);
        CHECK(read_back<std::int32_t>(conn.get()) == -32768);
        CHECK_THROWS_AS(read_back<std::uint64_t>(conn.get()), ctql::data_error);
        CHECK_THROWS_AS(read_back<std::uint16_t>(conn.get()), ctql::data_error);
    }
    SECTION("a negative int4 is not an unsigned value") {
        make_table(conn.get(), "INTEGER");
        insert_one(conn.get(), std::int32_t{-1});
        CHECK_THROWS_AS(read_back<std::uint32_t>(conn.get()), ctql::data_error);
    }
    SECTION("a bound parameter wider than its column is narrowed by the server, with its range check") {
        make_table(conn.get(), "SMALLINT");
        insert_one(conn.get(), std::int64_t{123});
        CHECK(read_back<std::int16_t>(conn.get()) == 123);
        CHECK_THROWS_AS(insert_one(conn.get(), std::int64_t{1} << 40), ctql::data_error);
    }
}

TEST_CASE("postgres codec: booleans", "[postgres][codec]") {
    auto conn = ctql_test::connect_test_db();
    CHECK(roundtrip<bool>(conn.get(), "BOOLEAN", true).value == true);
    CHECK(roundtrip<bool>(conn.get(), "BOOLEAN", true).text == "true");
    CHECK(roundtrip<bool>(conn.get(), "BOOLEAN", false).value == false);
    CHECK(roundtrip<bool>(conn.get(), "BOOLEAN", false).text == "false");
}

TEST_CASE("postgres codec: floating point, including the special values", "[postgres][codec]") {
    auto conn = ctql_test::connect_test_db();
    constexpr double inf = std::numeric_limits<double>::infinity();

    SECTION("double") {
        for (double v : {0.0, 1.5, -2.25, 1e300, -1e-300, std::numeric_limits<double>::denorm_min(),
                         std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(), inf, -inf}) {
            INFO(v);
            CHECK(roundtrip<double>(conn.get(), "DOUBLE PRECISION", v).value == v);
        }
        CHECK(roundtrip<double>(conn.get(), "DOUBLE PRECISION", inf).text == "Infinity");
        CHECK(roundtrip<double>(conn.get(), "DOUBLE PRECISION", -inf).text == "-Infinity");
        CHECK(roundtrip<double>(conn.get(), "DOUBLE PRECISION", 0.1).text == "0.1");
        const auto nan = roundtrip<double>(conn.get(), "DOUBLE PRECISION", std::numeric_limits<double>::quiet_NaN());
        CHECK(std::isnan(nan.value));
        CHECK(nan.text == "NaN");
        const auto negative_zero = roundtrip<double>(conn.get(), "DOUBLE PRECISION", -0.0);
        CHECK(negative_zero.value == 0.0);
        CHECK(std::signbit(negative_zero.value));
        CHECK(negative_zero.text == "-0");
    }
    SECTION("float") {
        for (float v : {0.0f, 1.5f, -2.25f, std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest(),
                        std::numeric_limits<float>::denorm_min(), std::numeric_limits<float>::infinity(),
                        -std::numeric_limits<float>::infinity()}) {
            INFO(v);
            CHECK(roundtrip<float>(conn.get(), "REAL", v).value == v);
        }
        CHECK(std::isnan(roundtrip<float>(conn.get(), "REAL", std::numeric_limits<float>::quiet_NaN()).value));
        CHECK(std::signbit(roundtrip<float>(conn.get(), "REAL", -0.0f).value));
        CHECK(roundtrip<float>(conn.get(), "REAL", 0.5f).text == "0.5");
    }
    SECTION("across widths") {
        make_table(conn.get(), "REAL");
        insert_one(conn.get(), 0.5f);
        CHECK(read_back<double>(conn.get()) == 0.5);

        make_table(conn.get(), "DOUBLE PRECISION");
        insert_one(conn.get(), 0.25);
        CHECK(read_back<float>(conn.get()) == 0.25f);
        make_table(conn.get(), "DOUBLE PRECISION");
        insert_one(conn.get(), -inf);
        CHECK(read_back<float>(conn.get()) == -std::numeric_limits<float>::infinity());
        make_table(conn.get(), "DOUBLE PRECISION");
        insert_one(conn.get(), 1e300);
        CHECK_THAT(data_error_message([&] { read_back<float>(conn.get()); }),
                   Catch::Contains("column \"v\"") && Catch::Contains("float"));
    }
}

TEST_CASE("postgres codec: text", "[postgres][codec]") {
    auto conn = ctql_test::connect_test_db();
    const std::string hostile = "'); DROP TABLE rt; --";
    const std::string unicode = "h\xC3\xA9llo w\xC3\xB6rld \xE2\x9C\x93 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x8E\x89";

    for (const std::string& v : {std::string(), std::string("plain"), unicode, hostile, std::string(1 << 20, 'x')}) {
        const auto s = roundtrip<std::string>(conn.get(), "TEXT", v);
        CHECK(s.value == v);
        CHECK(s.text == v);
    }
    CHECK(roundtrip<std::string>(conn.get(), "VARCHAR(50)", unicode).value == unicode);
    CHECK(roundtrip<std::string>(conn.get(), "CHAR(5)", std::string("ab")).value == "ab   ");
    SECTION("views and C strings bind without copying") {
        const std::string_view view = "a view";
        CHECK(roundtrip<std::string>(conn.get(), "TEXT", view).value == "a view");
        CHECK(roundtrip<std::string>(conn.get(), "TEXT", "a literal").value == "a literal");
        const char* c_string = "a C string";
        CHECK(roundtrip<std::string>(conn.get(), "TEXT", c_string).value == "a C string");
        CHECK(roundtrip<std::string>(conn.get(), "TEXT", std::string_view()).value.empty());
        const char* null_c_string = nullptr;
        CHECK_FALSE(roundtrip<std::optional<std::string>>(conn.get(), "TEXT", null_c_string).value.has_value());
    }
    SECTION("an embedded NUL is refused before anything is sent") {
        make_table(conn.get(), "TEXT");
        const std::string with_nul("a\0b", 3);
        const std::string message = data_error_message([&] { insert_one(conn.get(), with_nul); });
        CHECK_THAT(message, Catch::Contains("PostgreSQL text cannot contain NUL bytes; store it as ctql::blob"));
        CHECK(scalar_text(conn.get(), "SELECT count(*) FROM rt") == "0");
    }
}

TEST_CASE("postgres codec: bytea", "[postgres][codec]") {
    auto conn = ctql_test::connect_test_db();
    ctql::blob all_bytes;
    for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<std::byte>(i));
    ctql::blob large(std::size_t{1} << 20);
    std::mt19937 rng(42);
    for (auto& b : large) b = static_cast<std::byte>(rng());

    for (const ctql::blob& v : {ctql::blob(), ctql::blob(3, std::byte{0}), all_bytes, large}) {
        INFO("size " << v.size());
        CHECK(roundtrip<ctql::blob>(conn.get(), "BYTEA", v).value == v);
    }
    CHECK(roundtrip<ctql::blob>(conn.get(), "BYTEA", ctql::blob()).text == "\\x");
    CHECK(roundtrip<ctql::blob>(conn.get(), "BYTEA", ctql::blob{std::byte{0}, std::byte{0xff}}).text == "\\x00ff");
    // An empty blob is a value, not NULL, although its data() is null.
    CHECK(roundtrip<std::optional<ctql::blob>>(conn.get(), "BYTEA", ctql::blob()).value.has_value());
    const std::span<const std::byte> view(all_bytes.data(), 16);
    const ctql::blob first_16(all_bytes.begin(), all_bytes.begin() + 16);
    CHECK(roundtrip<ctql::blob>(conn.get(), "BYTEA", view).value == first_16);
}

TEST_CASE("postgres codec: timestamps", "[postgres][codec]") {
    using namespace std::chrono;
    using ctql::timestamp;
    // The coarsest time point that is a timestamp: sys_days is a date (see "dates" below).
    using sys_hours = sys_time<hours>;
    auto conn = ctql_test::connect_test_db();
    exec(conn.get(), "SET TIME ZONE 'UTC'");

    struct sample {
        timestamp value;
        std::string text;
    };
    const sample samples[] = {
        {timestamp(ymd(2000, 1, 1)), "2000-01-01 00:00:00"},
        {timestamp(ymd(1970, 1, 1)), "1970-01-01 00:00:00"},
        {timestamp(ymd(1970, 1, 1)) - microseconds(1), "1969-12-31 23:59:59.999999"},
        {timestamp(ymd(1, 1, 1)), "0001-01-01 00:00:00"},
        {timestamp(ymd(9999, 12, 31)) + hours(23) + minutes(59) + seconds(59) + microseconds(999999),
         "9999-12-31 23:59:59.999999"},
        {timestamp(ymd(2024, 2, 29)) + hours(12) + microseconds(1), "2024-02-29 12:00:00.000001"},
    };
    for (const auto& [value, text] : samples) {
        INFO(text);
        const auto plain = roundtrip<timestamp>(conn.get(), "TIMESTAMP", value);
        CHECK(plain.value == value);
        CHECK(plain.text == text);
        const auto zoned = roundtrip<timestamp>(conn.get(), "TIMESTAMPTZ", value);
        CHECK(zoned.value == value);
        CHECK(zoned.text == text + "+00");
    }

    SECTION("now, and the server agrees on the epoch") {
        const timestamp now = floor<microseconds>(system_clock::now());
        CHECK(roundtrip<timestamp>(conn.get(), "TIMESTAMP", now).value == now);
        make_table(conn.get(), "TIMESTAMPTZ");
        insert_one(conn.get(), now);
        const auto server_delta = std::stod(scalar_text(conn.get(), "SELECT extract(epoch FROM now() - v) FROM rt"));
        CHECK(std::abs(server_delta) < 60.0);
    }
    SECTION("coarser time points") {
        const sys_seconds s = floor<seconds>(timestamp(ymd(1960, 6, 15)) + hours(7));
        CHECK(roundtrip<sys_seconds>(conn.get(), "TIMESTAMP", s).value == s);
        const sys_hours h = sys_hours(ymd(1066, 10, 14)) + hours(9);
        CHECK(roundtrip<sys_hours>(conn.get(), "TIMESTAMP", h).value == h);
        CHECK(roundtrip<sys_hours>(conn.get(), "TIMESTAMP", h).text == "1066-10-14 09:00:00");
        make_table(conn.get(), "TIMESTAMP");
        insert_one(conn.get(), timestamp(ymd(2020, 1, 1)) + milliseconds(5));
        CHECK_THAT(data_error_message([&] { read_back<sys_seconds>(conn.get()); }),
                   Catch::Contains("column \"v\"") && Catch::Contains("sys_seconds"));
    }
    SECTION("infinity maps to time_point::max() and -infinity to min()") {
        make_table(conn.get(), "TIMESTAMP");
        exec(conn.get(), "INSERT INTO rt VALUES ('infinity')");
        CHECK(read_back<timestamp>(conn.get()) == timestamp::max());
        CHECK(read_back<sys_hours>(conn.get()) == sys_hours::max());
        CHECK(roundtrip<timestamp>(conn.get(), "TIMESTAMP", timestamp::max()).text == "infinity");
        CHECK(roundtrip<timestamp>(conn.get(), "TIMESTAMP", timestamp::min()).text == "-infinity");
        CHECK(roundtrip<timestamp>(conn.get(), "TIMESTAMP", timestamp::min()).value == timestamp::min());
        CHECK(roundtrip<sys_seconds>(conn.get(), "TIMESTAMP", sys_seconds::max()).text == "infinity");
    }
    SECTION("values outside either side's range are errors, not other instants") {
        make_table(conn.get(), "TIMESTAMP");
        CHECK_THROWS_AS(insert_one(conn.get(), sys_hours(ymd(-5000, 1, 1))), ctql::data_error);
        CHECK_THROWS_AS(insert_one(conn.get(), sys_seconds(seconds(std::numeric_limits<std::int64_t>::max() / 2))),
                        ctql::data_error);
        CHECK(scalar_text(conn.get(), "SELECT count(*) FROM rt") == "0");
        // After ctql::timestamp's last microsecond (in the year 294247), within PostgreSQL's range.
        exec(conn.get(), "INSERT INTO rt VALUES ('294270-01-01 00:00:00')");
        CHECK_THAT(data_error_message([&] { read_back<timestamp>(conn.get()); }), Catch::Contains("column \"v\""));
        // std::chrono::year stops at 32767: the server counts the days instead.
        const auto days = std::stoll(scalar_text(conn.get(), "SELECT v::date - DATE '1970-01-01' FROM rt"));
        CHECK(read_back<sys_hours>(conn.get()).time_since_epoch().count() == days * 24);
    }
}

TEST_CASE("postgres codec: dates", "[postgres][codec]") {
    using namespace std::chrono;
    auto conn = ctql_test::connect_test_db();
    STATIC_REQUIRE(codec<sys_days>::oid == ctql::postgres::oid::date);
    STATIC_REQUIRE(param_oid_v<sys_days> == ctql::postgres::oid::date);
    STATIC_REQUIRE(ctql::postgres::oid::array_of(ctql::postgres::oid::date) == 1182);

    struct sample {
        sys_days value;
        std::string text;
    };
    // Days counted from 1970 (this side) and from 2000 (the server's side).
    const sample samples[] = {
        {ymd(2000, 1, 1), "2000-01-01"},
        {ymd(1970, 1, 1), "1970-01-01"},
        {ymd(1969, 12, 31), "1969-12-31"},
        {ymd(1999, 12, 31), "1999-12-31"},
        {ymd(2024, 2, 29), "2024-02-29"},
        {ymd(1900, 3, 1), "1900-03-01"},
        {ymd(1, 1, 1), "0001-01-01"},
        {ymd(-4713, 11, 24), "4714-11-24 BC"},  // the server's first day
        {ymd(32767, 12, 31), "32767-12-31"},
        {sys_days(days(pg_end_date + pg_epoch_offset_days - 1)), "5874897-12-31"},  // and its last
    };
    for (const auto& [value, text] : samples) {
        INFO(text);
        const auto stored = roundtrip<sys_days>(conn.get(), "DATE", value);
        CHECK(stored.value == value);
        CHECK(stored.text == text);
        CHECK(roundtrip<std::optional<sys_days>>(conn.get(), "DATE", std::optional{value}).value == value);
    }
    CHECK_FALSE(roundtrip<std::optional<sys_days>>(conn.get(), "DATE", std::optional<sys_days>()).value.has_value());

    SECTION("infinity maps to sys_days::max() and -infinity to min()") {
        CHECK(roundtrip<sys_days>(conn.get(), "DATE", sys_days::max()).text == "infinity");
        CHECK(roundtrip<sys_days>(conn.get(), "DATE", sys_days::min()).text == "-infinity");
        CHECK(roundtrip<sys_days>(conn.get(), "DATE", sys_days::min()).value == sys_days::min());
        make_table(conn.get(), "DATE");
        exec(conn.get(), "INSERT INTO rt VALUES ('infinity')");
        CHECK(read_back<sys_days>(conn.get()) == sys_days::max());
    }
    SECTION("days outside the server's range are errors, not other days") {
        make_table(conn.get(), "DATE");
        CHECK_THROWS_AS(insert_one(conn.get(), ymd(-5000, 1, 1)), ctql::data_error);
        CHECK_THROWS_WITH(insert_one(conn.get(), sys_days(days(pg_end_date + pg_epoch_offset_days))),
                          Catch::Contains("outside PostgreSQL's date range"));
        CHECK_THROWS_AS(insert_one(conn.get(), sys_days(days(std::numeric_limits<sys_days::rep>::max() - 1))),
                        ctql::data_error);
        CHECK(scalar_text(conn.get(), "SELECT count(*) FROM rt") == "0");
    }
    SECTION("a date is neither read from nor read as a timestamp") {
        make_table(conn.get(), "DATE");
        insert_one(conn.get(), ymd(2024, 2, 29));
        CHECK_THAT(data_error_message([&] { read_back<ctql::timestamp>(conn.get()); }),
                   Catch::Contains("column \"v\" has PostgreSQL type date") && Catch::Contains("ctql::timestamp"));
        make_table(conn.get(), "TIMESTAMP");
        insert_one(conn.get(), ctql::timestamp(ymd(2024, 2, 29)));
        CHECK_THAT(data_error_message([&] { read_back<sys_days>(conn.get()); }),
                   Catch::Contains("has PostgreSQL type timestamp") && Catch::Contains("std::chrono::sys_days"));
    }
    SECTION("a run-time list of dates is a date[]") {
        param_buffer<1> params;
        params.set(0, ctql::value_array<sys_days>{{ymd(1969, 12, 31), ymd(2024, 2, 29)}});
        CHECK(params.param_types()[0] == 1182);
        const char* sql = "SELECT $1::text";
        owned_result r{PQexecParams(conn.get(), sql, params.size(), params.param_types(), params.param_values(),
                                    params.param_lengths(), params.param_formats(), 0)};
        if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw_result_error(r.get(), conn.get(), sql);
        CHECK(std::string(PQgetvalue(r.get(), 0, 0)) == "{1969-12-31,2024-02-29}");
    }
}

TEST_CASE("postgres codec: NULL and optionals", "[postgres][codec]") {
    auto conn = ctql_test::connect_test_db();
    const auto empty = roundtrip<std::optional<std::int32_t>>(conn.get(), "INTEGER", std::optional<std::int32_t>());
    CHECK_FALSE(empty.value.has_value());
    CHECK(empty.text == "<null>");
    CHECK(roundtrip<std::optional<std::int32_t>>(conn.get(), "INTEGER", std::optional<std::int32_t>(7)).value == 7);
    CHECK(roundtrip<std::optional<std::string>>(conn.get(), "TEXT", std::optional<std::string>("x")).value == "x");
    CHECK_FALSE(roundtrip<std::optional<std::string>>(conn.get(), "TEXT", ctql::null).value.has_value());
    CHECK_FALSE(roundtrip<std::optional<ctql::timestamp>>(conn.get(), "TIMESTAMP", std::nullopt).value.has_value());
    const std::optional<ctql::blob> no_blob;
    CHECK_FALSE(roundtrip<std::optional<ctql::blob>>(conn.get(), "BYTEA", no_blob).value.has_value());

    make_table(conn.get(), "TEXT");
    insert_one(conn.get(), ctql::null);
    CHECK_THAT(data_error_message([&] { read_back<std::string>(conn.get()); }),
               Catch::Contains("column \"v\" is NULL") && Catch::Contains("std::string"));
}

TEST_CASE("postgres codec: result types are checked once per column", "[postgres][codec]") {
    auto conn = ctql_test::connect_test_db();
    owned_result r = select_binary(conn.get(), "SELECT 1::int4 AS x, 'a'::text AS y, 1.5::numeric AS z");
    CHECK_THAT(data_error_message([&] { check_column_type<std::string>(r.get(), 0); }),
               Catch::Equals("column \"x\" has PostgreSQL type int4 but the result type is std::string"));
    CHECK_THAT(data_error_message([&] { check_column_type<std::optional<std::int64_t>>(r.get(), 1); }),
               Catch::Equals("column \"y\" has PostgreSQL type text but the result type is "
                             "std::optional<std::int64_t>"));
    CHECK_THAT(data_error_message([&] { check_column_type<double>(r.get(), 2); }),
               Catch::Contains("numeric") && Catch::Contains("double"));
    CHECK_THAT(data_error_message([&] { check_result_types<std::int32_t>(r.get()); }),
               Catch::Contains("3 columns"));
    CHECK_NOTHROW(check_column_type<std::int64_t>(r.get(), 0));
    CHECK_NOTHROW(check_column_type<std::int16_t>(r.get(), 0));

    owned_result text_result = exec(conn.get(), "SELECT 1::int4 AS x");
    CHECK_THROWS_AS(check_column_type<std::int32_t>(text_result.get(), 0), ctql::interface_error);
}

TEST_CASE("postgres codec: several parameters, fixed and dynamic buffers, prepared", "[postgres][codec]") {
    auto conn = ctql_test::connect_test_db();
    const std::string name = "n\xC3\xA4me";
    const ctql::blob bytes{std::byte{1}, std::byte{0}, std::byte{2}};
    const ctql::timestamp when = ctql::timestamp(ymd(1999, 12, 31)) + std::chrono::microseconds(5);
    const char* sql = "SELECT $1, $2, $3, $4, $5, $6, $7";

    const auto check_row = [&](const PGresult* r) {
        REQUIRE(PQntuples(r) == 1);
        check_result_types<std::int64_t, std::string, ctql::blob, ctql::timestamp, std::optional<double>, bool,
                           std::uint16_t>(r);
        CHECK(read<std::int64_t>(r, 0, 0) == -5);
        CHECK(read<std::string>(r, 0, 1) == name);
        CHECK(read<ctql::blob>(r, 0, 2) == bytes);
        CHECK(read<ctql::timestamp>(r, 0, 3) == when);
        CHECK_FALSE(read<std::optional<double>>(r, 0, 4).has_value());
        CHECK(read<bool>(r, 0, 5) == true);
        CHECK(read<std::uint16_t>(r, 0, 6) == 65535);
    };

    SECTION("binding a temporary that owns its bytes does not compile") {
        STATIC_REQUIRE(can_set<param_buffer<1>, const std::string&>);
        STATIC_REQUIRE_FALSE(can_set<param_buffer<1>, std::string>);
        STATIC_REQUIRE_FALSE(can_set<dynamic_param_buffer, ctql::blob>);
        STATIC_REQUIRE_FALSE(can_set<param_buffer<1>, std::optional<std::string>>);
        STATIC_REQUIRE(can_set<param_buffer<1>, std::string_view>);
        STATIC_REQUIRE(can_set<param_buffer<1>, int>);
        STATIC_REQUIRE_FALSE(can_set<param_buffer<1>, std::vector<char>>);  // not a column type
        // An array is encoded into the buffer's own storage: even a temporary is fine.
        STATIC_REQUIRE(can_set<param_buffer<1>, std::vector<int>>);
    }
    SECTION("param_buffer<N>") {
        param_buffer<7> params;
        params.set_all(std::int64_t{-5}, name, bytes, when, std::optional<double>(), true, std::uint16_t{65535});
        owned_result r{PQexecParams(conn.get(), sql, params.size(), params.param_types(), params.param_values(),
                                 params.param_lengths(), params.param_formats(), 1)};
        if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw_result_error(r.get(), conn.get(), sql);
        check_row(r.get());
    }
    SECTION("dynamic_param_buffer") {
        dynamic_param_buffer params(7);
        params.set(0, std::int64_t{-5});
        params.set(1, name);
        params.set(2, bytes);
        params.set(3, when);
        params.set(4, std::optional<double>());
        params.set(5, true);
        params.set(6, std::uint16_t{65535});
        owned_result r{PQexecParams(conn.get(), sql, params.size(), params.param_types(), params.param_values(),
                                 params.param_lengths(), params.param_formats(), 1)};
        if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw_result_error(r.get(), conn.get(), sql);
        check_row(r.get());
    }
    SECTION("prepared with the declared parameter types, executed many times") {
        constexpr auto types = param_oids_v<std::int64_t, std::string, ctql::blob, ctql::timestamp,
                                            std::optional<double>, bool, std::uint16_t>;
        owned_result prep{PQprepare(conn.get(), "ctql_codec_test", sql, static_cast<int>(types.size()), types.data())};
        if (PQresultStatus(prep.get()) != PGRES_COMMAND_OK) throw_result_error(prep.get(), conn.get(), sql);
        for (int i = 0; i < 3; ++i) {
            param_buffer<7> params;
            params.set_all(std::int64_t{-5}, name, bytes, when, ctql::null, true, std::uint16_t{65535});
            owned_result r{PQexecPrepared(conn.get(), "ctql_codec_test", params.size(), params.param_values(),
                                       params.param_lengths(), params.param_formats(), 1)};
            if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw_result_error(r.get(), conn.get(), sql);
            check_row(r.get());
        }
    }
}
