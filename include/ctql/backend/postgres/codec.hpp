// SPDX-License-Identifier: MIT
#pragma once
// PostgreSQL's binary wire format for every ctql column type: how a C++ value
// becomes a bound parameter, and how a binary result field becomes a C++ value.
//
// Binary everywhere because it skips the server's text formatting and our
// parsing, and because it round-trips floats bit for bit (NaN, -0.0, ±inf).
//
// Type mapping (the schema's PostgreSQL DDL must use the same column types, or
// COPY BINARY, which carries no type information, rejects the data):
//   int8_t, int16_t, uint8_t -> int2 (SMALLINT)
//   int32_t, uint16_t        -> int4 (INTEGER)
//   int64_t, uint32_t        -> int8 (BIGINT)
//   uint64_t                 -> int8, bit-cast: every value round-trips, but
//                               values above INT64_MAX are negative to the
//                               server, so SQL ordering and arithmetic on them
//                               are not numeric
//   bool -> bool, float -> float4, double -> float8
//   std::string (and string views, C strings) -> text; blob -> bytea
//   std::chrono::sys_time<D> -> timestamp (without time zone, read as UTC)
//   std::chrono::sys_days    -> date
//   ctql::decimal<P, S>      -> numeric (NUMERIC(P, S)), in numeric's binary format
//   ctql::uuid               -> uuid
//   ctql::json               -> jsonb (read from json or jsonb)
//   std::vector<T>           -> T's array type (int8[], text[], numeric[], ...), one dimension
//   mapped types             -> their column_mapping's stored type; an enum with
//                               enum_names<E>::postgres_type -> that ENUM type,
//                               whose binary format is the label's text
//
// Results accept any of int2/int4/int8 for any integer type (range-checked
// per value), float4/float8 for float/double, text/varchar/bpchar/name for
// strings, timestamp or timestamptz for time points, and date for sys_days.
//
// Timestamps and dates: PostgreSQL's 'infinity' and '-infinity' map to
// time_point::max() and time_point::min() of the C++ type, in both
// directions. Any other value outside what either side can hold is a
// ctql::data_error rather than a silently different instant.
#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <ratio>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <forward_list>

#include <ctql/backend/postgres/oid.hpp>
#include <ctql/core/error.hpp>
#include <ctql/core/decimal.hpp>
#include <ctql/core/json.hpp>
#include <ctql/core/uuid.hpp>
#include <ctql/core/value_array.hpp>
#include <ctql/core/type_name.hpp>
#include <ctql/core/value_types.hpp>

namespace ctql::postgres::detail {

// ---------------------------------------------------------------------------
// Network byte order. Written with shifts so that it is correct on any host;
// compilers turn these into a single bswap + move.

inline void put_be16(char* out, std::uint16_t v) noexcept {
    out[0] = static_cast<char>(v >> 8);
    out[1] = static_cast<char>(v);
}
inline void put_be32(char* out, std::uint32_t v) noexcept {
    for (int i = 3; i >= 0; --i, v >>= 8) out[i] = static_cast<char>(v);
}
inline void put_be64(char* out, std::uint64_t v) noexcept {
    for (int i = 7; i >= 0; --i, v >>= 8) out[i] = static_cast<char>(v);
}
inline std::uint16_t get_be16(const char* p) noexcept {
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
}
inline std::uint32_t get_be32(const char* p) noexcept {
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | b[i];
    return v;
}
inline std::uint64_t get_be64(const char* p) noexcept {
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | b[i];
    return v;
}

// ---------------------------------------------------------------------------
// Names for error messages: both sides of a mismatch must be recognisable.

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_sys_time : std::false_type {};
template <class D>
struct is_sys_time<std::chrono::sys_time<D>> : std::true_type {};

template <class T>
std::string cpp_type_name() {
    return ctql::detail::type_name<T>();
}

inline std::string pg_type_name(Oid type) {
    const std::string_view known = oid::type_name(type);
    return known.empty() ? "oid " + std::to_string(type) : std::string(known);
}

inline std::string column_label(const PGresult* r, int col) {
    const char* name = PQfname(r, col);
    return name != nullptr ? "column \"" + std::string(name) + "\"" : "column #" + std::to_string(col);
}

// Errors found on the client side carry no SQLSTATE: an empty sqlstate tells
// the reader that the server never saw the value.
[[noreturn]] inline void throw_data_error(std::string message) {
    error_details d;
    d.message = std::move(message);
    throw data_error(std::move(d));
}

template <class T>
[[noreturn]] void throw_out_of_range(const PGresult* r, int col, const std::string& value) {
    throw_data_error(column_label(r, col) + " holds " + value + ", which does not fit in " + cpp_type_name<T>());
}

[[noreturn]] inline void throw_bad_length(const PGresult* r, int col, int length, int expected) {
    throw_data_error(column_label(r, col) + " has a binary value of " + std::to_string(length) +
                     " bytes where " + std::to_string(expected) +
                     " were expected: the column type was not checked, or the result is not in binary format");
}

// ---------------------------------------------------------------------------
// One codec per storable type.
//
// Fixed-size codecs: oid, wire_size, encode(v, out) writing wire_size bytes.
// Variable-size codecs: oid, bytes(v) viewing the caller's storage.
// All: accepts(result_oid) and decode(data, length, result, column).

template <class T>
struct codec;

template <class T>
    requires(kind_of_v<T> == sql_kind::integer && !mapped_type<T>)
struct codec<T> {
    static_assert(sizeof(T) <= 8, "ctql: PostgreSQL has no integer type wider than 64 bits");

