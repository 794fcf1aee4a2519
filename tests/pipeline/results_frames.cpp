// Results for the next step on both backends: columnar frames (a null mask
// only for nullable columns), CSV and TSV byte by byte, and fmt output.
// Frames are compared with the same query run as raw SQL.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <boost/hana/define_struct.hpp>
#include <fmt/format.h>

#include <ctql/result/csv.hpp>
#include <ctql/result/frame.hpp>
#include <ctql/result/frame_format.hpp>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using ctql_test::raw_rows;
using money = ctql::decimal<10, 2>;

CTQL_TABLE(result_items,
    (id,          std::int64_t, ctql::primary_key),
    (name,        std::string),
    (note,        std::optional<std::string>),
    (score,       double),
    (maybe_score, std::optional<double>),
    (flag,        bool),
    (day,         std::chrono::sys_days),
    (at,          std::optional<ctql::timestamp>),
    (price,       money),
    (tag,         std::optional<ctql::uuid>));

struct item_summary {
    BOOST_HANA_DEFINE_STRUCT(item_summary, (std::int64_t, id), (std::string, name), (std::optional<std::string>, note));
};

namespace {
using namespace std::chrono;

constexpr auto all_items = select(result_items.id, result_items.name, result_items.note, result_items.score,
                                  result_items.maybe_score, result_items.flag, result_items.day, result_items.at,
                                  result_items.price, result_items.tag)
                               .from(result_items)
                               .order_by(result_items.id.asc());

constexpr auto summary = select(result_items.id, result_items.name, result_items.note)
                             .from(result_items)
                             .order_by(result_items.id.asc());

template <class Backend>
typename Backend::connection seeded() {
    auto db = Backend::open();
    ctql_test::recreate(db, result_items);
    const ctql::timestamp noon = sys_days{year{2024} / 2 / 29} + hours{12} + microseconds{250};
    db(insert_into(result_items)
           .set(result_items.id = std::int64_t{1}, result_items.name = std::string("plain"),
                result_items.note = std::optional<std::string>("a,b"), result_items.score = 0.1,
                result_items.maybe_score = std::optional<double>(1.0 / 3), result_items.flag = true,
                result_items.day = sys_days{year{2024} / 1 / 31}, result_items.at = std::optional<ctql::timestamp>(noon),
                result_items.price = money("19.90"),
                result_items.tag = std::optional<ctql::uuid>(ctql::uuid("123e4567-e89b-12d3-a456-426614174000"))));
    db(insert_into(result_items)
           .set(result_items.id = std::int64_t{2}, result_items.name = std::string("say \"hi\""),
                result_items.note = std::optional<std::string>(), result_items.score = -2.5e300,
                result_items.maybe_score = std::optional<double>(), result_items.flag = false,
                result_items.day = sys_days{year{1999} / 12 / 31}, result_items.at = std::optional<ctql::timestamp>(),
                result_items.price = money("-0.05"), result_items.tag = std::optional<ctql::uuid>()));
    db(insert_into(result_items)
           .set(result_items.id = std::int64_t{3}, result_items.name = std::string("line\nbreak\r\nend"),
                result_items.note = std::optional<std::string>(""), result_items.score = 1e-7,
                result_items.maybe_score = std::optional<double>(100.0), result_items.flag = true,
                result_items.day = sys_days{year{2000} / 2 / 29}, result_items.at = std::optional<ctql::timestamp>(),
                result_items.price = money("12345678.00"), result_items.tag = std::optional<ctql::uuid>()));
    return db;
}

template <class Frame>
void check_frame_matches_raw(const Frame& f, const std::vector<ctql_test::raw_row>& raw) {
    REQUIRE(f.size() == raw.size());
    for (std::size_t row = 0; row < raw.size(); ++row) {
        INFO("row " << row);
        CHECK(std::to_string(f.template column<"id">()[row]) == raw[row][0].value());
        CHECK(f.template column<"name">()[row] == raw[row][1].value());
        CHECK(f.template is_null<"note">(row) == !raw[row][2].has_value());
        if (raw[row][2]) CHECK(f.template column<"note">()[row] == *raw[row][2]);
        // SQLite's text of a double has 15 digits: the exact values are checked through CSV below.
        CHECK(f.template column<"score">()[row] == Approx(ctql_test::from_raw_text<double>(raw[row][3].value())));
        CHECK(f.template null_mask<"maybe_score">()[row] == !raw[row][4].has_value());
        if (raw[row][4]) CHECK(f.template column<"maybe_score">()[row] == Approx(ctql_test::from_raw_text<double>(*raw[row][4])));
        CHECK(f.template null_mask<"at">()[row] == !raw[row][7].has_value());
        // SQLite stores a decimal as its count of units (cents here); PostgreSQL as numeric text.
        const auto price = f.template column<"price">()[row];
        CHECK((raw[row][8].value() == price.to_string() || raw[row][8].value() == std::to_string(price.units())));
        CHECK(f.template null_mask<"tag">()[row] == !raw[row][9].has_value());
    }
}

constexpr const char* raw_all_items =
    "SELECT id, name, note, score, maybe_score, flag, day, at, price, tag FROM result_items ORDER BY id";

// What the CSV of all_items is, byte by byte: quoting of the separator,
// quotes, CR and LF; NULL empty and unquoted; the empty string quoted.
const std::string expected_csv =
    "id,name,note,score,maybe_score,flag,day,at,price,tag\r\n"
    "1,plain,\"a,b\",0.1,0.3333333333333333,true,2024-01-31,2024-02-29 12:00:00.000250,19.90,"
    "123e4567-e89b-12d3-a456-426614174000\r\n"
    "2,\"say \"\"hi\"\"\",,-2.5e+300,,false,1999-12-31,,-0.05,\r\n"
    "3,\"line\nbreak\r\nend\",\"\",1e-07,100,true,2000-02-29,,12345678.00,\r\n";
}  // namespace

