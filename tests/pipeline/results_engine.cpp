// The engine connection offers what the backend connections do, without
// with_backend: streaming large results with flat memory, as<Struct>(), and
// pipelines on PostgreSQL (a clear error on SQLite); logging and lost
// connections handled on these paths as for any statement.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <boost/hana/define_struct.hpp>

#include <ctql/result/csv.hpp>
#include <ctql/result/frame.hpp>
#include <ctql/result/frame_format.hpp>

#include "../common/backends.hpp"
#include "../common/engines.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool under_address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool under_address_sanitizer = true;
#else
constexpr bool under_address_sanitizer = false;
#endif
#else
constexpr bool under_address_sanitizer = false;
#endif
using ctql_test::raw_rows;

CTQL_TABLE(stream_rows,
    (id,      std::int64_t, ctql::primary_key),
    (payload, std::string),
    (extra,   std::optional<std::int64_t>));

struct stream_row {
    BOOST_HANA_DEFINE_STRUCT(stream_row, (std::int64_t, id), (std::string, payload), (std::optional<std::int64_t>, extra));
};

namespace {
template <class Backend>
std::string engine_url() {
    if constexpr (std::is_same_v<Backend, ctql_test::sqlite_backend>) return "sqlite://";
    else return ctql_test::postgres_url();
}

constexpr auto all_rows = select(stream_rows.id, stream_rows.payload, stream_rows.extra)
                              .from(stream_rows)
                              .order_by(stream_rows.id.asc());

// n rows made as they are inserted: no vector of them is ever held.
struct generated_rows {
    using row = std::tuple<std::int64_t, std::string, std::optional<std::int64_t>>;
    struct iterator {
        using value_type = row;
        using difference_type = std::ptrdiff_t;
        std::int64_t i = 0;
        std::size_t payload_size = 0;
        row operator*() const {
            return {i, std::string(payload_size, static_cast<char>('a' + i % 26)),
                    i % 3 == 0 ? std::optional<std::int64_t>() : i * 10};
        }
        iterator& operator++() {
            ++i;
            return *this;
        }
        iterator operator++(int) {
            iterator old = *this;
            ++i;
            return old;
        }
        bool operator==(const iterator& other) const { return i == other.i; }
    };
    std::int64_t n;
    std::size_t payload_size;
    iterator begin() const { return {0, payload_size}; }
    iterator end() const { return {n, payload_size}; }
};

void fill(connection& conn, std::int64_t n, std::size_t payload_size) {
    conn(drop_table(stream_rows));
    conn(create_table(stream_rows));
    CHECK(conn(insert_into(stream_rows).columns(stream_rows.id, stream_rows.payload, stream_rows.extra),
               generated_rows{n, payload_size}) == n);
}

// The process's resident memory now, in bytes.
std::size_t resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

template <class Connection>
std::vector<ctql_test::raw_row> raw(connection& conn, const std::string& sql) {
    return conn.with_backend([&](auto& backend) { return raw_rows(backend, sql); });
}

struct recorded_events {
    std::vector<std::string> sql;
    std::vector<std::int64_t> rows;
    std::vector<std::string> errors;
};

engine_options recording(recorded_events& events) {
    engine_options options;
    options.echo.enabled = true;
    options.echo.sink = [&events](const statement_event& e) {
        events.sql.emplace_back(e.sql);
        events.rows.push_back(e.rows);
        events.errors.emplace_back(e.error);
    };
    return options;
}
}  // namespace

