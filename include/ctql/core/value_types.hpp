// SPDX-License-Identifier: MIT
#pragma once
// The C++ types a column can hold, and the SQL kind each one maps to.
// Every backend codec and every type rule is keyed on this table.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <ctql/core/column_mapping.hpp>
#include <ctql/core/decimal.hpp>
#include <ctql/core/json.hpp>
#include <ctql/core/uuid.hpp>

namespace ctql {

using blob = std::vector<std::byte>;
using timestamp = std::chrono::sys_time<std::chrono::microseconds>;

// decimal: ctql::decimal<P, S>; uuid: ctql::uuid; json: ctql::json; array: std::vector<T> (PostgreSQL only).
enum class sql_kind { integer, real, text, blob, boolean, timestamp, date, decimal, uuid, json, array };

// The null literal for expressions and assignments (`users.email = ctql::null`).
struct null_t {
    constexpr bool operator==(const null_t&) const = default;
};
inline constexpr null_t null{};

namespace detail {
template <class T>
struct storage_traits {};  // primary: not a column type

template <class T>
    requires(std::is_integral_v<T> && !std::is_same_v<T, bool> && !std::is_same_v<T, char> &&
             !std::is_same_v<T, wchar_t> && !std::is_same_v<T, char8_t> && !std::is_same_v<T, char16_t> &&
             !std::is_same_v<T, char32_t>)
struct storage_traits<T> {
    static constexpr sql_kind kind = sql_kind::integer;
};
template <>
struct storage_traits<bool> {
    static constexpr sql_kind kind = sql_kind::boolean;
};
template <>
struct storage_traits<float> {
    static constexpr sql_kind kind = sql_kind::real;
};
template <>
struct storage_traits<double> {
    static constexpr sql_kind kind = sql_kind::real;
};
template <>
struct storage_traits<std::string> {
    static constexpr sql_kind kind = sql_kind::text;
};
template <>
struct storage_traits<blob> {
    static constexpr sql_kind kind = sql_kind::blob;
};
// PostgreSQL stores microseconds; finer clocks would silently lose digits.
// A count of whole days is a calendar date, not midnight UTC: see below.
template <class Duration>
    requires(std::ratio_less_equal_v<std::micro, typename Duration::period> &&
             !std::is_same_v<Duration, std::chrono::days>)
struct storage_traits<std::chrono::sys_time<Duration>> {
    static constexpr sql_kind kind = sql_kind::timestamp;
};
template <>
struct storage_traits<std::chrono::sys_days> {
    static constexpr sql_kind kind = sql_kind::date;
};

template <int P, int S>
struct storage_traits<decimal<P, S>> {
    static constexpr sql_kind kind = sql_kind::decimal;
};
template <>
struct storage_traits<uuid> {
    static constexpr sql_kind kind = sql_kind::uuid;
};
template <>
struct storage_traits<json> {
    static constexpr sql_kind kind = sql_kind::json;
};

// A type of the user's, through ctql::column_mapping (core/column_mapping.hpp):
// the kind of the built-in type it is stored as. Mappings do not chain.
template <class T>
    requires has_column_mapping<T> && requires { storage_traits<typename column_mapping<T>::stored>::kind; } &&
             (!has_column_mapping<typename column_mapping<T>::stored>)
struct storage_traits<T> {
    static constexpr sql_kind kind = storage_traits<typename column_mapping<T>::stored>::kind;
};

// An array of a scalar type (std::vector<std::int64_t>, std::vector<std::string>, ...):
// PostgreSQL's T[]. Not of blobs' bytes (ctql::blob is std::vector<std::byte>),
// arrays, optionals or mapped types.
template <class T>
    requires requires { storage_traits<T>::kind; } && (storage_traits<T>::kind != sql_kind::array) &&
             (!has_column_mapping<T>)
struct storage_traits<std::vector<T>> {
    static constexpr sql_kind kind = sql_kind::array;
};

template <class T>
struct optional_traits {
    using base = T;
    static constexpr bool nullable = false;
};
template <class T>
struct optional_traits<std::optional<T>> {
    using base = T;
    static constexpr bool nullable = true;
};
}  // namespace detail

// A non-null type that a column can store.
template <class T>
concept storable = requires { detail::storage_traits<T>::kind; };

// A column value type: a storable type, or std::optional of one for a nullable column.
template <class T>
concept column_value = storable<typename detail::optional_traits<T>::base>;

template <column_value T>
using base_type_t = typename detail::optional_traits<T>::base;

template <column_value T>
inline constexpr bool is_nullable_v = detail::optional_traits<T>::nullable;

template <column_value T>
inline constexpr sql_kind kind_of_v = detail::storage_traits<base_type_t<T>>::kind;

// A type of the user's, stored through ctql::column_mapping<T>, and the built-in type it is stored as.
template <class T>
concept mapped_type = storable<T> && detail::has_column_mapping<T>;
template <mapped_type T>
using stored_type_t = typename column_mapping<T>::stored;

// Kinds alone decide which values meet, except for types with a finer
// identity: decimals meet decimals of their scale, arrays arrays of the same
// element type, and a mapped type only itself.
namespace detail {
template <class T>
struct type_family {
    using type = void;
};
template <int P, int S>
struct type_family<decimal<P, S>> {
    using type = decimal<18, S>;
};
template <class T>
struct type_family<std::vector<T>> {
    using type = std::vector<T>;
};
template <class T>
    requires has_column_mapping<T>
struct type_family<T> {
    using type = T;
};
}  // namespace detail

template <column_value T>
using type_family_t = typename detail::type_family<base_type_t<T>>::type;

template <column_value A, column_value B>
inline constexpr bool same_family_v = std::is_same_v<type_family_t<A>, type_family_t<B>>;

// C++ values written in expressions, and the column type they stand for.
// String literals and views are kept as views (no copy); owning strings are kept.
namespace detail {
template <class T>
struct literal_traits {};
template <column_value T>
struct literal_traits<T> {
    using stored = T;
    using value_type = T;
};
// A calendar date written as year/month/day is bound as the day it names.
template <>
struct literal_traits<std::chrono::year_month_day> {
    using stored = std::chrono::sys_days;
    using value_type = std::chrono::sys_days;
};
template <>
struct literal_traits<std::string_view> {
    using stored = std::string_view;
    using value_type = std::string;
};
template <>
struct literal_traits<const char*> {
    using stored = std::string_view;
    using value_type = std::string;
};
template <>
struct literal_traits<char*> {
    using stored = std::string_view;
    using value_type = std::string;
};
template <std::size_t N>
struct literal_traits<char[N]> {
    using stored = std::string_view;
    using value_type = std::string;
};
template <std::size_t N>
struct literal_traits<const char[N]> {
    using stored = std::string_view;
    using value_type = std::string;
};
}  // namespace detail

// A C++ value that may appear in an expression and becomes a bound parameter.
template <class T>
concept literal_value = requires { typename detail::literal_traits<std::remove_cvref_t<T>>::stored; };

template <literal_value T>
using literal_storage_t = typename detail::literal_traits<std::remove_cvref_t<T>>::stored;
template <literal_value T>
using literal_value_type_t = typename detail::literal_traits<std::remove_cvref_t<T>>::value_type;

// Whether two kinds may be compared or combined arithmetically: numbers mix, nothing else does.
constexpr bool kinds_comparable(sql_kind a, sql_kind b) {
    const auto numeric = [](sql_kind k) { return k == sql_kind::integer || k == sql_kind::real; };
    return a == b || (numeric(a) && numeric(b));
}

// Whether a value of kind `from` may be stored in (or bound for) kind `to`:
// an integer widens to a real, never the other way round.
constexpr bool kinds_assignable(sql_kind to, sql_kind from) {
    return to == from || (to == sql_kind::real && from == sql_kind::integer);
}

// Whether every value of `From` is a value of `To` (both storable, of
// assignable kinds): std::int32_t into std::int64_t or double, float into
// double; not std::int64_t into std::int32_t or double, nor double into float.
template <storable To, storable From>
constexpr bool converts_without_loss() {
    if constexpr (std::is_same_v<To, From>) {
        return true;
    } else if constexpr (kind_of_v<To> == sql_kind::integer && kind_of_v<From> == sql_kind::integer) {
        if constexpr (std::is_signed_v<To>)
            return std::is_signed_v<From> ? sizeof(From) <= sizeof(To) : sizeof(From) < sizeof(To);
        else
            return std::is_unsigned_v<From> && sizeof(From) <= sizeof(To);
    } else if constexpr (kind_of_v<To> == sql_kind::real &&
                         (kind_of_v<From> == sql_kind::integer || kind_of_v<From> == sql_kind::real)) {
        return std::numeric_limits<To>::digits >= std::numeric_limits<From>::digits;
    } else if constexpr (is_decimal_v<To> && is_decimal_v<From>) {
        return From::precision <= To::precision;  // of the same scale: same_family_v checks that
    } else {
        return true;  // other kinds convert only to themselves, which kinds_assignable checks
    }
}

}  // namespace ctql
