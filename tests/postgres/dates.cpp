// DATE columns and the date and time functions (expr/dates.hpp), run on both
// backends: each result is compared with the same query written as raw SQL
// for that backend, and with the value std::chrono computes, so that the two
// backends are seen to agree. The rows sit where calendars go wrong: before
// 1970, at year ends, on leap days (1900 had none, 2000 had one), and with
// microseconds that SQLite's millisecond date functions would round away.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <ctql/engine/logging.hpp>
#include <ctql/expr/dates.hpp>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using ctql_test::check_same_rows;
namespace chrono = std::chrono;
using chrono::sys_days;

CTQL_TABLE(date_events,
    (id,        std::int64_t, ctql::primary_key),
    (at,        ctql::timestamp),
    (maybe_at,  std::optional<ctql::timestamp>),
    (due,       sys_days),
    (maybe_due, std::optional<sys_days>));

namespace {
constexpr sys_days ymd(int y, unsigned m, unsigned d) {
    return sys_days{chrono::year{y} / chrono::month{m} / chrono::day{d}};
}
constexpr timestamp at(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, std::int64_t us = 0) {
    return ymd(y, mo, d) + chrono::hours{h} + chrono::minutes{mi} + chrono::seconds{s} + chrono::microseconds{us};
}

struct seed {
    std::int64_t id;
    timestamp at;
    std::optional<timestamp> maybe_at;
    sys_days due;
    std::optional<sys_days> maybe_due;
};

const std::vector<seed> seeds = {
    {1, at(1969, 12, 31, 23, 59, 59, 999'999), std::nullopt, ymd(1969, 12, 31), ymd(1970, 1, 1)},
    // .9996 s is 1000 ms to SQLite's date functions: the next second, day and year.
    {2, at(1999, 12, 31, 23, 59, 59, 999'600), at(1999, 12, 31, 23, 59, 59, 999'600), ymd(1999, 12, 31), std::nullopt},
    {3, at(2000, 2, 29, 12, 34, 56, 1), std::nullopt, ymd(2000, 2, 29), ymd(2000, 3, 1)},
    {4, at(2024, 2, 29), at(2024, 2, 29), ymd(2024, 2, 29), ymd(2024, 2, 29)},
    {5, at(1066, 10, 14, 9, 30, 15, 250'000), at(1066, 10, 14), ymd(1066, 10, 14), std::nullopt},
    {6, at(1970, 1, 1), std::nullopt, ymd(1970, 1, 1), ymd(1969, 12, 28)},
    {7, at(2100, 12, 31, 18, 0, 0, 500'000), std::nullopt, ymd(2100, 12, 31), ymd(2101, 1, 1)},
    {8, at(1900, 2, 28, 23, 59, 59, 999'999), at(1900, 3, 1), ymd(1900, 3, 1), ymd(1900, 2, 28)},
};

template <class Connection>
constexpr bool is_sqlite = std::is_same_v<Connection, sqlite::connection>;

template <class Connection>
Connection seeded() {
    auto db = std::conditional_t<is_sqlite<Connection>, ctql_test::sqlite_backend, ctql_test::postgres_backend>::open();
    ctql_test::recreate(db, date_events);
    for (const seed& s : seeds) {
        db(insert_into(date_events)
               .set(date_events.id = s.id, date_events.at = s.at, date_events.maybe_at = s.maybe_at,
                    date_events.due = s.due, date_events.maybe_due = s.maybe_due));
    }
    return db;
}

template <class Row, std::size_t... I>
auto as_tuple(const Row& row, std::index_sequence<I...>) {
    return std::tuple{ctql::get<I>(row)...};
}

// Checks every row of `query` (ordered by id, id first) against what
// `expected` computes in C++ from the row's seed.
template <class Connection, class Query, class Expected>
void check_computed(Connection& db, const Query& query, Expected expected) {
    const auto rows = db(query).to_vector();
    REQUIRE(rows.size() == seeds.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        using row_t = std::remove_cvref_t<decltype(rows[i])>;
        INFO("row " << seeds[i].id << " on " << Connection::dialect::name);
        CHECK(as_tuple(rows[i], std::make_index_sequence<row_t::size>{}) == expected(seeds[i]));
    }
}

// What std::chrono says the functions give.
std::int64_t civil_year(sys_days d) { return static_cast<int>(chrono::year_month_day{d}.year()); }
std::int64_t civil_month(sys_days d) { return static_cast<unsigned>(chrono::year_month_day{d}.month()); }
std::int64_t civil_day(sys_days d) { return static_cast<unsigned>(chrono::year_month_day{d}.day()); }
std::int64_t weekday_of(sys_days d) { return chrono::weekday{d}.c_encoding(); }
chrono::hh_mm_ss<chrono::microseconds> time_of(timestamp t) { return chrono::hh_mm_ss{t - chrono::floor<chrono::days>(t)}; }
sys_days monday_of(sys_days d) { return d - (chrono::weekday{d} - chrono::Monday); }
sys_days first_of_month(sys_days d) {
    const chrono::year_month_day date{d};
    return sys_days{date.year() / date.month() / 1};
}
sys_days first_of_year(sys_days d) { return sys_days{chrono::year_month_day{d}.year() / 1 / 1}; }

template <class T, class F>
auto map(const std::optional<T>& v, F f) -> std::optional<decltype(f(*v))> {
    if (!v) return std::nullopt;
    return f(*v);
}
}  // namespace

TEMPLATE_TEST_CASE("dates and timestamps round-trip and compare as dates", "[both][dates]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    check_computed(db, select(date_events.id, date_events.at, date_events.maybe_at, date_events.due, date_events.maybe_due)
                           .from(date_events)
                           .order_by(date_events.id),
                   [](const seed& s) { return std::tuple{s.id, s.at, s.maybe_at, s.due, s.maybe_due}; });

    using ids = std::vector<std::int64_t>;
    const auto matching = [&](const auto& condition) {
        return db(select(date_events.id).from(date_events).where(condition).order_by(date_events.id)).to_vector();
    };
    CHECK(matching(date_events.due == chrono::year{2024} / chrono::February / 29) == ids{4});
    CHECK(matching(date_events.due.between(ymd(1999, 12, 31), ymd(2000, 2, 29))) == ids{2, 3});
    CHECK(matching(date_events.due < date_events.maybe_due) == ids{1, 3, 7});
    CHECK(matching(date_events.due.in(std::vector{ymd(1970, 1, 1), ymd(2100, 12, 31), ymd(1, 1, 1)})) == ids{6, 7});
    CHECK(matching(date_events.maybe_due.not_in(std::vector{chrono::year{2024} / 2 / 29})) == ids{1, 3, 6, 7, 8});
    CHECK(db(select(date_events.id).from(date_events).order_by(date_events.due.desc())).to_vector() ==
          ids{7, 4, 3, 2, 6, 1, 8, 5});
    const auto due_on = select(date_events.id).from(date_events).where(date_events.due == param<"day", sys_days>);
    CHECK(db(due_on, arg<"day">(chrono::year{1969} / 12 / 31)).to_vector() == ids{1});
    CHECK(db(due_on, arg<"day">(ymd(1900, 3, 1))).to_vector() == ids{8});

    // A timestamp's date, and a date's midnight.
    check_computed(db,
                   select(date_events.id, cast<sys_days>(date_events.at), cast<timestamp>(date_events.due),
                          cast<sys_days>(date_events.maybe_at))
                       .from(date_events)
                       .order_by(date_events.id),
                   [](const seed& s) {
                       return std::tuple{s.id, chrono::floor<chrono::days>(s.at), timestamp{s.due},
                                         map(s.maybe_at, [](timestamp t) { return chrono::floor<chrono::days>(t); })};
                   });
}

TEMPLATE_TEST_CASE("parts of a timestamp are the same on both backends", "[both][dates]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    const auto q = select(date_events.id, year_of(date_events.at), month_of(date_events.at), day_of(date_events.at),
                          hour_of(date_events.at), minute_of(date_events.at), second_of(date_events.at),
                          day_of_week(date_events.at), day_of_week(date_events.maybe_at), second_of(date_events.maybe_at))
                       .from(date_events)
                       .order_by(date_events.id);
    check_same_rows(db, q,
                    is_sqlite<TestType>
                        ? R"(SELECT id, CAST(substr(at, 1, 4) AS INTEGER), CAST(substr(at, 6, 2) AS INTEGER),
                                    CAST(substr(at, 9, 2) AS INTEGER), CAST(substr(at, 12, 2) AS INTEGER),
                                    CAST(substr(at, 15, 2) AS INTEGER), CAST(substr(at, 18, 2) AS INTEGER),
                                    CAST(julianday(substr(at, 1, 10)) + 1.5 AS INTEGER) % 7,
                                    CAST(julianday(substr(maybe_at, 1, 10)) + 1.5 AS INTEGER) % 7,
                                    CAST(substr(maybe_at, 18, 2) AS INTEGER)
                             FROM date_events ORDER BY id)"
                        : R"(SELECT id, to_char(at, 'YYYY')::bigint, to_char(at, 'MM')::bigint, to_char(at, 'DD')::bigint,
                                    to_char(at, 'HH24')::bigint, to_char(at, 'MI')::bigint, to_char(at, 'SS')::bigint,
                                    to_char(at, 'D')::bigint - 1, to_char(maybe_at, 'D')::bigint - 1,
                                    to_char(maybe_at, 'SS')::bigint
                             FROM date_events ORDER BY id)");
    check_computed(db, q, [](const seed& s) {
        const sys_days d = chrono::floor<chrono::days>(s.at);
        const auto time = time_of(s.at);
        return std::tuple{s.id,
                          civil_year(d),
                          civil_month(d),
                          civil_day(d),
                          std::int64_t{time.hours().count()},
                          std::int64_t{time.minutes().count()},
                          std::int64_t{time.seconds().count()},
                          weekday_of(d),
                          map(s.maybe_at, [](timestamp t) { return weekday_of(chrono::floor<chrono::days>(t)); }),
                          map(s.maybe_at, [](timestamp t) { return std::int64_t{time_of(t).seconds().count()}; })};
    });
}

TEMPLATE_TEST_CASE("parts of a date are the same on both backends", "[both][dates]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    const auto q = select(date_events.id, year_of(date_events.due), month_of(date_events.due), day_of(date_events.due),
                          day_of_week(date_events.due), year_of(date_events.maybe_due), day_of_week(date_events.maybe_due))
                       .from(date_events)
                       .order_by(date_events.id);
    check_same_rows(db, q,
                    is_sqlite<TestType>
                        ? R"(SELECT id, CAST(substr(due, 1, 4) AS INTEGER), CAST(substr(due, 6, 2) AS INTEGER),
                                    CAST(substr(due, 9, 2) AS INTEGER), CAST(julianday(due) + 1.5 AS INTEGER) % 7,
                                    CAST(substr(maybe_due, 1, 4) AS INTEGER), CAST(julianday(maybe_due) + 1.5 AS INTEGER) % 7
                             FROM date_events ORDER BY id)"
                        : R"(SELECT id, to_char(due, 'YYYY')::bigint, to_char(due, 'MM')::bigint, to_char(due, 'DD')::bigint,
                                    to_char(due, 'D')::bigint - 1, to_char(maybe_due, 'YYYY')::bigint,
                                    to_char(maybe_due, 'D')::bigint - 1
                             FROM date_events ORDER BY id)");
    check_computed(db, q, [](const seed& s) {
        return std::tuple{s.id, civil_year(s.due), civil_month(s.due), civil_day(s.due), weekday_of(s.due),
                          map(s.maybe_due, civil_year), map(s.maybe_due, weekday_of)};
    });
}

TEMPLATE_TEST_CASE("truncated timestamps are the same on both backends", "[both][dates]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    const auto q = select(date_events.id, trunc_day(date_events.at), trunc_week(date_events.at),
                          trunc_month(date_events.at), trunc_year(date_events.at), trunc_week(date_events.maybe_at))
                       .from(date_events)
                       .order_by(date_events.id);
    // SQLite: julianday() + 0.5 of a midnight is the Julian day number, whose
    // remainder by 7 counts the days since Monday.
    check_same_rows(db, q,
                    is_sqlite<TestType>
                        ? R"(SELECT id, substr(at, 1, 10) || ' 00:00:00.000000',
                                    date(substr(at, 1, 10), '-' || (CAST(julianday(substr(at, 1, 10)) + 0.5 AS INTEGER) % 7) || ' days')
                                        || ' 00:00:00.000000',
                                    substr(at, 1, 8) || '01 00:00:00.000000', substr(at, 1, 5) || '01-01 00:00:00.000000',
                                    date(substr(maybe_at, 1, 10), '-' || (CAST(julianday(substr(maybe_at, 1, 10)) + 0.5 AS INTEGER) % 7)
                                         || ' days') || ' 00:00:00.000000'
                             FROM date_events ORDER BY id)"
                        : R"(SELECT id, at::date::timestamp, (at::date - (EXTRACT(ISODOW FROM at)::int - 1))::timestamp,
                                    make_timestamp(EXTRACT(YEAR FROM at)::int, EXTRACT(MONTH FROM at)::int, 1, 0, 0, 0),
                                    make_timestamp(EXTRACT(YEAR FROM at)::int, 1, 1, 0, 0, 0),
                                    (maybe_at::date - (EXTRACT(ISODOW FROM maybe_at)::int - 1))::timestamp
                             FROM date_events ORDER BY id)");
    check_computed(db, q, [](const seed& s) {
        const sys_days d = chrono::floor<chrono::days>(s.at);
        return std::tuple{s.id, timestamp{d}, timestamp{monday_of(d)}, timestamp{first_of_month(d)},
                          timestamp{first_of_year(d)},
                          map(s.maybe_at, [](timestamp t) { return timestamp{monday_of(chrono::floor<chrono::days>(t))}; })};
    });
}

TEMPLATE_TEST_CASE("truncated dates are the same on both backends", "[both][dates]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    const auto q = select(date_events.id, trunc_day(date_events.due), trunc_week(date_events.due),
                          trunc_month(date_events.due), trunc_year(date_events.due), trunc_week(date_events.maybe_due))
                       .from(date_events)
                       .order_by(date_events.id);
    check_same_rows(db, q,
                    is_sqlite<TestType>
                        ? R"(SELECT id, due, date(due, '-' || (CAST(julianday(due) + 0.5 AS INTEGER) % 7) || ' days'),
                                    substr(due, 1, 8) || '01', substr(due, 1, 5) || '01-01',
                                    date(maybe_due, '-' || (CAST(julianday(maybe_due) + 0.5 AS INTEGER) % 7) || ' days')
                             FROM date_events ORDER BY id)"
                        : R"(SELECT id, due, due - (EXTRACT(ISODOW FROM due)::int - 1),
                                    make_date(EXTRACT(YEAR FROM due)::int, EXTRACT(MONTH FROM due)::int, 1),
                                    make_date(EXTRACT(YEAR FROM due)::int, 1, 1),
                                    maybe_due - (EXTRACT(ISODOW FROM maybe_due)::int - 1)
                             FROM date_events ORDER BY id)");
    check_computed(db, q, [](const seed& s) {
        return std::tuple{s.id, s.due, monday_of(s.due), first_of_month(s.due), first_of_year(s.due),
                          map(s.maybe_due, monday_of)};
    });
    // Grouped by a part: the same expression in the select list, GROUP BY and ORDER BY.
    const auto weekday = day_of_week(date_events.due);
    check_same_rows(db, select(weekday, count()).from(date_events).group_by(weekday).order_by(weekday),
                    is_sqlite<TestType>
                        ? R"(SELECT CAST(julianday(due) + 1.5 AS INTEGER) % 7 AS d, COUNT(*) FROM date_events GROUP BY d ORDER BY d)"
                        : R"(SELECT to_char(due, 'D')::bigint - 1 AS d, COUNT(*) FROM date_events GROUP BY d ORDER BY d)");
}

