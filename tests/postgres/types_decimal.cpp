// ctql::decimal columns on both backends: exact round trips at the edges of
// precision and scale, NULL, comparison, arithmetic and sums in SQL, and the
// bulk path (COPY BINARY on PostgreSQL).
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <tuple>
#include <vector>

#include "../common/backends.hpp"

using namespace ctql;
using ctql_test::postgres_backend;
using ctql_test::sqlite_backend;

using money = decimal<10, 2>;
using widest = decimal<18, 0>;
using finest = decimal<18, 18>;
using milli = decimal<6, 3>;  // CTQL_TABLE takes a type without a comma: name it

CTQL_TABLE(ledger,
    (id,     std::int64_t, ctql::primary_key),
    (amount, money),
    (whole,  widest),
    (tiny,   finest),
    (maybe,  std::optional<milli>));

namespace {
struct entry {
    money amount;
    widest whole;
    finest tiny;
    std::optional<milli> maybe;
    bool operator==(const entry&) const = default;
};

const std::vector<entry> entries = {
    {money("0"), widest("0"), finest("0"), std::nullopt},
    {money("99999999.99"), widest("999999999999999999"), finest("0.999999999999999999"), milli("999.999")},
    {money("-99999999.99"), widest("-999999999999999999"), finest("-0.999999999999999999"), milli("-999.999")},
    {money("0.01"), widest("1"), finest("0.000000000000000001"), milli("0.001")},
    {money("-0.01"), widest("-10000"), finest("-0.0001"), milli("100")},
    {money("12345.6"), widest("100000000"), finest("0.00010001"), milli("-0.5")},
};

template <class Backend>
typename Backend::connection filled(bool bulk) {
    auto db = Backend::open();
    ctql_test::recreate(db, ledger);
    if (bulk) {
        std::vector<std::tuple<money, widest, finest, std::optional<milli>>> rows;
        for (const entry& e : entries) rows.emplace_back(e.amount, e.whole, e.tiny, e.maybe);
        CHECK(db(insert_into(ledger).columns(ledger.amount, ledger.whole, ledger.tiny, ledger.maybe), rows) ==
              static_cast<std::int64_t>(entries.size()));
    } else {
        for (const entry& e : entries)
            db(insert_into(ledger).set(ledger.amount = e.amount, ledger.whole = e.whole, ledger.tiny = e.tiny,
                                       ledger.maybe = e.maybe));
    }
    return db;
}

template <class Connection>
std::vector<entry> read_all(Connection& db) {
    std::vector<entry> out;
    for (const auto& row : db(select(ledger.amount, ledger.whole, ledger.tiny, ledger.maybe).from(ledger).order_by(ledger.id)))
        out.push_back({row.amount, row.whole, row.tiny, row.maybe});
    return out;
}

template <class Connection, class Condition>
std::vector<std::int64_t> ids_where(Connection& db, const Condition& condition) {
    return db(select(ledger.id).from(ledger).where(condition).order_by(ledger.id)).to_vector();
}
}  // namespace

TEMPLATE_TEST_CASE("decimals round-trip exactly at the edges of their precision and scale", "[both][decimal]",
                   sqlite_backend, postgres_backend) {
    auto db = filled<TestType>(false);
    CHECK(read_all(db) == entries);
}

TEMPLATE_TEST_CASE("decimals inserted in bulk round-trip exactly", "[both][decimal][bulk]", sqlite_backend,
                   postgres_backend) {
    auto db = filled<TestType>(true);
    CHECK(read_all(db) == entries);
}

TEMPLATE_TEST_CASE("decimals compare and order numerically in SQL", "[both][decimal]", sqlite_backend,
                   postgres_backend) {
    auto db = filled<TestType>(false);
    using ids = std::vector<std::int64_t>;
    CHECK(ids_where(db, ledger.amount > money("0")) == ids{2, 4, 6});
    CHECK(ids_where(db, ledger.amount == money("12345.60")) == ids{6});
    CHECK(ids_where(db, ledger.amount.between(money("-0.01"), money("0.01"))) == ids{1, 4, 5});
    CHECK(ids_where(db, ledger.whole < widest("-1")) == ids{3, 5});
    CHECK(ids_where(db, ledger.maybe >= milli("0.001")) == ids{2, 4, 5});
    CHECK(ids_where(db, ledger.maybe.is_null()) == ids{1});
    CHECK(ids_where(db, ledger.amount.in(std::vector{money("0.01"), money("-0.01")})) == ids{4, 5});
    CHECK(ids_where(db, ledger.amount.in(money("0.01"), money("12345.6"))) == ids{4, 6});
    const auto at_least = select(ledger.id).from(ledger).where(ledger.tiny >= param<"tiny", finest>).order_by(ledger.id);
    CHECK(db(at_least, arg<"tiny">(finest("0.0001"))).to_vector() == ids{2, 6});
    CHECK(db(select(ledger.id).from(ledger).order_by(ledger.amount.desc())).to_vector() == ids{2, 6, 4, 1, 5, 3});
}

TEMPLATE_TEST_CASE("decimals add, subtract, multiply by integers and sum exactly in SQL", "[both][decimal]",
                   sqlite_backend, postgres_backend) {
    auto db = filled<TestType>(false);
    const auto computed = db(select(ledger.amount + money("0.01"), ledger.amount * 2, -ledger.amount,
                                    ledger.maybe - milli("0.5"))
                                 .from(ledger)
                                 .where(ledger.id == 6))
                              .front();
    CHECK(get<0>(computed) == money("12345.61"));
    CHECK(get<1>(computed) == money("24691.20"));
    CHECK(get<2>(computed) == money("-12345.60"));
    CHECK(get<3>(computed) == milli("-1"));
    const auto sums = db(select(sum(ledger.amount), sum(ledger.tiny)).from(ledger).where(ledger.id > 3)).front();
    CHECK(get<0>(sums) == decimal<18, 2>("12345.60"));
    CHECK(get<1>(sums) == decimal<18, 18>("0.000000010000000001"));

    db(update(ledger).set(ledger.amount = ledger.amount - money("0.60")).where(ledger.id == 6));
    CHECK(db(select(ledger.amount).from(ledger).where(ledger.id == 6)).front() == money("12345.00"));
}

TEMPLATE_TEST_CASE("a decimal result beyond the C++ type's digits is an error, never rounded", "[both][decimal]",
                   sqlite_backend, postgres_backend) {
    auto db = filled<TestType>(false);
    // 99999999.99 * 2 has 11 digits: decimal<10, 2> cannot hold it.
    CHECK_THROWS_AS(db(select(ledger.amount * 2).from(ledger).where(ledger.id == 2)).to_vector(), ctql::data_error);
}