TEMPLATE_TEST_CASE("an engine stream reads 200,000 rows with flat memory", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    constexpr std::int64_t n = 200'000;
    constexpr std::size_t payload = 200;
    engine db = create_engine(engine_url<TestType>());
    auto conn = db.connect();
    fill(conn, n, payload);

    // Streamed: one row at a time, its strings' capacity reused.
    const std::size_t before_stream = resident_bytes();
    std::size_t stream_peak = before_stream;
    std::int64_t seen = 0, sum = 0, wrong = 0;
    for (const auto& row : conn.stream(all_rows)) {
        if (row.id != seen || row.payload.size() != payload) ++wrong;
        sum += row.extra.value_or(0);
        if (++seen % 10'000 == 0) stream_peak = std::max(stream_peak, resident_bytes());
    }
    CHECK(seen == n);
    CHECK(wrong == 0);
    const std::int64_t expected_sum = [] {
        std::int64_t s = 0;
        for (std::int64_t i = 0; i < n; ++i) s += i % 3 == 0 ? 0 : i * 10;
        return s;
    }();
    CHECK(sum == expected_sum);

    // Read in full, for comparison: the same rows held at once take about
    // n * (payload + string and row overhead) = 50 MB.
    const std::size_t before_full = resident_bytes();
    const auto everything = conn(all_rows);
    const std::size_t full_growth = resident_bytes() - before_full;
    CHECK(everything.size() == static_cast<std::size_t>(n));

    const std::size_t stream_growth = stream_peak - before_stream;
    INFO("resident memory growth: streamed " << stream_growth / 1024 << " KiB, read in full " << full_growth / 1024
                                             << " KiB");
    // Measured against the payload alone (40 MB): the heap may reuse memory
    // freed earlier, so the full read shows less than all it holds.
    constexpr std::size_t payload_bytes = n * payload;
    if (under_address_sanitizer) {
        // ASan's quarantine keeps freed memory from being reused, so resident memory says
        // nothing here; the build without sanitizers checks it.
        WARN("memory not checked under AddressSanitizer");
        return;
    }
    CHECK(full_growth > payload_bytes / 2);
    CHECK(stream_growth < payload_bytes / 5);
}

TEMPLATE_TEST_CASE("an engine stream left early frees its connection for the next statement", "[both]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    engine db = create_engine(engine_url<TestType>());
    auto conn = db.connect();
    fill(conn, 5'000, 10);
    {
        auto rows = conn.stream(all_rows);
        int taken = 0;
        for (auto it = rows.begin(); it != rows.end() && taken < 3; ++it) ++taken;
        CHECK(taken == 3);
    }
    CHECK(conn(select(count()).from(stream_rows)).front() == 5'000);
}

TEMPLATE_TEST_CASE("a stream is read once; a second pass says so", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    engine db = create_engine(engine_url<TestType>());
    auto conn = db.connect();
    fill(conn, 3, 4);
    auto rows = conn.stream(all_rows);
    CHECK(rows.to_vector().size() == 3);
    CHECK_THROWS_WITH(rows.begin(), Catch::Contains("read already"));
}

TEMPLATE_TEST_CASE("engine results map onto structs with as<S>(), read in full or streamed", "[both]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    engine db = create_engine(engine_url<TestType>());
    auto conn = db.connect();
    fill(conn, 7, 3);
    const auto expected = raw<TestType>(conn, "SELECT id, payload, extra FROM stream_rows ORDER BY id");

    const rows<stream_row> in_full = conn(all_rows).template as<stream_row>();
    std::vector<stream_row> streamed;
    for (auto& s : conn.stream(all_rows).template as<stream_row>()) streamed.push_back(std::move(s));

    REQUIRE(in_full.size() == expected.size());
    REQUIRE(streamed.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("row " << i);
        CHECK(std::to_string(in_full[i].id) == expected[i][0].value());
        CHECK(in_full[i].payload == expected[i][1].value());
        CHECK(in_full[i].extra.has_value() == expected[i][2].has_value());
        if (expected[i][2]) CHECK(std::to_string(*in_full[i].extra) == *expected[i][2]);
        CHECK(streamed[i].id == in_full[i].id);
        CHECK(streamed[i].payload == in_full[i].payload);
        CHECK(streamed[i].extra == in_full[i].extra);
    }
    // Still a rows<Row> where one is expected.
    const rows<typename decltype(all_rows)::result_row> plain = conn(all_rows);
    CHECK(plain.size() == expected.size());
}

TEMPLATE_TEST_CASE("engine rows and streams become frames and CSV", "[both]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    engine db = create_engine(engine_url<TestType>());
    auto conn = db.connect();
    fill(conn, 4, 2);
    const auto from_rows = to_frame(conn(all_rows));
    const auto from_stream = to_frame(conn.stream(all_rows));
    CHECK(from_rows.size() == 4);
    CHECK(from_rows.template column<"payload">() == std::vector<std::string>{"aa", "bb", "cc", "dd"});
    CHECK(from_stream.template column<"payload">() == from_rows.template column<"payload">());
    CHECK(from_stream.template null_mask<"extra">() == std::vector<bool>{true, false, false, true});

    std::ostringstream csv;
    write_csv(csv, conn.stream(all_rows), {.newline = line_end::lf});
    CHECK(csv.str() == "id,payload,extra\n0,aa,\n1,bb,10\n2,cc,20\n3,dd,\n");
    std::ostringstream one_column;
    write_csv(one_column, conn(select(stream_rows.payload).from(stream_rows).order_by(stream_rows.id.asc())),
              {.newline = line_end::lf});
    CHECK(one_column.str() == "payload\naa\nbb\ncc\ndd\n");
}

TEMPLATE_TEST_CASE("with echo on, a stream is logged when its rows end, or when it is left, with the rows read",
                   "[both]", ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    recorded_events events;
    engine db = create_engine(engine_url<TestType>(), recording(events));
    auto conn = db.connect();
    fill(conn, 10, 1);
    events = {};

    for (const auto& row : conn.stream(all_rows)) (void)row;
    REQUIRE(events.rows.size() == 1);
    CHECK(events.rows[0] == 10);
    CHECK(events.sql[0].find("FROM \"stream_rows\"") != std::string::npos);
    CHECK(events.errors[0].empty());

    {
        auto rows = conn.stream(all_rows);
        auto it = rows.begin();
        ++it;  // two rows read
        CHECK(events.rows.size() == 1);  // not yet
    }
    REQUIRE(events.rows.size() == 2);
    CHECK(events.rows[1] == 2);
}

TEST_CASE("an engine pipeline on PostgreSQL sends a batch and reports each statement's rows, logged", "[postgres]") {
    recorded_events events;
    engine db = create_engine(ctql_test::postgres_url(), recording(events));
    auto conn = db.connect();
    fill(conn, 3, 1);
    events = {};

    {
        auto batch = conn.pipeline();
        batch(update(stream_rows).set(stream_rows.payload = std::string("x")).where(stream_rows.id < std::int64_t{2}));
        batch(delete_from(stream_rows).where(stream_rows.id == param<"id", std::int64_t>), arg<"id">(std::int64_t{2}));
        batch(insert_into(stream_rows).set(stream_rows.id = std::int64_t{9}, stream_rows.payload = std::string("new")));
        CHECK(batch.sync() == std::vector<std::int64_t>{2, 1, 1});
    }
    CHECK(raw<ctql_test::postgres_backend>(conn, "SELECT id, payload FROM stream_rows ORDER BY id") ==
          std::vector<ctql_test::raw_row>{{"0", "x"}, {"1", "x"}, {"9", "new"}});
    REQUIRE(events.rows == std::vector<std::int64_t>{2, 1, 1});
    CHECK(events.sql[1].starts_with("DELETE FROM \"stream_rows\""));

    // A failing statement fails the sync, logged; the connection then runs the next statement.
    {
        auto batch = conn.pipeline();
        batch(insert_into(stream_rows).set(stream_rows.id = std::int64_t{9}, stream_rows.payload = std::string("dup")));
        CHECK_THROWS_AS(batch.sync(), integrity_error);
    }
    CHECK(events.errors.back().find("duplicate key") != std::string::npos);
    CHECK(conn(select(count()).from(stream_rows)).front() == 3);
}

TEST_CASE("an engine pipeline on SQLite is an interface_error naming SQLite", "[sqlite]") {
    engine db = create_engine("sqlite://");
    auto conn = db.connect();
    CHECK_THROWS_AS(conn.pipeline(), interface_error);
    CHECK_THROWS_WITH(conn.pipeline(), Catch::Contains("SQLite, which has no pipeline mode"));
}

TEST_CASE("a PostgreSQL connection lost mid-stream is an operational error, and the pool lets go of its idle "
          "connections",
          "[postgres]") {
    engine db = create_engine(ctql_test::postgres_url() + "&pool_size=3");
    {
        std::vector<connection> held;
        for (int i = 0; i < 3; ++i) held.push_back(db.connect());
    }
    auto conn = db.connect();
    fill(conn, 200'000, 50);
    CHECK(db.status().idle == 2);
    const int pid = conn.with_backend([](auto& backend) {
        if constexpr (std::is_same_v<std::decay_t<decltype(backend)>, postgres::connection>)
            return PQbackendPID(backend.native_handle());
        else
            return 0;
    });

    auto rows = conn.stream(all_rows);
    auto it = rows.begin();
    ++it;
    // Rows arrive before the query's end: with two rows read, the server is still sending the rest.
    auto admin = ctql_test::connect_test_db();
    CHECK(ctql_test::scalar_text(admin.get(), "SELECT state FROM pg_stat_activity WHERE pid = " + std::to_string(pid)) ==
          "active");
    ctql_test::exec(admin.get(), "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    CHECK_THROWS_AS([&] {
        for (; it != rows.end(); ++it) {
        }
    }(), operational_error);
    CHECK(db.status().idle == 0);
}