TEMPLATE_TEST_CASE("timestamps moved by fixed durations are the same on both backends", "[both][dates]",
                   sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    // Whole hours, days and minutes keep the fraction: raw SQL can move the whole seconds alone.
    check_same_rows(db,
                    select(date_events.id, date_events.at + chrono::hours{2}, date_events.at - chrono::days{3},
                           date_events.maybe_at + chrono::minutes{90})
                        .from(date_events)
                        .order_by(date_events.id),
                    is_sqlite<TestType>
                        ? R"(SELECT id, strftime('%Y-%m-%d %H:%M:%S', substr(at, 1, 19), '+2 hours') || substr(at, 20),
                                    strftime('%Y-%m-%d %H:%M:%S', substr(at, 1, 19), '-3 days') || substr(at, 20),
                                    strftime('%Y-%m-%d %H:%M:%S', substr(maybe_at, 1, 19), '+90 minutes') || substr(maybe_at, 20)
                             FROM date_events ORDER BY id)"
                        : R"(SELECT id, at + interval '2 hours', at - interval '3 days', maybe_at + interval '90 minutes'
                             FROM date_events ORDER BY id)");

    // Microseconds carry across seconds, days, years and 1970. About 300 years
    // is an odd count of microseconds past 2^53, which a DOUBLE PRECISION
    // count would round to an even one.
    constexpr auto centuries = chrono::days{300 * 365} + chrono::microseconds{1};
    check_computed(db,
                   select(date_events.id, date_events.at + chrono::microseconds{1}, date_events.at - chrono::microseconds{1},
                          date_events.at + chrono::milliseconds{400}, date_events.at - centuries,
                          date_events.at + chrono::days{1} - chrono::microseconds{999'999},
                          date_events.maybe_at - chrono::seconds{1})
                       .from(date_events)
                       .order_by(date_events.id),
                   [&](const seed& s) {
                       return std::tuple{s.id,
                                         s.at + chrono::microseconds{1},
                                         s.at - chrono::microseconds{1},
                                         s.at + chrono::milliseconds{400},
                                         s.at - centuries,
                                         s.at + chrono::days{1} - chrono::microseconds{999'999},
                                         map(s.maybe_at, [](timestamp t) { return t - chrono::seconds{1}; })};
                   });
}

TEMPLATE_TEST_CASE("dates moved by days and weeks are the same on both backends", "[both][dates]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    const auto q = select(date_events.id, date_events.due + chrono::days{1}, date_events.due - chrono::weeks{1},
                          date_events.due + chrono::days{366}, date_events.maybe_due - chrono::days{1})
                       .from(date_events)
                       .order_by(date_events.id);
    check_same_rows(db, q,
                    is_sqlite<TestType>
                        ? R"(SELECT id, date(due, '+1 days'), date(due, '-7 days'), date(due, '+366 days'),
                                    date(maybe_due, '-1 days')
                             FROM date_events ORDER BY id)"
                        : R"(SELECT id, due + 1, due - 7, due + 366, maybe_due - 1 FROM date_events ORDER BY id)");
    check_computed(db, q, [](const seed& s) {
        return std::tuple{s.id, s.due + chrono::days{1}, s.due - chrono::weeks{1}, s.due + chrono::days{366},
                          map(s.maybe_due, [](sys_days d) { return d - chrono::days{1}; })};
    });
}

