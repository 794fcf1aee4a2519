#include <ctql/backend/sqlite/codec.hpp>
#include <ctql/backend/sqlite/error.hpp>

#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

using ctql::sqlite::detail::bind;
using ctql::sqlite::detail::read;
using namespace std::chrono;

namespace {

// One column per SQLite affinity; `a` has no declared type and so no affinity.
constexpr const char* schema = "CREATE TABLE t(i INTEGER, r REAL, s TEXT, b BLOB, n NUMERIC, a)";

class memory_db {
public:
    memory_db() {
        REQUIRE(sqlite3_open(":memory:", &db_) == SQLITE_OK);
        exec(schema);
    }
    ~memory_db() { sqlite3_close(db_); }
    memory_db(const memory_db&) = delete;
    memory_db& operator=(const memory_db&) = delete;

    sqlite3* handle() const { return db_; }

    void exec(const std::string& sql) {
        char* message = nullptr;
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
        const std::string text = message != nullptr ? message : "";
        sqlite3_free(message);
        INFO(sql << ": " << text);
        REQUIRE(rc == SQLITE_OK);
    }

    // Binds `value` into column `column` of a fresh row, then reads it back as `Result`.
    template <class Result, class Value>
    Result roundtrip(std::string_view column, const Value& value) {
        exec("DELETE FROM t");
        const std::string insert = "INSERT INTO t(" + std::string(column) + ") VALUES (?)";
        {
            statement st(db_, insert);
            bind(db_, st.get(), 1, value, insert);
            REQUIRE(sqlite3_step(st.get()) == SQLITE_DONE);
        }
        statement st(db_, "SELECT " + std::string(column) + " FROM t");
        REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
        return read<Result>(st.get(), 0);
    }

    // The SQLite storage class the last roundtrip left in `column`.
    std::string stored_type(std::string_view column) {
        statement st(db_, "SELECT typeof(" + std::string(column) + ") FROM t");
        REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
        return reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
    }

    class statement {
    public:
        statement(sqlite3* db, const std::string& sql) {
            INFO(sql << ": " << sqlite3_errmsg(db));
            REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st_, nullptr) == SQLITE_OK);
        }
        ~statement() { sqlite3_finalize(st_); }
        statement(const statement&) = delete;
        statement& operator=(const statement&) = delete;
        sqlite3_stmt* get() const { return st_; }

    private:
        sqlite3_stmt* st_ = nullptr;
    };

private:
    sqlite3* db_ = nullptr;
};

template <class T>
void check_integer_extremes(memory_db& db) {
    // Every column whose affinity keeps a 64-bit integer exact (REAL would round it).
    for (const char* column : {"i", "s", "b", "n", "a"}) {
        for (const T value : {std::numeric_limits<T>::min(), std::numeric_limits<T>::max(), T{0}, T{1}}) {
            INFO("column " << column << ", value " << +value);
            CHECK(db.roundtrip<T>(column, value) == value);
            CHECK(db.roundtrip<std::optional<T>>(column, std::optional<T>{value}) == value);
        }
    }
}

template <class T>
void check_floats(memory_db& db) {
    using limits = std::numeric_limits<T>;
    for (const char* column : {"r", "n", "a"}) {
        for (const T value : {T{0}, T{1.5}, T{-2.25}, limits::max(), limits::lowest(), limits::min(),
                              limits::denorm_min(), -limits::denorm_min(), limits::infinity(), -limits::infinity(),
                              limits::epsilon()}) {
            INFO("column " << column << ", value " << value);
            CHECK(db.roundtrip<T>(column, value) == value);
        }
        INFO("column " << column);
        CHECK(std::isnan(db.roundtrip<T>(column, limits::quiet_NaN())));
        CHECK(std::isnan(*db.roundtrip<std::optional<T>>(column, std::optional<T>{limits::quiet_NaN()})));
    }
}

std::string mebibyte_of_text() {
    std::string text(1 << 20, '\0');
    for (std::size_t i = 0; i < text.size(); ++i) text[i] = static_cast<char>('a' + i % 26);
    return text;
}

ctql::timestamp at(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, std::int64_t us = 0) {
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} + microseconds{us};
}

}  // namespace

