// SPDX-License-Identifier: MIT
#pragma once
// Moving C++ values into and out of SQLite statements. The sqlite3_bind_* /
// sqlite3_column_* call for each type is chosen at compile time; at run time
// the only extra work over hand-written sqlite3 code is the NULL test, and
// that costs a sqlite3_column_type call only when the fast accessor returned
// zero or a null pointer.
//
// Mapping and its caveats:
//   integers         INTEGER. std::uint64_t is stored bit-cast to int64 so the
//                    full range round-trips; values above INT64_MAX therefore
//                    compare and sort as negative numbers in SQL.
//   bool             INTEGER 0/1; any nonzero integer reads as true.
//   float, double    REAL, except NaN, stored as the text 'NaN' because SQLite
//                    turns a bound NaN into NULL. A column with REAL or NUMERIC
//                    affinity stores -0.0 as integer 0, so the sign of zero
//                    survives only in columns without numeric affinity.
//   std::string,     TEXT with an explicit byte length (embedded NUL bytes
//   std::string_view survive), bound without copying: see bind().
//   ctql::blob       BLOB, bound without copying; empty stays empty, not NULL.
//   sys_time<D>      TEXT `YYYY-MM-DD HH:MM:SS.ffffff` (timestamp_text.hpp).
//   sys_days         TEXT `YYYY-MM-DD` (date_text.hpp), as SQLite's date() writes it.
//   ctql::decimal    INTEGER: the count of 10^-Scale units (19.99 at scale 2 is 1999),
//                    exact, and compared and summed correctly by SQL; read back
//                    only from an INTEGER within the precision.
//   ctql::uuid       BLOB of its 16 bytes (read back from such a blob, or from
//                    the canonical text).
//   ctql::json       TEXT, as given.
//   mapped types     as their column_mapping's stored type; text is copied.
//   std::vector<T>   no SQLite mapping: a compile-time error.
//   std::optional,   NULL when empty.
//   ctql::null_t, std::nullopt_t
//
// Reading follows SQLite's own conversions (an integer column read as text
// gives its digits, text read as a number gives its numeric prefix or 0);
// ctql refuses only NULL in a non-optional type, numbers that do not fit,
// and text that is not a timestamp or date.
#include <sqlite3.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctql/backend/sqlite/error.hpp>
#include <ctql/core/date_text.hpp>
#include <ctql/core/timestamp_text.hpp>
#include <ctql/core/value_array.hpp>
#include <ctql/core/error.hpp>
#include <ctql/core/type_name.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/dialect/sqlite.hpp>

