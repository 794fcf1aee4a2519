// copy_to_table from delimited text: escapes, NULL tokens, headers, the
// column types, exact progress, and errors that name line, column and text
// and leave nothing behind. On SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <ctql/pipeline/copy_to_table.hpp>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

CTQL_TABLE(measures,
    (id,    std::int64_t, ctql::primary_key),
    (label, std::string),
    (value, std::optional<double>),
    (ok,    bool));

using money = ctql::decimal<10, 2>;  // a macro argument cannot hold the comma

CTQL_TABLE(typed_values,
    (id,    std::int32_t, ctql::primary_key),
    (price, money),
    (day,   std::chrono::sys_days),
    (at,    ctql::timestamp),
    (key,   ctql::uuid),
    (bytes, std::optional<ctql::blob>),
    (small, std::int16_t));

using namespace ctql;
using ctql_test::postgres_backend;
using ctql_test::raw_rows;
using ctql_test::sqlite_backend;

namespace {
using text_rows = std::vector<ctql_test::raw_row>;

template <class Backend>
typename Backend::connection fresh() {
    auto db = Backend::open();
    ctql_test::recreate(db, measures, typed_values, table_updates);
    return db;
}

// The error copy_to_table throws for `text`, after checking that nothing was stored.
template <class Db>
std::string load_error(Db& db, const std::string& text, delimited_format format = {}, copy_options options = {}) {
    std::istringstream in(text);
    try {
        copy_to_table(db, measures, delimited(in, format), options);
    } catch (const data_error& e) {
        CHECK(raw_rows(db, "SELECT count(*) FROM measures") == text_rows{{"0"}});
        CHECK(raw_rows(db, "SELECT count(*) FROM table_updates") == text_rows{{"0"}});
        return e.what();
    }
    FAIL("no error for: " << text);
    return {};
}
}  // namespace

TEMPLATE_TEST_CASE("tab-separated text with escapes and \\N for NULL", "[both]", sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    std::istringstream in("1\tplain\t1.5\tt\n"
                          "2\ttab\\there\\\\slash\t\\N\tfalse\r\n"
                          "3\tline\\nbreak\\rcr\t-2e3\t1\n"
                          "4\t\\\\N\t0\tf");  // \\N is the text \N; the last line has no LF
    const copy_result r = copy_to_table(db, measures, delimited(in));
    CHECK(r.rows == 4);
    CHECK(r.bytes == in.str().size());
    CHECK(raw_rows(db, "SELECT id, label FROM measures ORDER BY id") ==
          text_rows{{"1", "plain"}, {"2", "tab\there\\slash"}, {"3", "line\nbreak\rcr"}, {"4", "\\N"}});
    CHECK(raw_rows(db, "SELECT id FROM measures WHERE value IS NULL") == text_rows{{"2"}});
    CHECK(raw_rows(db, "SELECT count(*) FROM measures WHERE (id = 1 AND value = 1.5) OR (id = 3 AND value = -2000) "
                       "OR (id = 4 AND value = 0)") == text_rows{{"3"}});
    const text_rows ok = raw_rows(db, "SELECT count(*) FROM measures WHERE ok");
    CHECK(ok == text_rows{{"2"}});
}

TEMPLATE_TEST_CASE("a separator of one's own, an escaped separator, and an empty NULL token", "[both]",
                   sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    std::istringstream in("id,label,value,ok\n1,a\\,b,,true\n2,x,3.25,false\n");
    const copy_result r =
        copy_to_table(db, measures, delimited(in, {.separator = ',', .null_token = "", .header = true}));
    CHECK(r.rows == 2);
    CHECK(raw_rows(db, "SELECT id, label FROM measures WHERE value IS NULL") == text_rows{{"1", "a,b"}});
    CHECK(raw_rows(db, "SELECT id, label FROM measures WHERE value = 3.25") == text_rows{{"2", "x"}});
}

TEMPLATE_TEST_CASE("every column type is read from its text form", "[both]", sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    std::istringstream in(
        "7\t19.99\t2026-11-29\t2026-11-29 10:11:12.345678\t0190a6f2-7c1e-7b3e-9a55-1c2d3e4f5a6b\t\\\\x00ff10\t-32768\n"
        "8\t-0.5\t1999-01-01\t1999-01-01T00:00:00Z\t00000000-0000-0000-0000-000000000000\t\\N\t32767\n");
    CHECK(copy_to_table(db, typed_values, delimited(in)).rows == 2);
    auto rows = db(select(typed_values.id, typed_values.price, typed_values.day, typed_values.at,
                                typed_values.key, typed_values.bytes, typed_values.small)
                             .from(typed_values)
                             .order_by(typed_values.id));
    std::vector<std::string> seen;
    for (const auto& row : rows) {
        seen.push_back(std::to_string(row.id) + " " + row.price.to_string() + " " + detail::format_date(row.day) + " " +
                       detail::format_timestamp(row.at) + " " + row.key.to_string() + " " +
                       (row.bytes ? std::to_string(row.bytes->size()) + " bytes" : "NULL") + " " +
                       std::to_string(row.small));
    }
    CHECK(seen == std::vector<std::string>{
                      "7 19.99 2026-11-29 2026-11-29 10:11:12.345678 0190a6f2-7c1e-7b3e-9a55-1c2d3e4f5a6b 3 bytes -32768",
                      "8 -0.50 1999-01-01 1999-01-01 00:00:00.000000 00000000-0000-0000-0000-000000000000 NULL 32767"});
}