TEMPLATE_TEST_CASE("a frame holds one vector per column, a null mask only for nullable columns", "[both]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    const auto f = to_frame(db(all_items));
    using frame_t = std::remove_cvref_t<decltype(f)>;

    static_assert(std::is_same_v<decltype(f.template column<"id">()), const std::vector<std::int64_t>&>);
    static_assert(std::is_same_v<decltype(f.template column<"note">()), const std::vector<std::string>&>);
    static_assert(std::is_same_v<decltype(f.template column<"day">()), const std::vector<std::chrono::sys_days>&>);
    static_assert(std::is_same_v<decltype(f.template column<"tag">()), const std::vector<ctql::uuid>&>);
    static_assert(!frame_t::template nullable<0> && !frame_t::template nullable<1> && frame_t::template nullable<2> && !frame_t::template nullable<3> &&
                  frame_t::template nullable<4>);
    static_assert(std::is_same_v<decltype(f.template value<"note">(0)), std::optional<std::string>>);
    static_assert(frame_t::names[6] == "day");

    check_frame_matches_raw(f, raw_rows(db, raw_all_items));
    CHECK(f.template null_mask<"note">() == std::vector<bool>{false, true, false});
    CHECK(f.template column<"note">() == std::vector<std::string>{"a,b", "", ""});  // "" where NULL, and the empty string
    CHECK(f.template value<"note">(1) == std::nullopt);
    CHECK(f.template value<"note">(2) == std::optional<std::string>(""));
    CHECK(f.template column<"day">()[2] == sys_days{year{2000} / 2 / 29});
    CHECK(f.template column<2>() == f.template column<"note">());
}

TEMPLATE_TEST_CASE("frames come from results, vectors of rows and structs alike", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    const auto from_result = to_frame(db(all_items));
    auto rows = db(all_items).to_vector();
    const auto from_vector = to_frame(rows);  // an lvalue: copied, the vector keeps its rows
    CHECK(rows.size() == 3);
    CHECK(from_vector.template column<"name">() == from_result.template column<"name">());
    CHECK(from_vector.template null_mask<"at">() == from_result.template null_mask<"at">());
    CHECK(from_vector.template column<"price">() == from_result.template column<"price">());

    const auto from_structs = to_frame(db(summary).template as<item_summary>());
    static_assert(std::remove_cvref_t<decltype(from_structs)>::names == std::array<std::string_view, 3>{"id", "name", "note"});
    CHECK(from_structs.template column<"name">() == from_result.template column<"name">());
    CHECK(from_structs.template null_mask<"note">() == from_result.template null_mask<"note">());

    // One selected column: its rows are bare values, the name comes from the select.
    const auto names = to_frame(db(select(result_items.name).from(result_items).order_by(result_items.id.asc())));
    static_assert(std::remove_cvref_t<decltype(names)>::names[0] == "name");
    CHECK(names.template column<"name">() == from_result.template column<"name">());
}