namespace ctql::sqlite::detail {

// The C++ spelling a user wrote, for error messages.
template <class T>
std::string cpp_type_name() {
    return ctql::detail::type_name<T>();
}

// ------------------------------------------------------------------- binding

template <class T>
struct is_bindable : std::bool_constant<storable<T>> {};
template <>
struct is_bindable<std::string_view> : std::true_type {};
template <>
struct is_bindable<null_t> : std::true_type {};
template <>
struct is_bindable<std::nullopt_t> : std::true_type {};
template <class T>
struct is_bindable<std::optional<T>> : is_bindable<T> {};
template <class T>
struct is_bindable<value_array<T>> : std::true_type {};

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

// A value that bind() accepts.
template <class T>
concept bindable = is_bindable<T>::value;

// Values bound by pointer (SQLITE_STATIC) rather than copied.
template <class T>
inline constexpr bool borrows_storage_v = std::is_same_v<T, std::string> || std::is_same_v<T, blob> ||
                                          std::is_same_v<T, json>;
template <class T>
inline constexpr bool borrows_storage_v<std::optional<T>> = borrows_storage_v<T>;

// A run-time list as the JSON array json_each() reads, each value as SQLite
// stores it: booleans 0/1, std::uint64_t bit-cast, NaN as the text 'NaN',
// timestamps and dates as their text.
template <class T>
std::string json_array(const value_array<T>& list) {
    std::string out = "[";
    for (const T& v : list.values) {
        if (out.size() > 1) out += ',';
        if constexpr (std::is_same_v<T, bool>) {
            out += v ? '1' : '0';
        } else if constexpr (is_decimal_v<T>) {
            char digits[24];
            out.append(digits, std::to_chars(digits, digits + sizeof digits, v.units()).ptr);
        } else if constexpr (std::is_integral_v<T>) {
            char digits[24];
            const auto n = std::bit_cast<std::int64_t>(static_cast<std::uint64_t>(v));  // uint64_t bit-cast too
            out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
        } else if constexpr (std::is_floating_point_v<T>) {
            if (std::isnan(v)) {
                out += "\"NaN\"";
            } else if (std::isinf(v)) {
                out += v > 0 ? "9e999" : "-9e999";  // SQLite reads these as infinities
            } else {
                char digits[32];
                out.append(digits, std::to_chars(digits, digits + sizeof digits, static_cast<double>(v)).ptr);
            }
        } else {
            std::string text;
            std::string_view s;
            if constexpr (std::is_same_v<T, std::string>) {
                s = v;
            } else if constexpr (std::is_same_v<T, std::chrono::sys_days>) {
                text = ctql::detail::format_date(v);
                s = text;
            } else {
                text = ctql::detail::format_timestamp(v);
                s = text;
            }
            out += '"';
            for (char c : s) {
                if (c == '"' || c == '\\') {
                    out += '\\';
                    out += c;
                } else if (static_cast<unsigned char>(c) < 0x20) {
                    constexpr char hex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[(c >> 4) & 0xF];
                    out += hex[c & 0xF];
                } else {
                    out += c;
                }
            }
            out += '"';
        }
    }
    out += ']';
    return out;
}

// Binds a value that lives only as long as this call (a mapped type's stored
// value): text and blobs are copied (SQLITE_TRANSIENT).
template <class S>
void bind_copied(sqlite3* db, sqlite3_stmt* st, int index, const S& value, std::string_view sql);

[[noreturn]] [[gnu::cold]] inline void throw_unstorable_timestamp(int index, std::string_view sql) {
    error_details details;
    details.message = "parameter " + std::to_string(index) +
                      " is a timestamp outside the storable range 0001-01-01 through 9999-12-31";
    details.sql = std::string(sql);
    throw data_error(std::move(details));
}

[[noreturn]] [[gnu::cold]] inline void throw_unstorable_date(int index, std::string_view sql) {
    error_details details;
    details.message = "parameter " + std::to_string(index) +
                      " is a date outside the storable range 0001-01-01 through 9999-12-31";
    details.sql = std::string(sql);
    throw data_error(std::move(details));
}

// Binds `value` to parameter `index` (1-based) of `st`; `sql` is only for the
// error message.
//
// Lifetime: strings, string views and blobs are bound with SQLITE_STATIC, so
// SQLite keeps the caller's pointer instead of copying. The value must stay
// alive and unchanged until the statement is done with it: until the last
// sqlite3_step of this execution, and longer if anything reads the binding
// later (sqlite3_expanded_sql, or stepping again after sqlite3_reset without
// rebinding). Timestamps and dates are formatted into a local buffer and copied.
//
// bind is a function object, not a function template: called unqualified with
// std::string arguments, a function named bind would meet std::bind through
// argument-dependent lookup, and std::bind's forwarding references win
// overload resolution, silently binding nothing. An object suppresses ADL.
struct bind_fn {
    template <bindable T>
    void operator()(sqlite3* db, sqlite3_stmt* st, int index, const T& value, std::string_view sql) const;

