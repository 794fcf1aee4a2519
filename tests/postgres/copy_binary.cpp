// Bulk loading through COPY BINARY: many rows with every kind of value, and
// the all-or-nothing behaviour when a row is refused.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <ctql/backend/postgres/codec.hpp>
#include <ctql/backend/postgres/copy_binary.hpp>

#include "pg_test_env.hpp"

namespace {

using namespace ctql::postgres::detail;
using ctql_test::exec;
using ctql_test::scalar_text;

constexpr const char* create_items =
    "CREATE TEMP TABLE items (id BIGINT NOT NULL, name TEXT, data BYTEA, at TIMESTAMP, score DOUBLE PRECISION, "
    "flag BOOLEAN NOT NULL, small SMALLINT)";
constexpr const char* copy_items =
    R"(COPY "items" ("id", "name", "data", "at", "score", "flag", "small") FROM STDIN (FORMAT binary))";

const ctql::timestamp base_time = ctql::timestamp(std::chrono::sys_days{std::chrono::year{1969} / 12 / 31});

std::optional<std::string> name_of(std::int64_t i) {
    if (i % 7 == 0) return std::nullopt;
    return "name " + std::to_string(i) + (i % 3 == 0 ? " \xC3\xA9\xE2\x9C\x93" : "");
}

std::optional<ctql::blob> data_of(std::int64_t i) {
    if (i % 5 == 0) return std::nullopt;
    ctql::blob b(static_cast<std::size_t>(i % 17));
    for (std::size_t k = 0; k < b.size(); ++k) b[k] = static_cast<std::byte>((i + static_cast<std::int64_t>(k)) & 0xff);
    return b;
}

void write_item(copy_in_stream& copy, std::int64_t i) {
    const std::optional<ctql::timestamp> at =
        i % 11 == 0 ? std::nullopt : std::optional(base_time + std::chrono::microseconds(i * 1'000'003));
    const std::optional<double> score = i % 13 == 0 ? std::nullopt : std::optional(static_cast<double>(i) * 0.5);
    copy.write_row(i, name_of(i), data_of(i), at, score, i % 2 == 0, static_cast<std::int16_t>(i % 1000));
}

}  // namespace

TEST_CASE("postgres COPY: the binary stream format", "[postgres][copy]") {
    copy_binary_writer w;
    CHECK(w.data() == std::string_view("PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0", 19));
    w.begin_row(3);
    w.field(std::int32_t{1});
    w.field(ctql::null);
    w.field(std::string_view("ab"));
    w.finish();
    CHECK(w.data().substr(19) == std::string_view("\0\3"
                                                  "\0\0\0\4\0\0\0\1"
                                                  "\377\377\377\377"
                                                  "\0\0\0\2ab"
                                                  "\377\377",
                                                  2 + 8 + 4 + 6 + 2));
}