TEMPLATE_TEST_CASE("write_csv quotes as RFC 4180 says, keeps NULL and the empty string apart", "[both]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    std::ostringstream from_result, from_frame;
    write_csv(from_result, db(all_items));
    write_csv(from_frame, to_frame(db(all_items)));
    CHECK(from_result.str() == expected_csv);
    CHECK(from_frame.str() == expected_csv);

    std::ostringstream lf_no_header;
    write_csv(lf_no_header, db(summary), {.newline = line_end::lf, .header = false, .null_text = "NULL"});
    CHECK(lf_no_header.str() ==
          "1,plain,\"a,b\"\n"
          "2,\"say \"\"hi\"\"\",NULL\n"
          "3,\"line\nbreak\r\nend\",\"\"\n");
}

TEMPLATE_TEST_CASE("write_tsv separates with tabs and quotes a tab", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    db(update(result_items).set(result_items.name = std::string("tab\there")).where(result_items.id == std::int64_t{1}));
    std::ostringstream out;
    write_tsv(out, to_frame(db(summary)), {.newline = line_end::lf, .null_text = "\\N"});
    CHECK(out.str() ==
          "id\tname\tnote\n"
          "1\t\"tab\there\"\ta,b\n"
          "2\t\"say \"\"hi\"\"\"\t\\N\n"
          "3\t\"line\nbreak\r\nend\"\t\"\"\n");
}

TEST_CASE("write_csv writes a value equal to the null text quoted, and refuses a null text it could not read back",
          "[sqlite]") {
    std::vector<std::optional<std::string>> values{std::string("NA"), std::nullopt};
    std::ostringstream out;
    write_csv(out, values, {.null_text = "NA"});
    CHECK(out.str() == "\"\"\r\n\"NA\"\r\nNA\r\n");  // the header of an unnamed column is empty, so quoted
    CHECK_THROWS_WITH(write_csv(out, values, {.null_text = "a,b"}), Catch::Contains("null text \"a,b\""));
    CHECK_THROWS_WITH(write_csv(out, values, {.separator = '"'}), Catch::Contains("separator"));
}

TEST_CASE("doubles are written in their shortest exact text; NaN and infinities as SQL spells them", "[sqlite]") {
    const std::vector<double> values{0.1, 1.0 / 3, 5e-324, 1.7976931348623157e308, -0.0, 2.0,
                                     std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity()};
    std::ostringstream out;
    write_csv(out, values, {.newline = line_end::lf, .header = false});
    CHECK(out.str() == "0.1\n0.3333333333333333\n5e-324\n1.7976931348623157e+308\n-0\n2\nNaN\nInfinity\n-Infinity\n");
}

TEMPLATE_TEST_CASE("frames print as an aligned table, rows as {name: value}", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    const auto f = to_frame(db(select(result_items.id, result_items.name, result_items.note, result_items.score)
                                   .from(result_items)
                                   .order_by(result_items.id.asc())));
    CHECK(fmt::format("{}", f) ==
          "id | name               | note |     score\n"
          "---+--------------------+------+----------\n"
          " 1 | plain              | a,b  |       0.1\n"
          " 2 | say \"hi\"           | NULL | -2.5e+300\n"
          " 3 | line\\nbreak\\r\\nend |      |     1e-07\n"
          "(3 rows)\n");
    CHECK(fmt::format("{}", db(summary).front()) == R"({id: 1, name: "plain", note: "a,b"})");
}

enum class result_mood { sad, happy };
template <>
struct ctql::enum_names<result_mood> {
    static constexpr std::string_view names[] = {"sad", "happy"};
};

TEST_CASE("blobs, JSON, arrays and enums are written in their SQL text forms", "[sqlite]") {
    std::ostringstream out;
    const csv_options lines{.newline = line_end::lf, .header = false};
    write_csv(out, std::vector<ctql::blob>{{std::byte{0x0a}, std::byte{0xff}}, {}}, lines);
    write_csv(out, std::vector<ctql::json>{ctql::json(R"({"a": [1, "x,y"]})")}, lines);
    write_csv(out, std::vector<std::vector<std::string>>{{"plain", "two words", "", "NULL", "q\"b\\s"}, {}}, lines);
    write_csv(out, std::vector<std::vector<std::int64_t>>{{1, -2, 3}}, lines);
    write_csv(out, std::vector<std::optional<result_mood>>{result_mood::happy, std::nullopt, result_mood::sad}, lines);
    CHECK(out.str() ==
          "\\x0aff\n"
          "\\x\n"
          "\"{\"\"a\"\": [1, \"\"x,y\"\"]}\"\n"
          "\"{plain,\"\"two words\"\",\"\"\"\",\"\"NULL\"\",\"\"q\\\"\"b\\\\s\"\"}\"\n"
          "{}\n"
          "\"{1,-2,3}\"\n"
          "happy\n"
          "\n"
          "sad\n");
}