    // A temporary string or blob would be gone before sqlite3_step reads it.
    template <bindable T>
        requires borrows_storage_v<T>
    void operator()(sqlite3*, sqlite3_stmt*, int, const T&&, std::string_view) const {
        static_assert(!borrows_storage_v<T>,
                      "bind() keeps a pointer to a string or blob without copying it; pass a variable that "
                      "outlives sqlite3_step, not a temporary");
    }
};
inline constexpr bind_fn bind{};

template <bindable T>
void bind_fn::operator()(sqlite3* db, sqlite3_stmt* st, int index, const T& value, std::string_view sql) const {
    int rc = SQLITE_OK;
    if constexpr (!ctql::dialect::sqlite::check_storable<T>()) {
        return;
    } else if constexpr (mapped_type<T>) {
        bind_copied(db, st, index, column_mapping<T>::to_stored(value), sql);
        return;
    } else if constexpr (is_decimal_v<T>) {
        rc = sqlite3_bind_int64(st, index, value.units());
    } else if constexpr (std::is_same_v<T, uuid>) {
        rc = sqlite3_bind_blob(st, index, value.bytes.data(), 16, SQLITE_TRANSIENT);
    } else if constexpr (std::is_same_v<T, json>) {
        (*this)(db, st, index, value.text, sql);
        return;
    } else if constexpr (std::is_same_v<T, null_t> || std::is_same_v<T, std::nullopt_t>) {
        rc = sqlite3_bind_null(st, index);
    } else if constexpr (is_optional_v<T>) {
        if (!value) {
            rc = sqlite3_bind_null(st, index);
        } else {
            (*this)(db, st, index, *value, sql);
            return;
        }
    } else if constexpr (is_value_array_v<T>) {
        const std::string json = json_array(value);
        rc = sqlite3_bind_text64(st, index, json.data(), json.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    } else if constexpr (std::is_same_v<T, bool>) {
        rc = sqlite3_bind_int(st, index, value ? 1 : 0);
    } else if constexpr (std::is_integral_v<T>) {
        static_assert(sizeof(T) <= sizeof(sqlite3_int64), "SQLite integers are at most 64 bits wide");
        if constexpr (std::is_unsigned_v<T> && sizeof(T) == sizeof(sqlite3_int64)) {
            rc = sqlite3_bind_int64(st, index, std::bit_cast<sqlite3_int64>(value));
        } else {
            rc = sqlite3_bind_int64(st, index, static_cast<sqlite3_int64>(value));
        }
    } else if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(value)) {
            rc = sqlite3_bind_text(st, index, "NaN", 3, SQLITE_STATIC);
        } else {
            rc = sqlite3_bind_double(st, index, static_cast<double>(value));
        }
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
        // An empty view may carry a null pointer, which SQLite would bind as NULL.
        const char* data = value.data() != nullptr ? value.data() : "";
        rc = sqlite3_bind_text64(st, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8);
    } else if constexpr (std::is_same_v<T, blob>) {
        // Likewise an empty vector's data() may be null; any non-null pointer
        // with length 0 gives an empty blob.
        static constexpr std::byte nothing{};
        const void* data = value.empty() ? static_cast<const void*>(&nothing) : value.data();
        rc = sqlite3_bind_blob64(st, index, data, value.size(), SQLITE_STATIC);
    } else if constexpr (std::is_same_v<T, std::chrono::sys_days>) {
        ctql::detail::date_buffer text;
        const std::size_t length = ctql::detail::write_date(value, text);
        if (length == 0) throw_unstorable_date(index, sql);
        rc = sqlite3_bind_text(st, index, text, static_cast<int>(length), SQLITE_TRANSIENT);
    } else {
        static_assert(ctql::detail::timestamp_duration<typename T::duration>);
        ctql::detail::timestamp_buffer text;
        const std::size_t length = ctql::detail::write_timestamp(value, text);
        if (length == 0) throw_unstorable_timestamp(index, sql);
        rc = sqlite3_bind_text(st, index, text, static_cast<int>(length), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) throw_error(db, rc, sql);
}

template <class S>
void bind_copied(sqlite3* db, sqlite3_stmt* st, int index, const S& value, std::string_view sql) {
    if constexpr (std::is_same_v<S, std::string> || std::is_same_v<S, std::string_view>) {
        const int rc = sqlite3_bind_text64(st, index, value.data() != nullptr ? value.data() : "", value.size(),
                                           SQLITE_TRANSIENT, SQLITE_UTF8);
        if (rc != SQLITE_OK) throw_error(db, rc, sql);
    } else if constexpr (std::is_same_v<S, blob>) {
        static constexpr std::byte nothing{};
        const int rc = sqlite3_bind_blob64(st, index, value.empty() ? &nothing : value.data(), value.size(),
                                           SQLITE_TRANSIENT);
        if (rc != SQLITE_OK) throw_error(db, rc, sql);
    } else if constexpr (std::is_same_v<S, json>) {
        bind_copied(db, st, index, value.text, sql);
    } else {
        bind(db, st, index, value, sql);
    }
}

// ------------------------------------------------------------------- reading

inline std::string describe_column(sqlite3_stmt* st, int index) {
    const char* name = sqlite3_column_name(st, index);
    if (name == nullptr) return "column " + std::to_string(index);
    return "column \"" + std::string(name) + "\"";
}

[[noreturn]] [[gnu::cold]] inline void throw_decode_error(sqlite3_stmt* st, std::string message) {
    error_details details;
    details.message = std::move(message);
    const char* sql = sqlite3_sql(st);
    if (sql != nullptr) details.sql = sql;
    throw data_error(std::move(details));
}

[[noreturn]] [[gnu::cold]] [[gnu::noinline]] inline void throw_null_column(sqlite3_stmt* st, int index,
                                                                           std::string_view type) {
    throw_decode_error(st, describe_column(st, index) + " is NULL but the result type " + std::string(type) +
                               " is not optional; select it as std::optional<" + std::string(type) +
                               "> or filter out NULLs");
}

[[noreturn]] [[gnu::cold]] [[gnu::noinline]] inline void throw_out_of_range(sqlite3_stmt* st, int index,
                                                                            std::string value,
                                                                            std::string_view type) {
    throw_decode_error(st, describe_column(st, index) + " holds " + value + ", which does not fit in " +
                               std::string(type));
}

[[noreturn]] [[gnu::cold]] [[gnu::noinline]] inline void throw_bad_timestamp(sqlite3_stmt* st, int index,
                                                                             std::string_view text) {
    throw_decode_error(st, describe_column(st, index) + " holds " + ctql::detail::quote_text_excerpt(text) +
                               ", which is not a timestamp: expected YYYY-MM-DD HH:MM:SS[.ffffff] in UTC");
}

[[noreturn]] [[gnu::cold]] [[gnu::noinline]] inline void throw_bad_date(sqlite3_stmt* st, int index,
                                                                        std::string_view text) {
    throw_decode_error(st, describe_column(st, index) + " holds " + ctql::detail::quote_text_excerpt(text) +
                               ", which is not a date: expected YYYY-MM-DD");
}

// A null pointer from sqlite3_column_text/blob for a non-NULL value means
// SQLite ran out of memory converting it (or, for blobs, that it is empty).
[[noreturn]] [[gnu::cold]] [[gnu::noinline]] inline void throw_out_of_memory(sqlite3_stmt* st) {
    const char* sql = sqlite3_sql(st);
    throw_error(sqlite3_db_handle(st), SQLITE_NOMEM, sql != nullptr ? sql : "");
}

inline std::string shortest_text(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

// What a NULL becomes: nullopt for an optional result, an error otherwise.
// Calling sqlite3_column_type after a fast accessor is reliable for this test
// because SQLite never converts a NULL value in place.
template <class R>
R null_result(sqlite3_stmt* st, int index) {
    if constexpr (is_nullable_v<R>) {
        return std::nullopt;
    } else {
        throw_null_column(st, index, cpp_type_name<R>());
    }
}

template <class R, class... Args>
R make_result(Args&&... args) {
    if constexpr (is_nullable_v<R>) {
        return R(std::in_place, std::forward<Args>(args)...);
    } else {
        return R(std::forward<Args>(args)...);
    }
}

template <class R>
R read_integer(sqlite3_stmt* st, int index) {
    using T = base_type_t<R>;
    // One sqlite3_column_value and then the unlocked sqlite3_value_* calls:
    // each sqlite3_column_* call takes the connection's mutex, and the NULL test
    // would otherwise cost a second one for every zero. A connection is used by
    // one thread at a time, which is what these unprotected values need.
    sqlite3_value* cell = sqlite3_column_value(st, index);
    const sqlite3_int64 value = sqlite3_value_int64(cell);
    if (value == 0 && sqlite3_value_type(cell) == SQLITE_NULL) return null_result<R>(st, index);
    if constexpr (std::is_same_v<T, bool>) {
        return make_result<R>(value != 0);
    } else if constexpr (std::is_unsigned_v<T> && sizeof(T) == sizeof(sqlite3_int64)) {
        return make_result<R>(std::bit_cast<T>(value));
    } else {
        if (!std::in_range<T>(value)) throw_out_of_range(st, index, std::to_string(value), cpp_type_name<T>());
        return make_result<R>(static_cast<T>(value));
    }
}

template <class R>
R read_real(sqlite3_stmt* st, int index) {
    using T = base_type_t<R>;
    sqlite3_value* cell = sqlite3_column_value(st, index);  // see read_integer
    double value = sqlite3_value_double(cell);
    if (value == 0.0) {
        // Zero is also what NULL and the text 'NaN' read as; look closer only then.
        switch (sqlite3_value_type(cell)) {
            case SQLITE_NULL:
                return null_result<R>(st, index);
            case SQLITE_TEXT: {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index));
                if (text != nullptr &&
                    std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(st, index))) == "NaN")
                    value = std::numeric_limits<double>::quiet_NaN();
                break;
            }
            default:
                break;
        }
    }
    if constexpr (std::is_same_v<T, float>) {
        if (std::isfinite(value) && std::fabs(value) > static_cast<double>(std::numeric_limits<float>::max()))
            throw_out_of_range(st, index, shortest_text(value), "float");
    }
    return make_result<R>(static_cast<T>(value));
}

