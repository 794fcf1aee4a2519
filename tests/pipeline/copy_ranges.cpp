// copy_to_table from ranges: rows as raw SQL reads them back, markers keyed
// by (update_id, target_table), a second run loads nothing, progress is exact,
// and the load nests in an open transaction. On SQLite and PostgreSQL.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <boost/hana.hpp>

#include <ctql/engine.hpp>
#include <ctql/pipeline/copy_to_table.hpp>

#include "../common/backends.hpp"
#include "../common/engines.hpp"
#include "../common/raw_sql.hpp"

CTQL_TABLE(readings,
    (id,     std::int64_t, ctql::primary_key),
    (sensor, std::string),
    (value,  std::optional<double>));

CTQL_TABLE(sensors,
    (name,  std::string, ctql::primary_key),
    (place, std::string));

struct reading {
    std::int64_t id;
    std::string sensor;
    std::optional<double> value;
};
BOOST_HANA_ADAPT_STRUCT(reading, id, sensor, value);

using namespace ctql;
using ctql_test::postgres_backend;
using ctql_test::raw_rows;
using ctql_test::sqlite_backend;

namespace {
using text_rows = std::vector<ctql_test::raw_row>;

std::vector<std::tuple<std::int64_t, std::string, std::optional<double>>> make_readings(int n, int first = 1) {
    std::vector<std::tuple<std::int64_t, std::string, std::optional<double>>> rows;
    for (int i = first; i < first + n; ++i)
        rows.emplace_back(i, "s" + std::to_string(i % 7), i % 5 == 0 ? std::nullopt : std::optional<double>(i * 0.5));
    return rows;
}

template <class Backend>
typename Backend::connection fresh() {
    auto db = Backend::open();
    ctql_test::recreate(db, readings, sensors, table_updates);
    return db;
}

template <class Db>
std::string count_of(Db& db, const std::string& table) {
    return *raw_rows(db, "SELECT count(*) FROM " + table).at(0).at(0);
}
}  // namespace

TEMPLATE_TEST_CASE("copy_to_table loads a range of tuples, and raw SQL reads the same rows", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = fresh<TestType>();
    const auto rows = make_readings(1000);
    const copy_result r = copy_to_table(db, readings, rows, {.chunk_rows = 300});
    CHECK(r.rows == 1000);
    CHECK_FALSE(r.already_loaded);
    const text_rows got = raw_rows(db, "SELECT id, sensor, value FROM readings WHERE id IN (1, 5, 999) ORDER BY id");
    CHECK(got == text_rows{{"1", "s1", "0.5"}, {"5", "s5", std::nullopt}, {"999", "s5", "499.5"}});
    CHECK(count_of(db, "readings") == "1000");
    // Without an update_id no marker is written.
    CHECK(count_of(db, "table_updates") == "0");
}

TEMPLATE_TEST_CASE("copy_to_table loads structs, and into the columns an insert names", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = fresh<TestType>();
    const std::vector<reading> structs{{1, "a", 1.5}, {2, "b", std::nullopt}};
    CHECK(copy_to_table(db, readings, structs).rows == 2);
    const std::vector<std::tuple<std::string, std::string>> places{{"a", "roof"}, {"b", "cellar"}};
    CHECK(copy_to_table(db, insert_into(sensors).columns(sensors.place, sensors.name),
                        std::vector<std::tuple<std::string, std::string>>{{"roof", "a"}, {"cellar", "b"}})
              .rows == 2);
    CHECK(raw_rows(db, "SELECT name, place FROM sensors ORDER BY name") == text_rows{{"a", "roof"}, {"b", "cellar"}});
    CHECK(raw_rows(db, "SELECT id, sensor, value FROM readings ORDER BY id") ==
          text_rows{{"1", "a", "1.5"}, {"2", "b", std::nullopt}});
}

TEMPLATE_TEST_CASE("a second run with the same update_id loads nothing and says so", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = fresh<TestType>();
    const auto rows = make_readings(50);
    CHECK_FALSE(copy_complete(db, readings, "2026-11-29"));
    const copy_result first = copy_to_table(db, readings, rows, {.update_id = "2026-11-29"});
    CHECK(first.rows == 50);
    CHECK_FALSE(first.already_loaded);
    CHECK(copy_complete(db, readings, "2026-11-29"));
    CHECK_FALSE(copy_complete(db, readings, "2026-11-30"));

    const copy_result again = copy_to_table(db, readings, rows, {.update_id = "2026-11-29"});
    CHECK(again.already_loaded);
    CHECK(again.rows == 0);
    CHECK(count_of(db, "readings") == "50");
    CHECK(raw_rows(db, "SELECT update_id, target_table, row_count FROM table_updates") ==
          text_rows{{"2026-11-29", "readings", "50"}});

    // The marker is keyed by table too: the same update_id loads another table.
    CHECK_FALSE(copy_complete(db, sensors, "2026-11-29"));
    const std::vector<std::tuple<std::string, std::string>> s{{"s1", "roof"}};
    CHECK(copy_to_table(db, sensors, s, {.update_id = "2026-11-29"}).rows == 1);
    CHECK(copy_complete(db, sensors, "2026-11-29"));
    CHECK(count_of(db, "table_updates") == "2");
}