TEST_CASE("Every fixed-width integer type round-trips at its minimum and maximum") {
    memory_db db;
    check_integer_extremes<std::int8_t>(db);
    check_integer_extremes<std::int16_t>(db);
    check_integer_extremes<std::int32_t>(db);
    check_integer_extremes<std::int64_t>(db);
    check_integer_extremes<std::uint8_t>(db);
    check_integer_extremes<std::uint16_t>(db);
    check_integer_extremes<std::uint32_t>(db);
    check_integer_extremes<std::uint64_t>(db);
}

TEST_CASE("A uint64 above INT64_MAX is stored bit-cast as a negative integer") {
    memory_db db;
    CHECK(db.roundtrip<std::int64_t>("i", std::numeric_limits<std::uint64_t>::max()) == -1);
    CHECK(db.stored_type("i") == "integer");
}

TEST_CASE("A bool round-trips as the integers 0 and 1") {
    memory_db db;
    CHECK(db.roundtrip<bool>("i", true) == true);
    CHECK(db.roundtrip<std::int64_t>("i", true) == 1);
    CHECK(db.roundtrip<bool>("i", false) == false);
    CHECK(db.roundtrip<std::int64_t>("i", false) == 0);
}

TEST_CASE("Any nonzero integer reads as true") {
    memory_db db;
    CHECK(db.roundtrip<bool>("i", std::int64_t{-7}) == true);
    CHECK(db.roundtrip<bool>("i", std::numeric_limits<std::int64_t>::min()) == true);
}

TEST_CASE("Floats and doubles round-trip including extremes, denormals, infinities and NaN") {
    memory_db db;
    check_floats<double>(db);
    check_floats<float>(db);
}

TEST_CASE("NaN is stored as the text NaN because SQLite would turn it into NULL") {
    memory_db db;
    std::ignore = db.roundtrip<double>("r", std::numeric_limits<double>::quiet_NaN());
    CHECK(db.stored_type("r") == "text");
    CHECK(db.roundtrip<std::string>("r", std::numeric_limits<double>::quiet_NaN()) == "NaN");
}

TEST_CASE("Negative zero keeps its sign in a column without numeric affinity") {
    memory_db db;
    for (const char* column : {"a", "b"}) {
        INFO("column " << column);
        const double value = db.roundtrip<double>(column, -0.0);
        CHECK(value == 0.0);
        CHECK(std::signbit(value));
        CHECK(std::signbit(db.roundtrip<float>(column, -0.0f)));
    }
}

TEST_CASE("A REAL or NUMERIC column stores negative zero as plain zero, which SQLite does itself") {
    memory_db db;
    for (const char* column : {"r", "n"}) {
        INFO("column " << column);
        CHECK(db.roundtrip<double>(column, -0.0) == 0.0);
    }
}

TEST_CASE("Real zero and integer zero read as zero, not as NULL or NaN") {
    memory_db db;
    CHECK(db.roundtrip<double>("r", 0.0) == 0.0);
    CHECK(db.roundtrip<double>("i", std::int64_t{0}) == 0.0);
    CHECK(db.roundtrip<std::optional<double>>("r", 0.0) == 0.0);
    CHECK(db.roundtrip<std::int64_t>("i", std::int64_t{0}) == 0);
    CHECK(db.roundtrip<std::optional<std::int64_t>>("i", std::int64_t{0}) == 0);
}

TEST_CASE("Strings round-trip byte for byte: empty, with NUL bytes, non-ASCII and 1 MiB") {
    memory_db db;
    const std::string values[] = {"", std::string("a\0b", 3), std::string("\0", 1), "Grüße, 世界 🎉",
                                  mebibyte_of_text()};
    for (const char* column : {"s", "a", "b"}) {
        for (const std::string& value : values) {
            INFO("column " << column << ", size " << value.size());
            const auto back = db.roundtrip<std::string>(column, value);
            CHECK(back.size() == value.size());
            CHECK(back == value);
            CHECK(db.stored_type(column) == "text");
            CHECK(db.roundtrip<std::optional<std::string>>(column, std::optional<std::string>{value}) == value);
        }
    }
}

TEST_CASE("An empty string stays an empty string and never becomes NULL") {
    memory_db db;
    CHECK(db.roundtrip<std::optional<std::string>>("s", std::string{}) == std::string{});
    CHECK(db.stored_type("s") == "text");
    CHECK(db.roundtrip<std::optional<std::string>>("s", std::string_view{}) == std::string{});
    CHECK(db.stored_type("s") == "text");
}