template <class R>
R read_text(sqlite3_stmt* st, int index) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index));
    if (text == nullptr) {
        if (sqlite3_column_type(st, index) == SQLITE_NULL) return null_result<R>(st, index);
        if (sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM) throw_out_of_memory(st);
        return make_result<R>();  // an empty blob read as text
    }
    return make_result<R>(text, static_cast<std::size_t>(sqlite3_column_bytes(st, index)));
}

template <class R>
R read_blob(sqlite3_stmt* st, int index) {
    const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(st, index));
    const auto size = static_cast<std::size_t>(sqlite3_column_bytes(st, index));
    if (data == nullptr) {
        // SQLite returns a null pointer for an empty blob as well as for NULL.
        if (sqlite3_column_type(st, index) == SQLITE_NULL) return null_result<R>(st, index);
        if (size != 0 || sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM) throw_out_of_memory(st);
        return make_result<R>();
    }
    return make_result<R>(data, data + size);
}

template <class R>
R read_timestamp(sqlite3_stmt* st, int index) {
    using T = base_type_t<R>;
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index));
    if (text == nullptr) {
        if (sqlite3_column_type(st, index) == SQLITE_NULL) return null_result<R>(st, index);
        if (sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM) throw_out_of_memory(st);
        throw_bad_timestamp(st, index, {});
    }
    const std::string_view view(text, static_cast<std::size_t>(sqlite3_column_bytes(st, index)));
    const std::optional<timestamp> parsed = ctql::detail::try_parse_timestamp(view);
    if (!parsed) throw_bad_timestamp(st, index, view);
    return make_result<R>(std::chrono::floor<typename T::duration>(*parsed));
}

