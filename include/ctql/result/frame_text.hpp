// SPDX-License-Identifier: MIT
#pragma once
// A result value as the text SQL reads back: what CSV/TSV files and frame
// tables show. Exact on purpose, so that the next step (or COPY) gets the
// value that was stored: a double in its shortest text that reads back to
// the same bits (std::to_chars), NaN and the infinities as PostgreSQL
// writes them (NaN, Infinity, -Infinity), booleans as true/false, dates and
// timestamps in ISO form (core/date_text.hpp, core/timestamp_text.hpp),
// decimals with all their scale digits, uuids in canonical lower case, JSON
// as its text, blobs as PostgreSQL's bytea hex form (\x0aff), arrays as
// PostgreSQL array literals ({1,2} and {"a b","x\"y"}), and a mapped type as
// the value it is stored as (an enum as its name).
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include <ctql/core/date_text.hpp>
#include <ctql/core/timestamp_text.hpp>
#include <ctql/core/value_types.hpp>

namespace ctql::detail {

template <class T>
void append_number(std::string& out, T value) {
    if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(value)) {
            out += "NaN";
            return;
        }
        if (std::isinf(value)) {
            out += value < 0 ? "-Infinity" : "Infinity";
            return;
        }
    }
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    // 64 bytes hold every integer and the shortest form of every double.
    out.append(buffer, ec == std::errc{} ? end : buffer);
}

// An array element inside {...}: quoted when PostgreSQL's array reader would
// otherwise take it apart or read it as NULL.
inline void append_array_element(std::string& out, std::string_view text) {
    const auto is_null_word = [&] {
        if (text.size() != 4) return false;
        for (std::size_t i = 0; i < 4; ++i)
            if ((text[i] | 0x20) != "null"[i]) return false;
        return true;
    };
    bool quote = text.empty() || is_null_word();
    for (const char c : text)
        if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || c == ' ' || c == '\t' || c == '\n' ||
            c == '\r' || c == '\v' || c == '\f')
            quote = true;
    if (!quote) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

// Appends the SQL text of a non-null value.
template <class T>
void append_value_text(std::string& out, const T& value) {
    if constexpr (mapped_type<T>) {
        append_value_text(out, column_mapping<T>::to_stored(value));
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
        out += value;
    } else if constexpr (std::is_same_v<T, bool>) {
        out += value ? "true" : "false";
    } else if constexpr (std::is_arithmetic_v<T>) {
        append_number(out, value);
    } else if constexpr (std::is_same_v<T, blob>) {
        constexpr char hex[] = "0123456789abcdef";
        out += "\\x";
        for (const std::byte b : value) {
            out += hex[std::to_integer<unsigned>(b) >> 4];
            out += hex[std::to_integer<unsigned>(b) & 0xf];
        }
    } else if constexpr (std::is_same_v<T, json>) {
        out += value.text;
    } else if constexpr (is_decimal_v<T> || std::is_same_v<T, uuid>) {
        out += value.to_string();
    } else if constexpr (std::is_same_v<T, std::chrono::sys_days>) {
        out += format_date(value);
    } else if constexpr (requires { format_timestamp(value); }) {
        out += format_timestamp(value);
    } else if constexpr (requires { requires kind_of_v<T> == sql_kind::array; }) {
        out += '{';
        std::string element;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i != 0) out += ',';
            element.clear();
            append_value_text(element, static_cast<const typename T::value_type&>(value[i]));
            append_array_element(out, element);
        }
        out += '}';
    } else {
        static_assert(storable<T>, "ctql: this value type has no SQL text form to write");
    }
}

// The kinds whose text never needs quoting or escaping anywhere (digits, signs, letters).
template <class T>
inline constexpr bool plain_text_v = std::is_arithmetic_v<T> || is_decimal_v<T> || std::is_same_v<T, uuid> ||
                                     std::is_same_v<T, std::chrono::sys_days>;

// Text is shown left-aligned in a table, numbers right-aligned.
template <class T>
constexpr bool right_aligned() {
    using base = base_type_t<T>;
    if constexpr (mapped_type<base>) return right_aligned<stored_type_t<base>>();
    else return (std::is_arithmetic_v<base> && !std::is_same_v<base, bool>) || is_decimal_v<base>;
}

}  // namespace ctql::detail