TEST_CASE("Hostile strings are bound as data and come back unchanged") {
    memory_db db;
    for (const std::string value : {"'); DROP TABLE t; --", "\"", "'", "/* */", "?", "?1 :x @y $z", "\\", "%s%n"}) {
        INFO(value);
        CHECK(db.roundtrip<std::string>("s", value) == value);
    }
    db.exec("SELECT count(*) FROM t");  // the table is still there
}

TEST_CASE("A string_view binds with its explicit length and not up to a terminator") {
    memory_db db;
    const std::string backing = "prefix-and-rest";
    CHECK(db.roundtrip<std::string>("s", std::string_view(backing).substr(0, 6)) == "prefix");
    CHECK(db.roundtrip<std::string>("s", std::string_view("x\0y", 3)) == std::string("x\0y", 3));
}

TEST_CASE("Blobs round-trip: empty stays an empty blob, all byte values, 1 MiB") {
    memory_db db;
    ctql::blob all_bytes;
    for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<std::byte>(i));
    ctql::blob mebibyte(1 << 20);
    for (std::size_t i = 0; i < mebibyte.size(); ++i) mebibyte[i] = static_cast<std::byte>(i * 7 % 251);

    for (const char* column : {"b", "a", "s"}) {
        for (const ctql::blob& value : {ctql::blob{}, all_bytes, mebibyte}) {
            INFO("column " << column << ", size " << value.size());
            CHECK(db.roundtrip<ctql::blob>(column, value) == value);
            CHECK(db.stored_type(column) == "blob");
            const auto optional = db.roundtrip<std::optional<ctql::blob>>(column, value);
            REQUIRE(optional.has_value());
            CHECK(*optional == value);
        }
    }
}