template <class R>
R read_date(sqlite3_stmt* st, int index) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index));
    if (text == nullptr) {
        if (sqlite3_column_type(st, index) == SQLITE_NULL) return null_result<R>(st, index);
        if (sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM) throw_out_of_memory(st);
        throw_bad_date(st, index, {});
    }
    const std::string_view view(text, static_cast<std::size_t>(sqlite3_column_bytes(st, index)));
    const std::optional<std::chrono::sys_days> parsed = ctql::detail::try_parse_date(view);
    if (!parsed) throw_bad_date(st, index, view);
    return make_result<R>(*parsed);
}

[[noreturn]] [[gnu::cold]] [[gnu::noinline]] inline void throw_bad_decimal(sqlite3_stmt* st, int index,
                                                                           std::string_view type) {
    const char* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index));
    const std::string shown = text != nullptr ? ctql::detail::quote_text_excerpt(text) : std::string("a value");
    throw_decode_error(st, describe_column(st, index) + " holds " + shown + ", which is not a count of units of " +
                               std::string(type) + ": ctql stores a decimal as an INTEGER of 10^-scale units");
}

template <class R>
R read_decimal(sqlite3_stmt* st, int index) {
    using T = base_type_t<R>;
    sqlite3_value* cell = sqlite3_column_value(st, index);
    switch (sqlite3_value_type(cell)) {
        case SQLITE_NULL: return null_result<R>(st, index);
        case SQLITE_INTEGER: break;
        default: throw_bad_decimal(st, index, cpp_type_name<T>());
    }
    const std::optional<T> value = T::try_from_units(sqlite3_value_int64(cell));
    if (!value) throw_out_of_range(st, index, std::to_string(sqlite3_value_int64(cell)) + " units", cpp_type_name<T>());
    return make_result<R>(*value);
}