TEMPLATE_TEST_CASE("progress reports rows and input bytes exactly, chunk by chunk", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = fresh<TestType>();
    std::string text;
    std::vector<std::uint64_t> bytes_after;  // input bytes through each line
    for (int i = 1; i <= 2500; ++i) {
        text += std::to_string(i) + "\tm" + std::to_string(i) + "\t" + std::to_string(i) + ".5\tt\n";
        bytes_after.push_back(text.size());
    }
    std::istringstream in(text);
    std::vector<copy_progress> seen;
    const copy_result r = copy_to_table(db, measures, delimited(in),
                                        {.chunk_rows = 1000, .progress = [&](const copy_progress& p) {
                                             CHECK(raw_rows(db, "SELECT count(*) FROM measures") ==
                                                   text_rows{{std::to_string(p.rows)}});
                                             seen.push_back(p);
                                         }});
    CHECK(r.rows == 2500);
    CHECK(r.bytes == text.size());
    REQUIRE(seen.size() == 3);
    CHECK(seen[0].rows == 1000);
    CHECK(seen[1].rows == 2000);
    CHECK(seen[2].rows == 2500);
    // After a full chunk the reader has not looked past its last line.
    CHECK(seen[0].bytes == bytes_after[999]);
    CHECK(seen[1].bytes == bytes_after[1999]);
    CHECK(seen[2].bytes == text.size());
}

TEMPLATE_TEST_CASE("a bad value on line 7,000 of 10,000 names line, column and text; nothing is committed",
                   "[both]", sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    std::string text;
    for (int i = 1; i <= 10'000; ++i)
        text += std::to_string(i) + "\tm\t" + (i == 7000 ? std::string("12,5") : std::to_string(i)) + "\tt\n";
    const std::string what = load_error(db, text, {.source_name = "measures.tsv"},
                                        {.update_id = "u7000", .chunk_rows = 1000});
    CHECK_THAT(what, Catch::Contains("measures.tsv, line 7000, column 3 \"value\": cannot read \"12,5\" as double"));
    CHECK_THAT(what, Catch::Contains("ROW: 6999 (counting from 0) of the rows loaded; none of them was stored"));
    CHECK_FALSE(copy_complete(db, measures, "u7000"));
}

TEMPLATE_TEST_CASE("malformed lines are errors that say what is wrong", "[both]", sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    CHECK_THAT(load_error(db, "1\ta\t1\tt\n2\tb\t2\n"),
               Catch::Contains("input, line 2: 3 fields, expected 4 (id, label, value, ok)"));
    CHECK_THAT(load_error(db, "1\ta\t1\tt\t9\n"), Catch::Contains("line 1: 5 fields, expected 4"));
    CHECK_THAT(load_error(db, "1\t\\N\t1\tt\n"),
               Catch::Contains("line 1, column 2 \"label\": NULL (\\N) in a NOT NULL column"));
    CHECK_THAT(load_error(db, "1\ta\\q\t1\tt\n"), Catch::Contains("line 1, field 2: unknown escape \\q"));
    CHECK_THAT(load_error(db, "1\ta\t1\tt\\"), Catch::Contains("line 1, field 4: the line ends in a backslash"));
    CHECK_THAT(load_error(db, "1\ta\t1\tmaybe\n"), Catch::Contains("column 4 \"ok\": cannot read \"maybe\" as bool"));
    CHECK_THAT(load_error(db, "99999999999999999999\ta\t1\tt\n"),
               Catch::Contains("column 1 \"id\": cannot read \"99999999999999999999\" as std::int64_t"));
    CHECK_THAT(load_error(db, "id\tlabel\tvalue\n1\ta\t1\tt\n", {.header = true}),
               Catch::Contains("line 1 (the header): column 4 is nothing, expected \"ok\"; the columns are: id, "
                               "label, value, ok"));
    CHECK_THAT(load_error(db, "id\tname\tvalue\tok\n", {.header = true}),
               Catch::Contains("column 2 is \"name\", expected \"label\""));
}

TEMPLATE_TEST_CASE("a separator or NULL token that cannot work is refused before anything is read", "[both]",
                   sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    std::istringstream in("1\ta\t1\tt\n");
    CHECK_THROWS_WITH(copy_to_table(db, measures, delimited(in, {.separator = '\\'})),
                      Catch::Contains("the separator of delimited text cannot be a backslash"));
    CHECK_THROWS_WITH(copy_to_table(db, measures, delimited(in, {.separator = ',', .null_token = "a,b"})),
                      Catch::Contains("the NULL token of delimited text cannot hold the separator"));
}

TEMPLATE_TEST_CASE("an empty input loads nothing and still marks the update", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = fresh<TestType>();
    std::istringstream in("");
    const copy_result r = copy_to_table(db, measures, delimited(in), {.update_id = "empty"});
    CHECK(r.rows == 0);
    CHECK(copy_complete(db, measures, "empty"));
}