TEMPLATE_TEST_CASE("a moved operand with parameters of its own binds each value once", "[both][dates]",
                   sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    using ids = std::vector<std::int64_t>;
    constexpr auto recent = select(date_events.id)
                                .from(date_events)
                                .where(date_events.id > param<"after", std::int64_t> &&
                                       date_events.at >= param<"since", timestamp> - chrono::hours{1} &&
                                       date_events.id < param<"before", std::int64_t>)
                                .order_by(date_events.id);
    CHECK(db(recent, arg<"after">(std::int64_t{1}), arg<"since">(at(2000, 2, 29, 13, 34, 56, 1)),
             arg<"before">(std::int64_t{7}))
              .to_vector() == ids{3, 4});
    CHECK(db(recent, arg<"after">(std::int64_t{0}), arg<"since">(at(1970, 1, 1, 0, 59, 59, 999'999)),
             arg<"before">(std::int64_t{9}))
              .to_vector() == ids{1, 2, 3, 4, 6, 7});
    // An aggregate as the operand: repeated in SQLite's text, it still aggregates.
    const auto extremes = db(select(max(date_events.at) + chrono::microseconds{1}, min(date_events.due) - chrono::days{1},
                                    max(date_events.maybe_due) + chrono::weeks{1})
                                 .from(date_events))
                              .to_vector();
    REQUIRE(extremes.size() == 1);
    CHECK(ctql::get<0>(extremes[0]) == at(2100, 12, 31, 18, 0, 0, 500'001));
    CHECK(ctql::get<1>(extremes[0]) == ymd(1066, 10, 13));
    CHECK(ctql::get<2>(extremes[0]) == ymd(2101, 1, 8));
}

TEMPLATE_TEST_CASE("current_date() and current_timestamp() are now in UTC", "[both][dates]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    const auto before = chrono::system_clock::now();
    const auto rows = db(select(current_date(), current_timestamp(), current_date() - chrono::days{1})
                             .from(date_events)
                             .where(date_events.id == 1))
                          .to_vector();
    const auto after = chrono::system_clock::now();
    REQUIRE(rows.size() == 1);
    const timestamp now = ctql::get<1>(rows[0]);
    // PostgreSQL's now() is the transaction's start; SQLite's clock has milliseconds.
    CHECK(now >= chrono::floor<chrono::milliseconds>(before) - chrono::seconds{5});
    CHECK(now <= after);
    CHECK(ctql::get<0>(rows[0]) == chrono::floor<chrono::days>(now));
    CHECK(ctql::get<2>(rows[0]) == chrono::floor<chrono::days>(now) - chrono::days{1});
}

TEST_CASE("dates are logged as their text", "[dates]") {
    const auto q = select(date_events.id)
                       .from(date_events)
                       .where(date_events.due == chrono::year{1969} / 12 / 31 && date_events.due < param<"by", sys_days>);
    CHECK(ctql::detail::format_parameters(q, arg<"by">(ymd(2000, 2, 29))) == "('1969-12-31', '2000-02-29')");
}