[[noreturn]] [[gnu::cold]] [[gnu::noinline]] inline void throw_bad_uuid(sqlite3_stmt* st, int index) {
    throw_decode_error(st, describe_column(st, index) +
                               " holds neither a 16-byte BLOB nor the text of a uuid (8-4-4-4-12 hex digits)");
}

template <class R>
R read_uuid(sqlite3_stmt* st, int index) {
    switch (sqlite3_column_type(st, index)) {
        case SQLITE_NULL: return null_result<R>(st, index);
        case SQLITE_BLOB: {
            const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(st, index));
            if (data == nullptr || sqlite3_column_bytes(st, index) != 16) throw_bad_uuid(st, index);
            uuid id;
            std::copy(data, data + 16, id.bytes.begin());
            return make_result<R>(id);
        }
        case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index));
            if (text == nullptr) throw_out_of_memory(st);
            const auto parsed =
                uuid::try_parse(std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(st, index))));
            if (!parsed) throw_bad_uuid(st, index);
            return make_result<R>(*parsed);
        }
        default: throw_bad_uuid(st, index);
    }
}

template <class R>
R read_json(sqlite3_stmt* st, int index) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, index));
    if (text == nullptr) {
        if (sqlite3_column_type(st, index) == SQLITE_NULL) return null_result<R>(st, index);
        if (sqlite3_errcode(sqlite3_db_handle(st)) == SQLITE_NOMEM) throw_out_of_memory(st);
        return make_result<R>();
    }
    return make_result<R>(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(st, index))));
}

template <column_value T>
T read(sqlite3_stmt* st, int index);

// A mapped type: its stored type read as usual, then converted.
template <class R>
R read_mapped(sqlite3_stmt* st, int index) {
    using T = base_type_t<R>;
    using S = stored_type_t<T>;
    if constexpr (is_nullable_v<R>) {
        std::optional<S> stored = read<std::optional<S>>(st, index);
        if (!stored) return std::nullopt;
        return R(std::in_place, column_mapping<T>::from_stored(std::move(*stored)));
    } else {
        return column_mapping<T>::from_stored(read<S>(st, index));
    }
}

// Decodes result column `index` (0-based) of the current row as `T`.
// A NULL reads as std::nullopt for an optional T and throws data_error otherwise;
// an integer or float outside T's range throws data_error.
template <column_value T>
T read(sqlite3_stmt* st, int index) {
    constexpr sql_kind kind = kind_of_v<T>;
    ctql::dialect::sqlite::check_storable<T>();
    if constexpr (mapped_type<base_type_t<T>>) {
        return read_mapped<T>(st, index);
    } else if constexpr (kind == sql_kind::decimal) {
        return read_decimal<T>(st, index);
    } else if constexpr (kind == sql_kind::uuid) {
        return read_uuid<T>(st, index);
    } else if constexpr (kind == sql_kind::json) {
        return read_json<T>(st, index);
    } else if constexpr (kind == sql_kind::array) {
        return T{};
    } else if constexpr (kind == sql_kind::integer || kind == sql_kind::boolean) {
        return read_integer<T>(st, index);
    } else if constexpr (kind == sql_kind::real) {
        return read_real<T>(st, index);
    } else if constexpr (kind == sql_kind::text) {
        return read_text<T>(st, index);
    } else if constexpr (kind == sql_kind::blob) {
        return read_blob<T>(st, index);
    } else if constexpr (kind == sql_kind::date) {
        return read_date<T>(st, index);
    } else {
        static_assert(kind == sql_kind::timestamp);
        return read_timestamp<T>(st, index);
    }
}

}  // namespace ctql::sqlite::detail