TEST_CASE("Timestamps round-trip across the storable range, before 1970 included") {
    memory_db db;
    const ctql::timestamp values[] = {ctql::timestamp{}, at(1969, 12, 31, 23, 59, 59, 999'999), at(1, 1, 1),
                                      at(9999, 12, 31, 23, 59, 59, 999'999), at(2024, 2, 29, 12, 0, 0, 1)};
    for (const char* column : {"s", "a"}) {
        for (const auto value : values) {
            INFO("column " << column << ", value " << ctql::detail::format_timestamp(value));
            CHECK(db.roundtrip<ctql::timestamp>(column, value) == value);
            CHECK(db.roundtrip<std::optional<ctql::timestamp>>(column, std::optional{value}) == value);
            CHECK(db.stored_type(column) == "text");
        }
    }
    CHECK(db.roundtrip<std::string>("s", at(1969, 12, 31, 23, 59, 59, 999'999)) == "1969-12-31 23:59:59.999999");
}

TEST_CASE("Seconds and milliseconds clocks round-trip through the same text") {
    memory_db db;
    const sys_seconds whole = sys_days{year{1950} / 6 / 15} + hours{3} + seconds{7};
    CHECK(db.roundtrip<sys_seconds>("s", whole) == whole);
    CHECK(db.roundtrip<std::string>("s", whole) == "1950-06-15 03:00:07.000000");

    const sys_time<milliseconds> precise = sys_days{year{2030} / 1 / 2} + milliseconds{123};
    CHECK(db.roundtrip<sys_time<milliseconds>>("s", precise) == precise);
    CHECK(db.roundtrip<ctql::timestamp>("s", precise) == precise);
    CHECK(db.roundtrip<sys_seconds>("s", precise) == floor<seconds>(precise));
}

TEST_CASE("Timestamps written by SQLite's own date functions read back") {
    memory_db db;
    db.exec("DELETE FROM t");
    db.exec("INSERT INTO t(s) VALUES (datetime('2001-02-03 04:05:06')), (date('2001-02-03'))");
    memory_db::statement st(db.handle(), "SELECT s FROM t ORDER BY rowid");
    REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
    CHECK(read<sys_seconds>(st.get(), 0) == sys_days{year{2001} / 2 / 3} + hours{4} + minutes{5} + seconds{6});
    REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
    CHECK(read<sys_days>(st.get(), 0) == sys_days{year{2001} / 2 / 3});
}

TEST_CASE("Dates round-trip as YYYY-MM-DD text across the storable range, before 1970 included") {
    memory_db db;
    const sys_days values[] = {sys_days{},           sys_days{year{1969} / 12 / 31}, sys_days{year{1} / 1 / 1},
                               sys_days{year{9999} / 12 / 31}, sys_days{year{2024} / 2 / 29}, sys_days{year{1900} / 3 / 1}};
    for (const char* column : {"s", "a"}) {
        for (const auto value : values) {
            INFO("column " << column << ", value " << ctql::detail::format_date(value));
            CHECK(db.roundtrip<sys_days>(column, value) == value);
            CHECK(db.roundtrip<std::optional<sys_days>>(column, std::optional{value}) == value);
            CHECK(db.stored_type(column) == "text");
        }
        CHECK_FALSE(db.roundtrip<std::optional<sys_days>>(column, std::optional<sys_days>{}));
        CHECK(db.stored_type(column) == "null");
    }
    CHECK(db.roundtrip<std::string>("s", sys_days{year{1969} / 12 / 31}) == "1969-12-31");
    CHECK(db.roundtrip<std::string>("s", sys_days{year{1} / 1 / 1}) == "0001-01-01");
    // Text order is date order, so SQL compares and sorts the column as dates.
    CHECK(ctql::detail::format_date(sys_days{year{999} / 12 / 31}) < ctql::detail::format_date(sys_days{year{1000} / 1 / 1}));
}

TEST_CASE("Dates written by SQLite's date() read back") {
    memory_db db;
    db.exec("DELETE FROM t");
    db.exec("INSERT INTO t(s) VALUES (date('2001-01-31', '+29 days')), (date('1969-12-31 23:59:59.999'))");
    memory_db::statement st(db.handle(), "SELECT s FROM t ORDER BY rowid");
    REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
    CHECK(read<sys_days>(st.get(), 0) == sys_days{year{2001} / 3 / 1});
    REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);
    CHECK(read<sys_days>(st.get(), 0) == sys_days{year{1969} / 12 / 31});
}

TEST_CASE("A date outside years 0001 to 9999 cannot be bound") {
    memory_db db;
    CHECK_THROWS_WITH(db.roundtrip<sys_days>("s", sys_days{year{10000} / 1 / 1}),
                      Catch::Contains("parameter 1 is a date outside the storable range"));
    CHECK_THROWS_AS(db.roundtrip<sys_days>("s", sys_days{year{0} / 12 / 31}), ctql::data_error);
    CHECK_THROWS_AS(db.roundtrip<sys_days>("s", sys_days::max()), ctql::data_error);
}

TEST_CASE("Text that is not a date throws data_error naming the column; a timestamp is not a date") {
    memory_db db;
    CHECK_THROWS_WITH(db.roundtrip<sys_days>("s", std::string("2023-02-29")),
                      Catch::Contains("column \"s\" holds \"2023-02-29\", which is not a date"));
    CHECK_THROWS_WITH(db.roundtrip<sys_days>("s", ctql::timestamp{sys_days{year{2024} / 2 / 29}}),
                      Catch::Contains("holds \"2024-02-29 00:00:00.000000\", which is not a date"));
}

TEST_CASE("A run-time list of dates is a JSON array of their text") {
    const ctql::value_array<sys_days> list{{sys_days{year{1969} / 12 / 31}, sys_days{year{2024} / 2 / 29}}};
    CHECK(ctql::sqlite::detail::json_array(list) == R"(["1969-12-31","2024-02-29"])");
}

TEST_CASE("A timestamp outside years 0001 to 9999 cannot be bound") {
    memory_db db;
    CHECK_THROWS_AS(db.roundtrip<ctql::timestamp>("s", at(10000, 1, 1)), ctql::data_error);
}

TEST_CASE("Text that is not a timestamp throws data_error naming the column and quoting the text") {
    memory_db db;
    CHECK_THROWS_WITH(db.roundtrip<ctql::timestamp>("s", std::string("yesterday")),
                      Catch::Contains("column \"s\" holds \"yesterday\", which is not a timestamp"));
}

TEST_CASE("An empty optional binds NULL and reads back as nullopt for every type") {
    memory_db db;
    for (const char* column : {"i", "r", "s", "b", "n", "a"}) {
        INFO("column " << column);
        CHECK_FALSE(db.roundtrip<std::optional<std::int8_t>>(column, std::optional<std::int8_t>{}));
        CHECK(db.stored_type(column) == "null");
        CHECK_FALSE(db.roundtrip<std::optional<std::int64_t>>(column, std::optional<std::int64_t>{}));
        CHECK_FALSE(db.roundtrip<std::optional<std::uint64_t>>(column, std::optional<std::uint64_t>{}));
        CHECK_FALSE(db.roundtrip<std::optional<bool>>(column, std::optional<bool>{}));
        CHECK_FALSE(db.roundtrip<std::optional<double>>(column, std::optional<double>{}));
        CHECK_FALSE(db.roundtrip<std::optional<float>>(column, std::optional<float>{}));
        CHECK_FALSE(db.roundtrip<std::optional<std::string>>(column, std::optional<std::string>{}));
        CHECK_FALSE(db.roundtrip<std::optional<std::string>>(column, std::optional<std::string_view>{}));
        CHECK_FALSE(db.roundtrip<std::optional<ctql::blob>>(column, std::optional<ctql::blob>{}));
        CHECK_FALSE(db.roundtrip<std::optional<ctql::timestamp>>(column, std::optional<ctql::timestamp>{}));
        CHECK_FALSE(db.roundtrip<std::optional<sys_seconds>>(column, std::optional<sys_seconds>{}));
        CHECK(db.stored_type(column) == "null");
    }
}

TEST_CASE("ctql::null and std::nullopt bind NULL") {
    memory_db db;
    CHECK_FALSE(db.roundtrip<std::optional<std::string>>("s", ctql::null));
    CHECK(db.stored_type("s") == "null");
    CHECK_FALSE(db.roundtrip<std::optional<std::int64_t>>("i", std::nullopt));
    CHECK(db.stored_type("i") == "null");
}

TEST_CASE("Reading NULL into a non-optional type throws data_error naming the column and the type") {
    memory_db db;
    db.exec("DELETE FROM t");
    db.exec("INSERT INTO t DEFAULT VALUES");
    memory_db::statement st(db.handle(), "SELECT i AS id, r AS score, s AS email, b AS photo, s AS created FROM t");
    REQUIRE(sqlite3_step(st.get()) == SQLITE_ROW);

    CHECK_THROWS_AS(read<std::int64_t>(st.get(), 0), ctql::data_error);
    CHECK_THROWS_WITH(read<std::int32_t>(st.get(), 0),
                      Catch::StartsWith("column \"id\" is NULL but the result type std::int32_t is not optional"));
    CHECK_THROWS_WITH(read<bool>(st.get(), 0), Catch::Contains("column \"id\" is NULL"));
    CHECK_THROWS_WITH(read<double>(st.get(), 1), Catch::Contains("column \"score\" is NULL"));
    CHECK_THROWS_WITH(read<std::string>(st.get(), 2),
                      Catch::StartsWith("column \"email\" is NULL but the result type std::string is not optional; "
                                        "select it as std::optional<std::string> or filter out NULLs"));
    CHECK_THROWS_WITH(read<ctql::blob>(st.get(), 3), Catch::Contains("column \"photo\" is NULL") &&
                                                         Catch::Contains("ctql::blob"));
    CHECK_THROWS_WITH(read<ctql::timestamp>(st.get(), 4), Catch::Contains("column \"created\" is NULL") &&
                                                              Catch::Contains("ctql::timestamp"));
    try {
        std::ignore = read<std::string>(st.get(), 2);
        FAIL("expected data_error");
    } catch (const ctql::data_error& e) {
        CHECK(e.sql() == "SELECT i AS id, r AS score, s AS email, b AS photo, s AS created FROM t");
    }
}

TEST_CASE("Reading an integer that does not fit the target type throws data_error") {
    memory_db db;
    CHECK_THROWS_AS(db.roundtrip<std::int8_t>("i", std::int64_t{128}), ctql::data_error);
    CHECK_THROWS_AS(db.roundtrip<std::int8_t>("i", std::int64_t{-129}), ctql::data_error);
    CHECK_THROWS_AS(db.roundtrip<std::uint8_t>("i", std::int64_t{256}), ctql::data_error);
    CHECK_THROWS_AS(db.roundtrip<std::uint16_t>("i", std::int64_t{-1}), ctql::data_error);
    CHECK_THROWS_AS(db.roundtrip<std::int32_t>("i", std::int64_t{1} << 31), ctql::data_error);
    CHECK_THROWS_AS(db.roundtrip<std::uint32_t>("i", std::int64_t{1} << 32), ctql::data_error);
    CHECK_THROWS_AS(db.roundtrip<std::optional<std::int16_t>>("i", std::int64_t{40'000}), ctql::data_error);
    CHECK_THROWS_WITH(db.roundtrip<std::uint8_t>("i", std::int64_t{300}),
                      Catch::StartsWith("column \"i\" holds 300, which does not fit in std::uint8_t"));
}

TEST_CASE("Reading a double too large for float throws data_error") {
    memory_db db;
    CHECK_THROWS_WITH(db.roundtrip<float>("r", 1e300), Catch::Contains("which does not fit in float"));
    CHECK(std::isinf(db.roundtrip<float>("r", std::numeric_limits<double>::infinity())));
}

TEST_CASE("A UNIQUE violation is an integrity_error with the extended code and the SQL") {
    memory_db db;
    db.exec("CREATE TABLE users(email TEXT UNIQUE)");
    db.exec("INSERT INTO users VALUES ('a@example.com')");
    const std::string sql = "INSERT INTO users(email) VALUES (?)";
    memory_db::statement st(db.handle(), sql);
    const std::string email = "a@example.com";
    bind(db.handle(), st.get(), 1, email, sql);
    const int rc = sqlite3_step(st.get());
    REQUIRE(rc == SQLITE_CONSTRAINT);
    try {
        ctql::sqlite::detail::throw_error(db.handle(), rc, sql);
    } catch (const ctql::integrity_error& e) {
        CHECK(e.code() == SQLITE_CONSTRAINT_UNIQUE);
        CHECK(e.message() == "UNIQUE constraint failed: users.email");
        CHECK(e.sql() == sql);
        CHECK_THAT(e.what(), Catch::StartsWith("UNIQUE constraint failed: users.email"));
        return;
    }
    FAIL("expected integrity_error");
}

TEST_CASE("A syntax error is a programming_error") {
    memory_db db;
    sqlite3_stmt* st = nullptr;
    const std::string sql = "SELEC 1";
    const int rc = sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st, nullptr);
    REQUIRE(rc == SQLITE_ERROR);
    try {
        ctql::sqlite::detail::throw_error(db.handle(), rc, sql);
    } catch (const ctql::programming_error& e) {
        CHECK_THAT(e.message(), Catch::Contains("syntax error"));
        CHECK(e.code() == SQLITE_ERROR);
        CHECK(e.sql() == sql);
        return;
    }
    FAIL("expected programming_error");
}

TEST_CASE("Result codes map to the exception class of their meaning") {
    using ctql::sqlite::detail::throw_error;
    CHECK_THROWS_AS(throw_error(nullptr, SQLITE_BUSY, ""), ctql::operational_error);
    CHECK_THROWS_AS(throw_error(nullptr, SQLITE_IOERR_WRITE, ""), ctql::operational_error);
    CHECK_THROWS_AS(throw_error(nullptr, SQLITE_CANTOPEN, ""), ctql::operational_error);
    CHECK_THROWS_AS(throw_error(nullptr, SQLITE_READONLY, ""), ctql::operational_error);
    CHECK_THROWS_AS(throw_error(nullptr, SQLITE_CONSTRAINT_NOTNULL, ""), ctql::integrity_error);
    CHECK_THROWS_AS(throw_error(nullptr, SQLITE_TOOBIG, ""), ctql::data_error);
    CHECK_THROWS_AS(throw_error(nullptr, SQLITE_MISMATCH, ""), ctql::data_error);
    CHECK_THROWS_AS(throw_error(nullptr, SQLITE_MISUSE, ""), ctql::programming_error);
    CHECK_THROWS_AS(throw_error(nullptr, SQLITE_AUTH, ""), ctql::programming_error);
    CHECK_THROWS_WITH(throw_error(nullptr, SQLITE_BUSY, "SELECT 1"),
                      Catch::StartsWith("database is locked") && Catch::Contains("SQL: SELECT 1"));
}

TEST_CASE("A bind to a parameter index that does not exist is a programming_error") {
    memory_db db;
    const std::string sql = "SELECT ?";
    memory_db::statement st(db.handle(), sql);
    CHECK_THROWS_AS(bind(db.handle(), st.get(), 2, std::int64_t{1}, sql), ctql::programming_error);
}
