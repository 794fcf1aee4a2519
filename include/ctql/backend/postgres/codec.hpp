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
    requires(kind_of_v<T> == sql_kind::integer)
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

template <class T>
concept fixed_size_codec = requires { codec<T>::wire_size; };

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

// A run-time list in the binary array format (PostgreSQL's array_send): one
// dimension, no NULLs, each element as its own codec writes it.
template <class T>
void encode_array(const value_array<T>& list, std::string& out) {
    const auto put32 = [&](std::uint32_t v) {
        char bytes[4];
        put_be32(bytes, v);
        out.append(bytes, 4);
    };
    const bool empty = list.values.empty();
    put32(empty ? 0 : 1);  // dimensions
    put32(0);              // no NULLs
    put32(codec<T>::oid);
    if (!empty) {
        put32(static_cast<std::uint32_t>(list.values.size()));
        put32(1);  // lower bound
    }
    for (const T& v : list.values) {
        if constexpr (fixed_size_codec<T>) {
            char bytes[8];
            codec<T>::encode(v, bytes);
            put32(static_cast<std::uint32_t>(codec<T>::wire_size));
            out.append(bytes, codec<T>::wire_size);
        } else {
            const std::string_view bytes = codec<T>::bytes(v);
            put32(static_cast<std::uint32_t>(bytes.size()));
            out.append(bytes);
        }
    }
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
concept owns_param_bytes = std::is_same_v<T, std::string> || std::is_same_v<T, blob> ||
                           std::is_same_v<T, std::optional<std::string>> || std::is_same_v<T, std::optional<blob>>;

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
        values_.assign(n, nullptr);
        lengths_.assign(n, 0);
        formats_.assign(n, 1);
        types_.assign(n, oid::unspecified);
        scratch_.assign(n, {});
    }

    template <class T>
        requires bindable<std::remove_cvref_t<T>>
    void set(std::size_t i, const T& v) {
        bind_param(v, values_[i], lengths_[i], types_[i], scratch_[i].bytes);
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
