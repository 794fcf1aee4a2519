// Every supported type stored through ctql and read back unchanged on both
// backends, including NULL, extremes, NaN and infinities, non-ASCII text,
// NUL bytes (where the backend can store them) and large blobs.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "../common/backends.hpp"

using namespace ctql;
using ctql_test::postgres_backend;
using ctql_test::sqlite_backend;

namespace {
template <class T>
using limits = std::numeric_limits<T>;

struct record {
    std::int8_t i8{};
    std::int16_t i16{};
    std::int32_t i32{};
    std::int64_t i64{};
    std::uint8_t u8{};
    std::uint16_t u16{};
    std::uint32_t u32{};
    std::uint64_t u64{};
    bool flag{};
    float f32{};
    double f64{};
    std::string text;
    blob bytes;
    timestamp at{};
    std::optional<std::string> maybe_text;
    std::optional<std::int32_t> maybe_int;
    std::optional<double> maybe_real;
    std::optional<blob> maybe_bytes;
    std::optional<timestamp> maybe_at;
};

constexpr auto insert_record = [](const record& r) {
    return insert_into(all_types).set(
        all_types.i8 = r.i8, all_types.i16 = r.i16, all_types.i32 = r.i32, all_types.i64 = r.i64, all_types.u8 = r.u8,
        all_types.u16 = r.u16, all_types.u32 = r.u32, all_types.u64 = r.u64, all_types.flag = r.flag,
        all_types.f32 = r.f32, all_types.f64 = r.f64, all_types.text = r.text, all_types.bytes = r.bytes,
        all_types.at = r.at, all_types.maybe_text = r.maybe_text, all_types.maybe_int = r.maybe_int,
        all_types.maybe_real = r.maybe_real, all_types.maybe_bytes = r.maybe_bytes, all_types.maybe_at = r.maybe_at);
};

constexpr auto select_record =
    select(all_types.i8, all_types.i16, all_types.i32, all_types.i64, all_types.u8, all_types.u16, all_types.u32,
           all_types.u64, all_types.flag, all_types.f32, all_types.f64, all_types.text, all_types.bytes, all_types.at,
           all_types.maybe_text, all_types.maybe_int, all_types.maybe_real, all_types.maybe_bytes, all_types.maybe_at)
        .from(all_types)
        .order_by(all_types.id.desc())
        .limit<1>();

bool same_real(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || (a == b && std::signbit(a) == std::signbit(b)) || (a == b && a == 0);
}

template <class Connection>
record round_trip(Connection& db, const record& r) {
    db(insert_record(r));
    auto row = db(select_record).front();
    record out;
    std::tie(out.i8, out.i16, out.i32, out.i64, out.u8, out.u16, out.u32, out.u64, out.flag, out.f32, out.f64,
             out.text, out.bytes, out.at, out.maybe_text, out.maybe_int, out.maybe_real, out.maybe_bytes,
             out.maybe_at) = std::tuple{get<0>(row), get<1>(row), get<2>(row), get<3>(row), get<4>(row),
                                        get<5>(row), get<6>(row), get<7>(row), get<8>(row), get<9>(row),
                                        get<10>(row), get<11>(row), get<12>(row), get<13>(row), get<14>(row),
                                        get<15>(row), get<16>(row), get<17>(row), get<18>(row)};
    return out;
}

void require_equal(const record& a, const record& b) {
    CHECK(a.i8 == b.i8);
    CHECK(a.i16 == b.i16);
    CHECK(a.i32 == b.i32);
    CHECK(a.i64 == b.i64);
    CHECK(a.u8 == b.u8);
    CHECK(a.u16 == b.u16);
    CHECK(a.u32 == b.u32);
    CHECK(a.u64 == b.u64);
    CHECK(a.flag == b.flag);
    CHECK(same_real(a.f32, b.f32));
    CHECK(same_real(a.f64, b.f64));
    CHECK(a.text == b.text);
    CHECK(a.bytes == b.bytes);
    CHECK(a.at == b.at);
    CHECK(a.maybe_text == b.maybe_text);
    CHECK(a.maybe_int == b.maybe_int);
    CHECK(a.maybe_real.has_value() == b.maybe_real.has_value());
    if (a.maybe_real && b.maybe_real) CHECK(same_real(*a.maybe_real, *b.maybe_real));
    CHECK(a.maybe_bytes == b.maybe_bytes);
    CHECK(a.maybe_at == b.maybe_at);
}

blob all_byte_values() {
    blob b;
    for (int i = 0; i < 256; ++i) b.push_back(static_cast<std::byte>(i));
    return b;
}

timestamp at(int y, unsigned m, unsigned d, int hh, int mm, int ss, int us) {
    using namespace std::chrono;
    return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss} + microseconds{us};
}
}  // namespace