    // An unsigned type goes to the next wider signed type so that its whole
    // range fits; uint64_t has none and is bit-cast into int8.
    static constexpr int wire_size = std::is_signed_v<T>
                                         ? std::max(static_cast<int>(sizeof(T)), 2)
                                         : std::clamp(2 * static_cast<int>(sizeof(T)), 2, 8);
    static constexpr Oid oid = wire_size == 2 ? oid::int2 : wire_size == 4 ? oid::int4 : oid::int8;

    static void encode(T v, char* out) noexcept {
        if constexpr (wire_size == 2) {
            put_be16(out, static_cast<std::uint16_t>(static_cast<std::int16_t>(v)));
        } else if constexpr (wire_size == 4) {
            put_be32(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(v)));
        } else {
            put_be64(out, static_cast<std::uint64_t>(v));  // modular: the uint64_t bit-cast
        }
    }

    static constexpr bool accepts(Oid type) noexcept {
        return type == oid::int2 || type == oid::int4 || type == oid::int8;
    }

    static T decode(const char* p, int length, const PGresult* r, int col) {
        std::int64_t wide = 0;
        switch (length) {
            case 2: wide = static_cast<std::int16_t>(get_be16(p)); break;
            case 4: wide = static_cast<std::int32_t>(get_be32(p)); break;
            case 8:
                // The inverse of the bit-cast in encode: only an int8 column can
                // have been written from a uint64_t, so only int8 is reinterpreted.
                if constexpr (std::is_unsigned_v<T> && sizeof(T) == 8) {
                    return static_cast<T>(get_be64(p));
                }
                wide = static_cast<std::int64_t>(get_be64(p));
                break;
            default: throw_bad_length(r, col, length, wire_size);
        }
        if (!std::in_range<T>(wide)) throw_out_of_range<T>(r, col, std::to_string(wide));
        return static_cast<T>(wide);
    }
};

template <>
struct codec<bool> {
    static constexpr int wire_size = 1;
    static constexpr Oid oid = oid::boolean;
    static void encode(bool v, char* out) noexcept { out[0] = v ? 1 : 0; }
    static constexpr bool accepts(Oid type) noexcept { return type == oid::boolean; }
    static bool decode(const char* p, int length, const PGresult* r, int col) {
        if (length != 1) throw_bad_length(r, col, length, 1);
        return p[0] != 0;
    }
};

template <class T>
    requires(std::is_floating_point_v<T> && kind_of_v<T> == sql_kind::real)
struct codec<T> {
    static_assert(std::numeric_limits<T>::is_iec559, "ctql: PostgreSQL's float format is IEEE 754");
    using bits = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
    static_assert(sizeof(T) == sizeof(bits));

    static constexpr int wire_size = sizeof(T);
    static constexpr Oid oid = sizeof(T) == 4 ? oid::float4 : oid::float8;

    static void encode(T v, char* out) noexcept {
        if constexpr (sizeof(T) == 4) {
            put_be32(out, std::bit_cast<std::uint32_t>(v));
        } else {
            put_be64(out, std::bit_cast<std::uint64_t>(v));
        }
    }

    static constexpr bool accepts(Oid type) noexcept { return type == oid::float4 || type == oid::float8; }

    static T decode(const char* p, int length, const PGresult* r, int col) {
        if (length == 4) return static_cast<T>(std::bit_cast<float>(get_be32(p)));
        if (length != 8) throw_bad_length(r, col, length, wire_size);
        const double d = std::bit_cast<double>(get_be64(p));
        if constexpr (sizeof(T) == 4) {
            // Narrowing a finite double beyond float's range is undefined
            // behaviour, and turning it into infinity would invent a value.
            // NaN and the infinities have float counterparts and pass through.
            constexpr double largest = std::numeric_limits<float>::max();
            if (std::isfinite(d) && (d > largest || d < -largest)) {
                throw_out_of_range<T>(r, col, std::to_string(d));
            }
        }
        return static_cast<T>(d);
    }
};

// NUL cannot be stored in PostgreSQL text (the server would reject it only
// after the round trip, with a less helpful encoding error).
inline std::string_view checked_text(std::string_view s) {
    if (s.find('\0') != std::string_view::npos) {
        throw_data_error("PostgreSQL text cannot contain NUL bytes; store it as ctql::blob");
    }
    if (s.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw_data_error("a text value of " + std::to_string(s.size()) + " bytes is larger than libpq can send");
    }
    return s;
}