TEST_CASE("postgres COPY: 100,000 rows streamed through copy_in_stream", "[postgres][copy]") {
    auto conn = ctql_test::connect_test_db();
    exec(conn.get(), create_items);
    constexpr std::int64_t n = 100'000;

    std::uint64_t stored = 0;
    {
        copy_in_stream copy(conn.get(), copy_items);
        for (std::int64_t i = 1; i <= n; ++i) {
            write_item(copy, i);
            // Sent as it goes: the buffer never holds much more than a chunk.
            REQUIRE(copy.buffered_bytes() < copy_in_stream::default_flush_bytes + 4096);
        }
        CHECK(copy.rows_written() == static_cast<std::uint64_t>(n));
        stored = copy.finish();
    }
    CHECK(stored == static_cast<std::uint64_t>(n));

    std::int64_t expected_names = 0, expected_data = 0, expected_bytes = 0, expected_at = 0, expected_score = 0;
    for (std::int64_t i = 1; i <= n; ++i) {
        expected_names += i % 7 != 0;
        expected_data += i % 5 != 0;
        expected_bytes += i % 5 != 0 ? i % 17 : 0;
        expected_at += i % 11 != 0;
        expected_score += i % 13 != 0;
    }
    CHECK(scalar_text(conn.get(), "SELECT count(*) FROM items") == std::to_string(n));
    CHECK(scalar_text(conn.get(), "SELECT sum(id) FROM items") == std::to_string(n * (n + 1) / 2));
    CHECK(scalar_text(conn.get(), "SELECT count(name) FROM items") == std::to_string(expected_names));
    CHECK(scalar_text(conn.get(), "SELECT count(data) FROM items") == std::to_string(expected_data));
    CHECK(scalar_text(conn.get(), "SELECT sum(length(data)) FROM items") == std::to_string(expected_bytes));
    CHECK(scalar_text(conn.get(), "SELECT count(at) FROM items") == std::to_string(expected_at));
    CHECK(scalar_text(conn.get(), "SELECT count(score) FROM items") == std::to_string(expected_score));
    CHECK(scalar_text(conn.get(), "SELECT count(*) FROM items WHERE flag") == std::to_string(n / 2));
    CHECK(scalar_text(conn.get(), "SELECT at FROM items WHERE id = 1") == "1969-12-31 00:00:01.000003");

    // A sample of rows read back whole, in binary.
    const char* sql = "SELECT id, name, data, at, score, flag, small FROM items WHERE id % 997 = 0 ORDER BY id";
    ctql_test::owned_result r{PQexecParams(conn.get(), sql, 0, nullptr, nullptr, nullptr, nullptr, 1)};
    REQUIRE(PQresultStatus(r.get()) == PGRES_TUPLES_OK);
    check_result_types<std::int64_t, std::optional<std::string>, std::optional<ctql::blob>,
                       std::optional<ctql::timestamp>, std::optional<double>, bool, std::int16_t>(r.get());
    REQUIRE(PQntuples(r.get()) == n / 997);
    for (int row = 0; row < PQntuples(r.get()); ++row) {
        const std::int64_t i = read<std::int64_t>(r.get(), row, 0);
        CHECK(i == 997 * (row + 1));
        CHECK(read<std::optional<std::string>>(r.get(), row, 1) == name_of(i));
        CHECK(read<std::optional<ctql::blob>>(r.get(), row, 2) == data_of(i));
        const auto at = read<std::optional<ctql::timestamp>>(r.get(), row, 3);
        CHECK(at.has_value() == (i % 11 != 0));
        if (at) CHECK(*at == base_time + std::chrono::microseconds(i * 1'000'003));
        CHECK(read<std::optional<double>>(r.get(), row, 4) ==
              (i % 13 == 0 ? std::nullopt : std::optional(static_cast<double>(i) * 0.5)));
        CHECK(read<bool>(r.get(), row, 5) == (i % 2 == 0));
        CHECK(read<std::int16_t>(r.get(), row, 6) == i % 1000);
    }
}

TEST_CASE("postgres COPY: a refused row stores nothing", "[postgres][copy]") {
    auto conn = ctql_test::connect_test_db();
    exec(conn.get(), create_items);

    SECTION("a NOT NULL violation in the middle of a large load") {
        copy_in_stream copy(conn.get(), copy_items);
        // The server reports the row when it reaches it; libpq surfaces that
        // at the next send or at finish(), whichever comes first.
        try {
            for (std::int64_t i = 1; i <= 50'000; ++i) {
                if (i == 20'000) {
                    copy.write_row(i, ctql::null, ctql::null, ctql::null, ctql::null, ctql::null, ctql::null);
                } else {
                    write_item(copy, i);
                }
            }
            copy.finish();
            FAIL("COPY accepted a NULL in a NOT NULL column");
        } catch (const ctql::integrity_error& e) {
            CHECK(e.sqlstate() == "23502");
            CHECK_THAT(e.message(), Catch::Contains("flag"));
            CHECK(e.sql() == copy_items);
        }
        CHECK_THROWS_AS(copy.finish(), ctql::interface_error);
    }
    SECTION("a small load whose only bad row is sent by finish()") {
        copy_in_stream copy(conn.get(), copy_items);
        write_item(copy, 1);
        copy.write_row(std::int64_t{2}, ctql::null, ctql::null, ctql::null, ctql::null, ctql::null, ctql::null);
        CHECK_THROWS_AS(copy.finish(), ctql::integrity_error);
    }
    SECTION("a field of the wrong binary width") {
        copy_in_stream copy(conn.get(), copy_items);
        // BIGINT (int8) where the column is SMALLINT: COPY BINARY does not cast.
        copy.write_row(std::int64_t{1}, "x", ctql::null, ctql::null, ctql::null, true, std::int64_t{1});
        try {
            copy.finish();
            FAIL("COPY accepted an int8 field for a SMALLINT column");
        } catch (const ctql::data_error& e) {
            CHECK(e.sqlstate() == "22P03");  // incorrect binary data format
        }
    }
    CHECK(scalar_text(conn.get(), "SELECT count(*) FROM items") == "0");
    CHECK(scalar_text(conn.get(), "SELECT 1") == "1");  // the connection is usable
}