TEMPLATE_TEST_CASE("copy_complete is false before any marker table exists", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = TestType::open();
    ctql_test::recreate(db, readings);
    db(drop_table(table_updates));
    CHECK_FALSE(copy_complete(db, readings, "x"));
    // The first load with an update_id creates it.
    CHECK(copy_to_table(db, readings, make_readings(3), {.update_id = "x"}).rows == 3);
    CHECK(copy_complete(db, readings, "x"));
}

TEMPLATE_TEST_CASE("progress is reported after each chunk with the rows the database took", "[both]", sqlite_backend,
                   postgres_backend) {
    auto db = fresh<TestType>();
    std::vector<std::uint64_t> seen;
    const copy_result r = copy_to_table(db, readings, make_readings(2500),
                                        {.chunk_rows = 1000, .progress = [&](const copy_progress& p) {
                                             // Every row reported is in the table (in this transaction) already.
                                             CHECK(count_of(db, "readings") == std::to_string(p.rows));
                                             seen.push_back(p.rows);
                                         }});
    CHECK(r.rows == 2500);
    CHECK(seen == std::vector<std::uint64_t>{1000, 2000, 2500});
}

TEMPLATE_TEST_CASE("create_table makes the table when absent, inside the load's transaction", "[both]",
                   sqlite_backend, postgres_backend) {
    auto db = TestType::open();
    ctql_test::recreate(db, table_updates);
    db(drop_table(readings));
    CHECK(copy_to_table(db, readings, make_readings(10), {.create_table = true}).rows == 10);
    CHECK(count_of(db, "readings") == "10");
    // Present already: it is kept, and the rows added.
    CHECK(copy_to_table(db, readings, make_readings(10, 11), {.create_table = true}).rows == 10);
    CHECK(count_of(db, "readings") == "20");
}

TEMPLATE_TEST_CASE("inside an open transaction the load and its marker go with that transaction", "[both]",
                   sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    {
        auto tx = db.begin();
        CHECK(copy_to_table(db, readings, make_readings(20), {.update_id = "u1"}).rows == 20);
        CHECK(copy_complete(db, readings, "u1"));
        tx.rollback();
    }
    CHECK(count_of(db, "readings") == "0");
    CHECK_FALSE(copy_complete(db, readings, "u1"));
    {
        auto tx = db.begin();
        CHECK(copy_to_table(db, readings, make_readings(20), {.update_id = "u1"}).rows == 20);
        tx.commit();
    }
    CHECK(copy_complete(db, readings, "u1"));
}

namespace {
// Rows made as they are read, once: a range that cannot be read twice.
struct generated_readings {
    int n;
    int* made;
    struct iterator {
        using value_type = std::tuple<std::int64_t, std::string, std::optional<double>>;
        using difference_type = std::ptrdiff_t;
        generated_readings* range = nullptr;
        int i = 1;
        value_type operator*() const {
            ++*range->made;
            return {i, "g", i * 1.0};
        }
        iterator& operator++() {
            ++i;
            return *this;
        }
        void operator++(int) { ++i; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) { return it.i > it.range->n; }
    };
    iterator begin() { return {this}; }
    static std::default_sentinel_t end() { return {}; }
};
}  // namespace

TEMPLATE_TEST_CASE("a single-pass range is read once, in chunks", "[both]", sqlite_backend, postgres_backend) {
    auto db = fresh<TestType>();
    int made = 0;
    generated_readings generated{1000, &made};
    STATIC_REQUIRE(std::ranges::input_range<generated_readings>);
    STATIC_REQUIRE_FALSE(std::ranges::forward_range<generated_readings>);
    CHECK(copy_to_table(db, readings, generated, {.chunk_rows = 64}).rows == 1000);
    CHECK(made == 1000);
    CHECK(raw_rows(db, "SELECT count(*), sum(id) FROM readings") == text_rows{{"1000", "500500"}});
}

TEST_CASE("copy_to_table through an engine connection, on both backends") {
    for (const std::string& url : {std::string("sqlite:///:memory:"), ctql_test::postgres_url()}) {
        INFO(url);
        engine e = create_engine(url);
        auto conn = e.connect();
        conn(drop_table(readings));
        conn(drop_table(table_updates));
        conn(create_table(readings));
        CHECK(copy_to_table(conn, readings, make_readings(100), {.update_id = "e1"}).rows == 100);
        CHECK(copy_to_table(conn, readings, make_readings(100), {.update_id = "e1"}).already_loaded);
        CHECK(copy_complete(conn, readings, "e1"));
        CHECK(conn(select(count()).from(readings)).front() == 100);
    }
}