inline std::string_view checked_bytes(std::span<const std::byte> b) {
    if (b.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw_data_error("a bytea value of " + std::to_string(b.size()) + " bytes is larger than libpq can send");
    }
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

template <>
struct codec<std::string> {
    static constexpr Oid oid = oid::text;
    static std::string_view bytes(std::string_view v) { return checked_text(v); }
    static constexpr bool accepts(Oid type) noexcept {
        return type == oid::text || type == oid::varchar || type == oid::bpchar || type == oid::name;
    }
    static std::string decode(const char* p, int length, const PGresult*, int) {
        return std::string(p, static_cast<std::size_t>(length));
    }
};

template <>
struct codec<blob> {
    static constexpr Oid oid = oid::bytea;
    static std::string_view bytes(std::span<const std::byte> v) { return checked_bytes(v); }
    static constexpr bool accepts(Oid type) noexcept { return type == oid::bytea; }
    static blob decode(const char* p, int length, const PGresult*, int) {
        const auto* b = reinterpret_cast<const std::byte*>(p);
        return blob(b, b + length);
    }
};

// PostgreSQL counts microseconds from 2000-01-01 00:00:00. Its lowest valid
// value is MIN_TIMESTAMP from datatype/timestamp.h (4714-11-24 BC); its upper
// end (294277 AD) lies beyond any int64 count of Unix microseconds, so only
// the lower bound needs checking when encoding.
inline constexpr std::int64_t pg_epoch_offset_us = 946'684'800'000'000;  // 2000-01-01 in Unix microseconds
inline constexpr std::int64_t pg_min_timestamp = -211'813'488'000'000'000;
inline constexpr std::int64_t pg_infinity = std::numeric_limits<std::int64_t>::max();
inline constexpr std::int64_t pg_minus_infinity = std::numeric_limits<std::int64_t>::min();

// Out of line: keeps the message building away from the encoding hot path
// (and keeps GCC's uninitialised-value analysis of callers tractable).
[[noreturn]] inline void throw_timestamp_out_of_range(long double unix_micros) {
    throw_data_error("the time point " + std::to_string(unix_micros / 1e6L) +
                     " s since 1970 is outside PostgreSQL's timestamp range (4713 BC to 294276 AD)");
}

template <class D>
struct codec<std::chrono::sys_time<D>> {
    using time_point = std::chrono::sys_time<D>;
    using rep = typename D::rep;
    using to_micros = std::ratio_divide<typename D::period, std::micro>;
    // Exotic durations (floating counts, periods such as 1/3 s) would need
    // rounding rules of their own; whole microsecond multiples cover
    // microseconds, milliseconds, seconds, minutes, days.
    static_assert(std::is_integral_v<rep> && std::is_signed_v<rep>,
                  "ctql: PostgreSQL timestamps need a time point with a signed integer count");
    static_assert(to_micros::den == 1,
                  "ctql: PostgreSQL timestamps need a period that is a whole number of microseconds");
    static constexpr std::int64_t factor = to_micros::num;

    static constexpr int wire_size = 8;
    static constexpr Oid oid = oid::timestamp;

    static std::int64_t to_wire(time_point t) {
        if (t == time_point::max()) return pg_infinity;
        if (t == time_point::min()) return pg_minus_infinity;
        const rep count = t.time_since_epoch().count();
        // Bounds in D's units, so the multiplication below cannot overflow.
        constexpr std::int64_t lo = (pg_min_timestamp + pg_epoch_offset_us) / factor;
        constexpr std::int64_t hi = std::numeric_limits<std::int64_t>::max() / factor;
        if (!std::in_range<std::int64_t>(count) || static_cast<std::int64_t>(count) < lo ||
            static_cast<std::int64_t>(count) > hi) {
            throw_timestamp_out_of_range(static_cast<long double>(count) * factor);
        }
        return static_cast<std::int64_t>(count) * factor - pg_epoch_offset_us;
    }

    static void encode(time_point t, char* out) { put_be64(out, static_cast<std::uint64_t>(to_wire(t))); }

    static constexpr bool accepts(Oid type) noexcept { return type == oid::timestamp || type == oid::timestamptz; }

    static time_point decode(const char* p, int length, const PGresult* r, int col) {
        if (length != 8) throw_bad_length(r, col, length, 8);
        const auto pg = static_cast<std::int64_t>(get_be64(p));
        if (pg == pg_infinity) return time_point::max();
        if (pg == pg_minus_infinity) return time_point::min();
        std::int64_t count = 0;
        if constexpr (factor == 1) {
            // >= keeps the last representable microsecond from posing as max(), i.e. infinity.
            if (pg >= std::numeric_limits<std::int64_t>::max() - pg_epoch_offset_us) {
                throw_out_of_range<time_point>(r, col, std::to_string(pg) + " microseconds after 2000-01-01");
            }
            count = pg + pg_epoch_offset_us;
        } else {
            // Divide before shifting the epoch, so that coarse time points
            // (sys_days) reach the end of PostgreSQL's range without overflow.
            count = pg / factor + pg_epoch_offset_us / factor;
            std::int64_t rest = pg % factor + pg_epoch_offset_us % factor;  // in (-factor, 2 * factor)
            if (rest >= factor) {
                ++count;
                rest -= factor;
            }
            if (rest != 0) {
                throw_data_error(column_label(r, col) + " holds a timestamp with a fraction that " +
                                 cpp_type_name<time_point>() + " cannot hold; read it as ctql::timestamp");
            }
        }
        // The extremes of rep are max() and min(), which stand for the infinities.
        if (!std::in_range<rep>(count) || std::cmp_equal(count, std::numeric_limits<rep>::max()) ||
            std::cmp_equal(count, std::numeric_limits<rep>::min())) {
            throw_out_of_range<time_point>(r, col, std::to_string(pg) + " microseconds after 2000-01-01");
        }
        return time_point(D(static_cast<rep>(count)));
    }
};

// PostgreSQL counts days from 2000-01-01 in an int32. Valid dates run from
// Julian day 0 (4714-11-24 BC) up to, not including, 5874898-01-01
// (DATE_END_JULIAN in datatype/timestamp.h); the int32 extremes are the infinities.
inline constexpr std::int64_t pg_epoch_offset_days = 10'957;  // 2000-01-01 in days since 1970-01-01
inline constexpr std::int64_t pg_min_date = -2'451'545;
inline constexpr std::int64_t pg_end_date = 2'145'031'949;
inline constexpr std::int32_t pg_date_infinity = std::numeric_limits<std::int32_t>::max();
inline constexpr std::int32_t pg_date_minus_infinity = std::numeric_limits<std::int32_t>::min();

[[noreturn]] inline void throw_date_out_of_range(long long unix_days) {
    throw_data_error("the date " + std::to_string(unix_days) +
                     " days from 1970-01-01 is outside PostgreSQL's date range (4714-11-24 BC to 5874897-12-31 AD)");
}

// A full specialisation: sys_days would otherwise match the time point codec above.
template <>
struct codec<std::chrono::sys_days> {
    using rep = std::chrono::sys_days::rep;

    static constexpr int wire_size = 4;
    static constexpr Oid oid = oid::date;

    static std::int32_t to_wire(std::chrono::sys_days d) {
        if (d == std::chrono::sys_days::max()) return pg_date_infinity;
        if (d == std::chrono::sys_days::min()) return pg_date_minus_infinity;
        const rep count = d.time_since_epoch().count();
        // Compared before shifting the epoch, so that no subtraction can overflow.
        if (count < pg_min_date + pg_epoch_offset_days || count >= pg_end_date + pg_epoch_offset_days) {
            throw_date_out_of_range(static_cast<long long>(count));
        }
        return static_cast<std::int32_t>(static_cast<std::int64_t>(count) - pg_epoch_offset_days);
    }

    static void encode(std::chrono::sys_days d, char* out) {
        put_be32(out, static_cast<std::uint32_t>(to_wire(d)));
    }

    static constexpr bool accepts(Oid type) noexcept { return type == oid::date; }

    static std::chrono::sys_days decode(const char* p, int length, const PGresult* r, int col) {
        if (length != 4) throw_bad_length(r, col, length, 4);
        const auto pg = static_cast<std::int32_t>(get_be32(p));
        if (pg == pg_date_infinity) return std::chrono::sys_days::max();
        if (pg == pg_date_minus_infinity) return std::chrono::sys_days::min();
        const std::int64_t count = std::int64_t{pg} + pg_epoch_offset_days;
        // The server never sends a day outside its range; a rep too narrow to hold
        // one (or whose extremes would pose as the infinities) is refused, not wrapped.
        if (pg < pg_min_date || pg >= pg_end_date || !std::in_range<rep>(count) ||
            std::cmp_equal(count, std::numeric_limits<rep>::max()) ||
            std::cmp_equal(count, std::numeric_limits<rep>::min())) {
            throw_out_of_range<std::chrono::sys_days>(r, col, std::to_string(pg) + " days after 2000-01-01");
        }
        return std::chrono::sys_days(std::chrono::days(static_cast<rep>(count)));
    }
};

// ---------------------------------------------------------------------------
// Codecs that build their bytes (encode_to appends them to a string): the
// caller provides the storage, since they fit neither the 8-byte scratch of a
// parameter nor the caller's own bytes.

template <class T>
concept fixed_size_codec = requires { codec<T>::wire_size; };
template <class T>
concept encoded_codec = requires(const T& v, std::string& out) { codec<T>::encode_to(v, out); };

[[noreturn]] inline void throw_bad_value(const PGresult* r, int col, const std::string& what) {
    throw_data_error(column_label(r, col) + " " + what);
}

// numeric's binary format (numeric_send): int16 ndigits, int16 weight, uint16
// sign, int16 dscale, then ndigits base-10000 digits, the first worth
// 10000^weight. Written normalised as the server writes it: no leading or
// trailing zero digits, zero as no digits.
inline constexpr std::uint16_t numeric_positive = 0x0000;
inline constexpr std::uint16_t numeric_negative = 0x4000;
inline constexpr std::uint16_t numeric_nan = 0xC000;

template <int P, int S>
struct codec<decimal<P, S>> {
    using value_type = decimal<P, S>;
    static constexpr Oid oid = oid::numeric;

    static void encode_to(const value_type& v, std::string& out) {
        const std::int64_t units = v.units();
        // |units| < 10^18 fits an unsigned count.
        const std::uint64_t magnitude = units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
        constexpr std::uint64_t one = static_cast<std::uint64_t>(ctql::detail::pow10(S));
        std::uint64_t whole = magnitude / one;
        const std::uint64_t fraction = magnitude % one;
        std::uint16_t digits[12];
        int n = 0;
        // The whole part, least significant group first, then reversed.
        while (whole != 0) {
            digits[n++] = static_cast<std::uint16_t>(whole % 10000);
            whole /= 10000;
        }
        const int whole_groups = n;
        std::reverse(digits, digits + n);
        // The fraction, four decimal digits a group from the point.
        constexpr int fraction_groups = (S + 3) / 4;
        for (int g = 0; g < fraction_groups; ++g) {
            std::uint16_t group = 0;
            for (int j = 4 * g; j < 4 * g + 4; ++j) {
                // Digit j after the point (0 past the scale).
                const std::uint64_t place = j < S ? static_cast<std::uint64_t>(ctql::detail::pow10(S - 1 - j)) : 0;
                const auto digit = place != 0 ? static_cast<unsigned>(fraction / place % 10) : 0u;
                group = static_cast<std::uint16_t>(group * 10 + digit);
            }
            digits[n++] = group;
        }
        int first = 0;
        int weight = whole_groups - 1;
        while (first < n && digits[first] == 0) {
            ++first;
            --weight;
        }
        while (n > first && digits[n - 1] == 0) --n;
        const int count = n - first;
        if (count == 0) weight = 0;
        char header[8];
        put_be16(header, static_cast<std::uint16_t>(count));
        put_be16(header + 2, static_cast<std::uint16_t>(static_cast<std::int16_t>(weight)));
        put_be16(header + 4, units < 0 ? numeric_negative : numeric_positive);
        put_be16(header + 6, static_cast<std::uint16_t>(S));
        out.append(header, 8);
        for (int i = first; i < n; ++i) {
            char d[2];
            put_be16(d, digits[i]);
            out.append(d, 2);
        }
    }

    static constexpr bool accepts(Oid type) noexcept { return type == oid::numeric; }

    static value_type decode(const char* p, int length, const PGresult* r, int col) {
        if (length < 8) throw_bad_length(r, col, length, 8);
        const int count = static_cast<std::int16_t>(get_be16(p));
        const int weight = static_cast<std::int16_t>(get_be16(p + 2));
        const std::uint16_t sign = get_be16(p + 4);
        if (count < 0 || length != 8 + 2 * count) throw_bad_length(r, col, length, 8 + 2 * std::max(count, 0));
        if (sign != numeric_positive && sign != numeric_negative) {
            throw_bad_value(r, col, std::string("holds ") + (sign == numeric_nan ? "NaN" : "an infinity") +
                                        ", which " + cpp_type_name<value_type>() + " cannot hold");
        }
        // Accumulated as a negative count: its range includes every magnitude.
        std::int64_t units = 0;
        for (int i = 0; i < count; ++i) {
            const std::uint16_t digit = get_be16(p + 8 + 2 * i);
            if (digit >= 10000) throw_bad_value(r, col, "holds a numeric digit out of range");
            if (digit == 0) continue;
            // This digit is worth 10^(4 * (weight - i) + S) units.
            const int exponent = 4 * (weight - i) + S;
            std::int64_t part = digit;
            if (exponent < 0) {
                if (exponent < -3 || digit % ctql::detail::pow10(-exponent) != 0) {
                    throw_bad_value(r, col, "has more fraction digits than " + cpp_type_name<value_type>() +
                                                " holds; round it in SQL (ROUND(x, " + std::to_string(S) + "))");
                }
                part = digit / ctql::detail::pow10(-exponent);
            } else if (exponent > 18 || __builtin_mul_overflow(part, ctql::detail::pow10(exponent), &part)) {
                throw_bad_value(r, col, "holds a number too large for " + cpp_type_name<value_type>());
            }
            if (__builtin_sub_overflow(units, part, &units))
                throw_bad_value(r, col, "holds a number too large for " + cpp_type_name<value_type>());
        }
        if (units < -value_type::max_units)
            throw_bad_value(r, col, "holds a number with more digits than " + cpp_type_name<value_type>());
        return value_type::from_units(sign == numeric_positive ? -units : units);
    }
};

template <>
struct codec<uuid> {
    static constexpr Oid oid = oid::uuid;
    static std::string_view bytes(const uuid& v) { return {reinterpret_cast<const char*>(v.bytes.data()), 16}; }
    static constexpr bool accepts(Oid type) noexcept { return type == oid::uuid; }
    static uuid decode(const char* p, int length, const PGresult* r, int col) {
        if (length != 16) throw_bad_length(r, col, length, 16);
        uuid id;
        std::memcpy(id.bytes.data(), p, 16);
        return id;
    }
};

// jsonb's binary format is a version byte (1) and the text; json's is the text.
template <>
struct codec<json> {
    static constexpr Oid oid = oid::jsonb;
    static void encode_to(const json& v, std::string& out) {
        out += '\1';
        out.append(checked_text(v.text));
    }
    static constexpr bool accepts(Oid type) noexcept { return type == oid::jsonb || type == oid::json; }
    static json decode(const char* p, int length, const PGresult* r, int col) {
        if (PQftype(r, col) == oid::json) return json(std::string(p, static_cast<std::size_t>(length)));
        if (length < 1 || p[0] != 1) throw_bad_value(r, col, "is not in jsonb's binary format version 1");
        return json(std::string(p + 1, static_cast<std::size_t>(length - 1)));
    }
};

// A mapped type: its stored type's codec, converting on the way. The bytes
// of a stored value that to_stored returns by value are copied (encode_to);
// one it returns by reference, or as a string_view (an enum's static name),
// is viewed in place.
template <mapped_type T>
struct mapped_codec_base {
    using stored = stored_type_t<T>;
    using inner = codec<stored>;
    static constexpr Oid oid = ctql::detail::postgres_enum<T> ? oid::unspecified : inner::oid;
    static constexpr bool accepts(Oid type) noexcept {
        // An ENUM type's OID is the database's own; its values arrive as their labels.
        if constexpr (ctql::detail::postgres_enum<T>) return type >= oid::first_user_type || inner::accepts(type);
        else return inner::accepts(type);
    }
    static T decode(const char* p, int length, const PGresult* r, int col) {
        return column_mapping<T>::from_stored(inner::decode(p, length, r, col));
    }
};

template <class T>
using to_stored_result_t = decltype(column_mapping<T>::to_stored(std::declval<const T&>()));
template <class T>
concept stored_in_place = std::is_lvalue_reference_v<to_stored_result_t<T>> ||
                          std::is_same_v<std::remove_cvref_t<to_stored_result_t<T>>, std::string_view>;

template <mapped_type T>
    requires fixed_size_codec<stored_type_t<T>>
struct codec<T> : mapped_codec_base<T> {
    static constexpr int wire_size = codec<stored_type_t<T>>::wire_size;
    static void encode(const T& v, char* out) { codec<stored_type_t<T>>::encode(column_mapping<T>::to_stored(v), out); }
};
template <mapped_type T>
    requires(!fixed_size_codec<stored_type_t<T>> && !encoded_codec<stored_type_t<T>> && stored_in_place<T>)
struct codec<T> : mapped_codec_base<T> {
    static std::string_view bytes(const T& v) { return codec<stored_type_t<T>>::bytes(column_mapping<T>::to_stored(v)); }
};
template <mapped_type T>
    requires(!fixed_size_codec<stored_type_t<T>> && (encoded_codec<stored_type_t<T>> || !stored_in_place<T>))
struct codec<T> : mapped_codec_base<T> {
    static void encode_to(const T& v, std::string& out) {
        using inner = codec<stored_type_t<T>>;
        const auto& stored = column_mapping<T>::to_stored(v);
        if constexpr (encoded_codec<stored_type_t<T>>) inner::encode_to(stored, out);
        else out.append(inner::bytes(stored));
    }
};

// One element of an array or a COPY row, appended as its codec writes it.
template <class T>
void append_encoded(const T& v, std::string& out) {
    if constexpr (fixed_size_codec<T>) {
        char bytes[8];
        codec<T>::encode(v, bytes);
        out.append(bytes, codec<T>::wire_size);
    } else if constexpr (encoded_codec<T>) {
        codec<T>::encode_to(v, out);
    } else {
        out.append(codec<T>::bytes(v));
    }
}

// The binary array format (array_send): int32 dimensions, int32 has-NULLs,
// element type OID, then per dimension its size and lower bound, then each
// element as int32 length (-1: NULL) and its bytes. ctql writes and reads one
// dimension (an empty array has none).
template <class T, class Range>
void encode_array_elements(const Range& values, std::string& out) {
    const auto put32 = [&](std::uint32_t v) {
        char bytes[4];
        put_be32(bytes, v);
        out.append(bytes, 4);
    };
    const std::size_t size = std::size(values);
    if (size > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw_data_error("an array of " + std::to_string(size) + " elements is larger than PostgreSQL takes");
    put32(size == 0 ? 0 : 1);  // dimensions
    put32(0);                  // no NULLs
    put32(codec<T>::oid);
    if (size != 0) {
        put32(static_cast<std::uint32_t>(size));
        put32(1);  // lower bound
    }
    for (const T& v : values) {
        const std::size_t at = out.size();
        put32(0);
        append_encoded(v, out);
        const std::size_t length = out.size() - at - 4;
        if (length > static_cast<std::size_t>(std::numeric_limits<int>::max()))
            throw_data_error("an array element is larger than libpq can send");
        put_be32(out.data() + at, static_cast<std::uint32_t>(length));
    }
}

template <class T>
struct codec<std::vector<T>> {
    static constexpr Oid oid = oid::array_of(codec<T>::oid);
    static_assert(oid != oid::unspecified, "ctql: this element type has no PostgreSQL array type ctql knows");

    static void encode_to(const std::vector<T>& v, std::string& out) { encode_array_elements<T>(v, out); }

    static constexpr bool accepts(Oid type) noexcept {
        const Oid element = oid::element_of(type);
        return element != oid::unspecified && codec<T>::accepts(element);
    }

    static std::vector<T> decode(const char* p, int length, const PGresult* r, int col) {
        const auto fail = [&](const char* what) { throw_bad_value(r, col, std::string("is not a binary array: ") + what); };
        if (length < 12) fail("shorter than its header");
        const auto dimensions = static_cast<std::int32_t>(get_be32(p));
        const Oid element = get_be32(p + 8);
        if (dimensions == 0) return {};
        if (dimensions != 1) {
            throw_bad_value(r, col, "holds an array of " + std::to_string(dimensions) + " dimensions; " +
                                        cpp_type_name<std::vector<T>>() + " holds one");
        }
        if (length < 20) fail("shorter than its dimension");
        if (!codec<T>::accepts(element)) {
            throw_bad_value(r, col, "holds elements of PostgreSQL type " + pg_type_name(element) + " but the result type is " +
                                        cpp_type_name<std::vector<T>>());
        }
        const auto size = static_cast<std::int32_t>(get_be32(p + 12));
        // Each element takes at least its 4-byte length: a larger count is a lie.
        if (size < 0 || size > (length - 20) / 4) fail("its element count exceeds its bytes");
        std::vector<T> out;
        out.reserve(static_cast<std::size_t>(size));
        std::size_t at = 20;
        const auto total = static_cast<std::size_t>(length);
        for (std::int32_t i = 0; i < size; ++i) {
            if (total - at < 4) fail("it ends inside an element");
            const auto element_length = static_cast<std::int32_t>(get_be32(p + at));
            at += 4;
            if (element_length == -1) {
                throw_bad_value(r, col, "holds a NULL array element, which " + cpp_type_name<std::vector<T>>() +
                                            " cannot hold");
            }
            if (element_length < 0 || static_cast<std::size_t>(element_length) > total - at) fail("an element overruns it");
            if constexpr (std::is_same_v<T, json>) {
                // An element carries no type of its own: the array's element type says json or jsonb.
                if (element == oid::json) out.emplace_back(std::string(p + at, static_cast<std::size_t>(element_length)));
                else if (element_length < 1 || p[at] != 1) fail("a jsonb element is not in format version 1");
                else out.emplace_back(std::string(p + at + 1, static_cast<std::size_t>(element_length - 1)));
            } else {
                out.push_back(codec<T>::decode(p + at, element_length, r, col));
            }
            at += static_cast<std::size_t>(element_length);
        }
        if (at != total) fail("it has bytes after its last element");
        return out;
    }
};


// ---------------------------------------------------------------------------
// Parameters.
//
// Anything set() accepts, and the non-null C++ type whose codec it uses.
template <class T>
struct param_traits {};
template <column_value T>
struct param_traits<T> {
    using base = base_type_t<T>;
};
template <>
struct param_traits<std::string_view> {
    using base = std::string;
};
template <>
struct param_traits<const char*> {
    using base = std::string;
};
template <>
struct param_traits<char*> {
    using base = std::string;
};
template <std::size_t N>
struct param_traits<char[N]> {
    using base = std::string;
};
template <std::size_t N>
struct param_traits<std::byte[N]> {
    using base = blob;
};
template <>
struct param_traits<std::span<const std::byte>> {
    using base = blob;
};
template <>
struct param_traits<null_t> {};
template <>
struct param_traits<std::nullopt_t> {};

template <class T>
concept untyped_null = std::is_same_v<T, null_t> || std::is_same_v<T, std::nullopt_t>;

template <class T>
concept bindable = untyped_null<T> || is_value_array_v<T> || requires { typename param_traits<T>::base; };

// Whether a parameter of type T (or std::optional<T>) is built by encode_to.
template <class T>
constexpr bool needs_encoding() {
    if constexpr (is_optional<T>::value) return needs_encoding<typename T::value_type>();
    else if constexpr (requires { typename param_traits<T>::base; }) return encoded_codec<typename param_traits<T>::base>;
    else return false;
}
template <class T>
inline constexpr bool needs_encoding_v = needs_encoding<std::remove_cvref_t<T>>();

// A run-time list in the binary array format (see encode_array_elements).
template <class T>
void encode_array(const value_array<T>& list, std::string& out) {
    encode_array_elements<T>(list.values, out);
}

// The parameter type OID to declare for T (PQprepare, PQexecParams): the
// server then converts it to the column's type where an implicit cast exists.
// A statement prepared with these OIDs must be executed with the same T.
template <class T>
    requires bindable<std::remove_cvref_t<T>>
inline constexpr Oid param_oid_v = [] {
    using U = std::remove_cvref_t<T>;
    if constexpr (untyped_null<U>) {
        return oid::unspecified;
    } else {
        return codec<typename param_traits<U>::base>::oid;
    }
}();

template <class... T>
inline constexpr std::array<Oid, sizeof...(T)> param_oids_v{param_oid_v<T>...};

// Types whose bound value points into the argument itself: binding a
// temporary of these would leave the pointer dangling.
template <class T>
concept owns_param_bytes = std::is_same_v<T, std::string> || std::is_same_v<T, blob> || std::is_same_v<T, uuid> ||
                           std::is_same_v<T, std::optional<std::string>> || std::is_same_v<T, std::optional<blob>> ||
                           std::is_same_v<T, std::optional<uuid>>;

// Fills one parameter slot of a type built by encode_to, into `storage`.
template <class T>
void bind_encoded_param(const T& v, std::string& storage, const char*& value, int& length, Oid& type) {
    if constexpr (is_optional<T>::value) {
        if (v.has_value()) {
            bind_encoded_param(*v, storage, value, length, type);
        } else {
            value = nullptr;
            length = 0;
            type = codec<base_type_t<T>>::oid;
        }
    } else {
        codec<T>::encode_to(v, storage);
        if (storage.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
            throw_data_error("a value of " + std::to_string(storage.size()) + " bytes is larger than libpq can send");
        value = storage.data();
        length = static_cast<int>(storage.size());
        type = codec<T>::oid;
    }
}

// libpq reads a null value pointer as SQL NULL, and an empty std::vector or
// default string_view has a null data(): empty values must point somewhere.
inline constexpr char empty_value[1] = {};

inline const char* non_null(const char* p) noexcept { return p != nullptr ? p : empty_value; }

// GCC 12 reports the payload of an optional that was built from
// std::nullopt on some path as "maybe uninitialized" once bind_param is
// inlined into such a caller, although it is read only under has_value()
// (a known false positive, worse after code that can throw). Silenced here
// rather than in every caller.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// Fills one parameter slot. Fixed-size values are encoded into `scratch`
// (8 bytes); text and bytea point at the caller's bytes, which must outlive
// the send (libpq copies them into its output buffer when the query is sent).
template <class T>
void bind_param(const T& v, const char*& value, int& length, Oid& type, char* scratch) {
    using U = std::remove_cvref_t<T>;
    if constexpr (untyped_null<U>) {
        value = nullptr;
        length = 0;
        type = oid::unspecified;
    } else if constexpr (is_optional<U>::value) {
        if (v.has_value()) {
            bind_param(*v, value, length, type, scratch);
        } else {
            value = nullptr;
            length = 0;
            type = codec<base_type_t<U>>::oid;
        }
    } else if constexpr (std::is_same_v<U, const char*> || std::is_same_v<U, char*>) {
        if (v == nullptr) {  // a null C string is the C way of saying NULL
            value = nullptr;
            length = 0;
            type = oid::text;
        } else {
            bind_param(std::string_view(v), value, length, type, scratch);
        }
    } else if constexpr (std::is_array_v<U> && std::is_same_v<std::remove_extent_t<U>, char>) {
        bind_param(std::string_view(v), value, length, type, scratch);  // up to the first NUL
    } else if constexpr (std::is_array_v<U>) {
        bind_param(std::span<const std::byte>(v), value, length, type, scratch);
    } else {
        using B = typename param_traits<U>::base;
        static_assert(!encoded_codec<B>, "ctql: a value built by encode_to is bound through bind_encoded_param");
        if constexpr (fixed_size_codec<B>) {
            codec<B>::encode(v, scratch);
            value = scratch;
            length = codec<B>::wire_size;
        } else {
            const std::string_view bytes = codec<B>::bytes(v);
            value = non_null(bytes.data());
            length = static_cast<int>(bytes.size());
        }
        type = codec<B>::oid;
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// The argument block of PQexecParams / PQexecPrepared / PQsendQueryPrepared
// for N parameters, every one in binary format. Binding a fixed-size value
// allocates nothing; the object is pinned because `values` may point into it.
template <std::size_t N>
class param_buffer {
public:
    std::array<const char*, N> values{};
    std::array<int, N> lengths{};
    std::array<Oid, N> types{};
    static constexpr std::array<int, N> formats = [] {
        std::array<int, N> ones{};
        ones.fill(1);
        return ones;
    }();

    param_buffer() = default;
    param_buffer(const param_buffer&) = delete;
    param_buffer& operator=(const param_buffer&) = delete;

    template <class T>
        requires bindable<std::remove_cvref_t<T>>
    void set(std::size_t i, const T& v) {
        if constexpr (is_value_array_v<T>) {
            std::string& bytes = arrays_.emplace_front();
            encode_array(v, bytes);
            values[i] = bytes.data();
            lengths[i] = static_cast<int>(bytes.size());
            types[i] = oid::array_of(codec<typename decltype(v.values)::value_type>::oid);
        } else if constexpr (needs_encoding_v<T>) {
            bind_encoded_param(v, arrays_.emplace_front(), values[i], lengths[i], types[i]);
        } else {
            bind_param(v, values[i], lengths[i], types[i], scratch_[i].data());
        }
    }
    template <class T>
        requires owns_param_bytes<T>
    void set(std::size_t i, const T&& v) = delete;  // would point into a dead temporary

    // Binds all N parameters in order.
    template <class... T>
        requires(sizeof...(T) == N)
    void set_all(const T&... v) {
        std::size_t i = 0;
        (set(i++, v), ...);
    }

    // How many of the N slots a statement with optional parts switched off filled.
    void set_count(std::size_t n) noexcept { count_ = static_cast<int>(n); }
    int size() const noexcept { return count_; }
    const char* const* param_values() const noexcept { return values.data(); }
    const int* param_lengths() const noexcept { return lengths.data(); }
    const int* param_formats() const noexcept { return formats.data(); }
    const Oid* param_types() const noexcept { return types.data(); }

private:
    struct alignas(8) slot {
        char bytes[8];
        char* data() noexcept { return bytes; }
    };
    std::array<slot, N> scratch_;
    int count_ = static_cast<int>(N);
    // Encoded run-time lists, at stable addresses; empty (no allocation) unless a statement has one.
    std::forward_list<std::string> arrays_;
};

// The same for a parameter count known only at run time.
class dynamic_param_buffer {
public:
    explicit dynamic_param_buffer(std::size_t n = 0) { resize(n); }
    dynamic_param_buffer(const dynamic_param_buffer&) = delete;
    dynamic_param_buffer& operator=(const dynamic_param_buffer&) = delete;

    // Drops every binding: scratch storage may move.
    void resize(std::size_t n) {
        encoded_.clear();
        values_.assign(n, nullptr);
        lengths_.assign(n, 0);
        formats_.assign(n, 1);
        types_.assign(n, oid::unspecified);
        scratch_.assign(n, {});
    }

    template <class T>
        requires bindable<std::remove_cvref_t<T>>
    void set(std::size_t i, const T& v) {
        if constexpr (needs_encoding_v<T>) bind_encoded_param(v, encoded_.emplace_front(), values_[i], lengths_[i], types_[i]);
        else bind_param(v, values_[i], lengths_[i], types_[i], scratch_[i].bytes);
    }
    template <class T>
        requires owns_param_bytes<T>
    void set(std::size_t i, const T&& v) = delete;  // would point into a dead temporary

    int size() const noexcept { return static_cast<int>(values_.size()); }
    const char* const* param_values() const noexcept { return values_.data(); }
    const int* param_lengths() const noexcept { return lengths_.data(); }
    const int* param_formats() const noexcept { return formats_.data(); }
    const Oid* param_types() const noexcept { return types_.data(); }

private:
    struct alignas(8) slot {
        char bytes[8];
    };
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
    std::vector<Oid> types_;
    std::vector<slot> scratch_;
    std::forward_list<std::string> encoded_;  // values built by encode_to, at stable addresses
};

// ---------------------------------------------------------------------------
// Results (binary format only: request resultFormat = 1).

// Run once per result and column, before reading rows: read<T> trusts it and
// only checks each value's length, which is what keeps a mismatch from
// reading out of bounds.
template <column_value T>
void check_column_type(const PGresult* r, int col) {
    using B = base_type_t<T>;
    if (PQfformat(r, col) != 1) {
        throw interface_error("ctql: " + column_label(r, col) +
                              " is in text format; PostgreSQL results must be requested in binary format");
    }
    const Oid type = PQftype(r, col);
    if (!codec<B>::accepts(type)) {
        throw_data_error(column_label(r, col) + " has PostgreSQL type " + pg_type_name(type) +
                         " but the result type is " + cpp_type_name<T>());
    }
}

// Checks the whole row shape: column count and each column's type.
template <column_value... T>
void check_result_types(const PGresult* r) {
    if (PQnfields(r) != static_cast<int>(sizeof...(T))) {
        throw_data_error("the result has " + std::to_string(PQnfields(r)) + " columns but " +
                         std::to_string(sizeof...(T)) + " were expected");
    }
    int col = 0;
    (check_column_type<T>(r, col++), ...);
}

template <column_value T>
[[noreturn]] void throw_unexpected_null(const PGresult* r, int col) {
    throw_data_error(column_label(r, col) + " is NULL but the result type " + cpp_type_name<T>() +
                     " is not a std::optional");
}

template <column_value T>
T read(const PGresult* r, int row, int col) {
    // A NULL has length 0, so only zero-length fields (NULL, '' or an empty
    // bytea) pay for the PQgetisnull call.
    const int length = PQgetlength(r, row, col);
    if (length == 0 && PQgetisnull(r, row, col)) {
        if constexpr (is_nullable_v<T>) {
            return std::nullopt;
        } else {
            throw_unexpected_null<T>(r, col);
        }
    }
    return codec<base_type_t<T>>::decode(PQgetvalue(r, row, col), length, r, col);
}

}  // namespace ctql::postgres::detail