TEMPLATE_TEST_CASE("minimum values of every type round-trip with NULLs", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    record r{limits<std::int8_t>::min(), limits<std::int16_t>::min(), limits<std::int32_t>::min(),
             limits<std::int64_t>::min(), 0, 0, 0, 0, false, -limits<float>::infinity(), -limits<double>::infinity(),
             "", blob{}, at(1, 1, 1, 0, 0, 0, 0), std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    require_equal(round_trip(db, r), r);
}

TEMPLATE_TEST_CASE("maximum values of every type round-trip with values in optionals", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    record r{limits<std::int8_t>::max(), limits<std::int16_t>::max(), limits<std::int32_t>::max(),
             limits<std::int64_t>::max(), limits<std::uint8_t>::max(), limits<std::uint16_t>::max(),
             limits<std::uint32_t>::max(), limits<std::uint64_t>::max(), true, limits<float>::infinity(),
             limits<double>::infinity(), std::string(1 << 20, 'x'), blob(1 << 20, std::byte{0xAB}),
             at(9999, 12, 31, 23, 59, 59, 999999), std::string(""), limits<std::int32_t>::max(),
             limits<double>::max(), blob{}, at(2000, 1, 1, 0, 0, 0, 0)};
    require_equal(round_trip(db, r), r);
}

TEMPLATE_TEST_CASE("NaN, negative zero and denormals round-trip", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    record r{};
    r.f32 = limits<float>::quiet_NaN();
    r.f64 = limits<double>::quiet_NaN();
    r.maybe_real = limits<double>::denorm_min();
    r.at = at(1969, 12, 31, 23, 59, 59, 999999);
    const record back = round_trip(db, r);
    CHECK(std::isnan(back.f32));
    CHECK(std::isnan(back.f64));
    CHECK(back.maybe_real == limits<double>::denorm_min());
    CHECK(back.at == r.at);
    r.f64 = limits<double>::lowest();
    r.f32 = limits<float>::lowest();
    r.maybe_real = -limits<double>::quiet_NaN();
    const record again = round_trip(db, r);
    CHECK(again.f64 == limits<double>::lowest());
    CHECK(again.f32 == limits<float>::lowest());
    CHECK(std::isnan(*again.maybe_real));
}

TEMPLATE_TEST_CASE("text keeps non-ASCII characters and hostile SQL unchanged", "[both]", sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh<TestType>();
    std::vector<std::string> samples{
        "Grüße, 世界 🎉",
        "'); DROP TABLE all_types; --",
        "\"quoted\" 'single' `back`",
        "/* comment */ -- line",
        "; DELETE FROM all_types WHERE 1=1;",
        "\\x00 \\n \n\r\t",
        "",
    };
    // SQLite text may hold NUL bytes; PostgreSQL text cannot (see below).
    if constexpr (std::is_same_v<TestType, sqlite_backend>) {
        samples.push_back(std::string("a\0b\0", 4));
        samples.push_back(std::string(1, '\0'));
    }
    for (const auto& s : samples) {
        record r{};
        r.text = s;
        r.maybe_text = s;
        r.bytes = all_byte_values();
        r.maybe_bytes = blob{std::byte{0}};
        const record back = round_trip(db, r);
        CHECK(back.text == s);
        CHECK(back.maybe_text == s);
        CHECK(back.bytes == r.bytes);
        CHECK(back.maybe_bytes == r.maybe_bytes);
    }
    CHECK(db(select(count()).from(all_types)).front() == static_cast<std::int64_t>(samples.size()));
    // The hostile strings are data, so they also work as comparison values.
    CHECK(db(select(count()).from(all_types).where(all_types.text == "'); DROP TABLE all_types; --")).front() == 1);
}

TEMPLATE_TEST_CASE("timestamps of every supported precision round-trip", "[both]", sqlite_backend, postgres_backend) {
    using namespace std::chrono;
    auto db = ctql_test::fresh<TestType>();
    for (const timestamp t : {at(1970, 1, 1, 0, 0, 0, 0), at(2024, 2, 29, 12, 34, 56, 123456), at(1, 1, 1, 0, 0, 0, 1),
                              time_point_cast<microseconds>(system_clock::now())}) {
        record r{};
        r.at = t;
        r.maybe_at = t;
        const record back = round_trip(db, r);
        CHECK(back.at == t);
        CHECK(back.maybe_at == t);
    }
}

TEST_CASE("PostgreSQL refuses text with NUL bytes before sending, and stores nothing") {
    auto db = ctql_test::fresh<postgres_backend>();
    record r{};
    r.text = std::string("a\0b", 3);
    CHECK_THROWS_AS(db(insert_record(r)), data_error);
    CHECK_THROWS_WITH(db(insert_record(r)), Catch::Contains("NUL"));
    CHECK(db(select(count()).from(all_types)).front() == 0);
}