TEST_CASE("postgres COPY: an unfinished stream is aborted", "[postgres][copy]") {
    auto conn = ctql_test::connect_test_db();
    exec(conn.get(), create_items);

    SECTION("by its destructor") {
        copy_in_stream copy(conn.get(), copy_items, 1024);  // small: some rows have reached the server
        for (std::int64_t i = 1; i <= 1000; ++i) write_item(copy, i);
    }
    SECTION("explicitly") {
        copy_in_stream copy(conn.get(), copy_items);
        for (std::int64_t i = 1; i <= 1000; ++i) write_item(copy, i);
        copy.abort();
        CHECK_THROWS_AS(copy.write_row(1), ctql::interface_error);
    }
    CHECK(scalar_text(conn.get(), "SELECT count(*) FROM items") == "0");
    CHECK(scalar_text(conn.get(), "SELECT 1") == "1");
}

TEST_CASE("postgres COPY: a value that cannot be encoded leaves the stream intact", "[postgres][copy]") {
    auto conn = ctql_test::connect_test_db();
    exec(conn.get(), create_items);
    copy_in_stream copy(conn.get(), copy_items);
    write_item(copy, 1);
    const std::string with_nul("a\0b", 3);
    CHECK_THROWS_AS(copy.write_row(std::int64_t{2}, with_nul, ctql::null, ctql::null, ctql::null, true, ctql::null),
                    ctql::data_error);
    write_item(copy, 3);
    CHECK(copy.finish() == 2);
    CHECK(scalar_text(conn.get(), "SELECT string_agg(id::text, ',' ORDER BY id) FROM items") == "1,3");
}

TEST_CASE("postgres COPY: one-shot copy_in of a built buffer", "[postgres][copy]") {
    auto conn = ctql_test::connect_test_db();
    exec(conn.get(), "CREATE TEMP TABLE pairs (k INTEGER NOT NULL, v TEXT)");
    copy_binary_writer w;
    for (std::int32_t i = 0; i < 3000; ++i) {
        w.begin_row(2);
        w.field(i);
        w.field(std::string(static_cast<std::size_t>(i), 'v'));  // 4.5 MB in all: sent in several chunks
    }
    w.finish();
    const std::string bytes = w.take();
    CHECK(w.size() == 0);
    CHECK(copy_in(conn.get(), "COPY pairs (k, v) FROM STDIN (FORMAT binary)", bytes) == 3000);
    CHECK(scalar_text(conn.get(), "SELECT sum(length(v)) FROM pairs") == std::to_string(2999 * 3000 / 2));

    SECTION("a statement that does not start a COPY") {
        CHECK_THROWS_AS(copy_in(conn.get(), "SELECT 1", bytes), ctql::programming_error);
        CHECK_THROWS_AS(copy_in(conn.get(), "COPY no_such_table FROM STDIN (FORMAT binary)", bytes),
                        ctql::programming_error);
        CHECK(scalar_text(conn.get(), "SELECT 1") == "1");
    }
}
