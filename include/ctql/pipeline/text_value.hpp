// SPDX-License-Identifier: MIT
#pragma once
// A column's C++ value from the text of a delimited field, in the forms
// PostgreSQL's COPY text writes: integers and reals in C locale (also NaN,
// Infinity, -Infinity), booleans as true/false/t/f/1/0, bytes as \x and hex
// digits, dates YYYY-MM-DD, timestamps YYYY-MM-DD HH:MM:SS[.ffffff], decimals,
// UUIDs, JSON as is, enums by their name, mapped types by their stored form.
#include <charconv>
#include <chrono>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include <ctql/core/column_mapping.hpp>
#include <ctql/core/date_text.hpp>
#include <ctql/core/decimal.hpp>
#include <ctql/core/json.hpp>
#include <ctql/core/timestamp_text.hpp>
#include <ctql/core/uuid.hpp>
#include <ctql/core/value_types.hpp>

namespace ctql::detail {

template <class T>
struct is_sys_time : std::false_type {};
template <class Duration>
struct is_sys_time<std::chrono::sys_time<Duration>> : std::true_type {};

template <class T>
struct is_std_vector : std::false_type {};
template <class T, class A>
struct is_std_vector<std::vector<T, A>> : std::true_type {};

inline bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
        if (c != b[i]) return false;
    }
    return true;
}

template <class T>
bool parse_number(std::string_view text, T& out) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if constexpr (std::is_floating_point_v<T>) {
        if (equals_ignoring_case(text, "nan")) return out = std::numeric_limits<T>::quiet_NaN(), true;
        if (equals_ignoring_case(text, "infinity") || equals_ignoring_case(text, "inf"))
            return out = std::numeric_limits<T>::infinity(), true;
        if (equals_ignoring_case(text, "-infinity") || equals_ignoring_case(text, "-inf"))
            return out = -std::numeric_limits<T>::infinity(), true;
        // from_chars would read "nan" and "inf" in any case, and "infinity" only in part
        if (!text.empty() && (text.back() < '0' || text.back() > '9') && text.back() != '.') return false;
    }
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end && !text.empty();
}

inline int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Parses `text` into `out`; false when the text is not a value of T. Mapped
// types may throw data_error from their from_stored.
template <class T>
bool parse_text_value(std::string_view text, T& out) {
    if constexpr (std::is_same_v<T, bool>) {
        if (text == "t" || text == "1" || equals_ignoring_case(text, "true")) return out = true, true;
        if (text == "f" || text == "0" || equals_ignoring_case(text, "false")) return out = false, true;
        return false;
    } else if constexpr (std::is_arithmetic_v<T>) {
        return parse_number(text, out);
    } else if constexpr (std::is_same_v<T, std::string>) {
        out.assign(text);
        return true;
    } else if constexpr (std::is_same_v<T, blob>) {
        if (text.size() < 2 || text[0] != '\\' || text[1] != 'x' || text.size() % 2 != 0) return false;
        out.clear();
        for (std::size_t i = 2; i < text.size(); i += 2) {
            const int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
            if (hi < 0 || lo < 0) return false;
            out.push_back(static_cast<std::byte>(hi * 16 + lo));
        }
        return true;
    } else if constexpr (std::is_same_v<T, std::chrono::sys_days>) {
        const auto parsed = try_parse_date(text);
        if (parsed) out = *parsed;
        return parsed.has_value();
    } else if constexpr (is_sys_time<T>::value) {
        const auto parsed = try_parse_timestamp(text);
        if (parsed) out = std::chrono::floor<typename T::duration>(*parsed);
        return parsed.has_value();
    } else if constexpr (is_decimal_v<T> || std::is_same_v<T, uuid>) {
        const auto parsed = T::try_parse(text);
        if (parsed) out = *parsed;
        return parsed.has_value();
    } else if constexpr (std::is_same_v<T, json>) {
        out = json(text);
        return true;
    } else if constexpr (has_column_mapping<T>) {
        using stored = typename column_mapping<T>::stored;
        stored value{};
        if (!parse_text_value(text, value)) return false;
        out = column_mapping<T>::from_stored(std::move(value));
        return true;
    } else {
        static_assert(!is_std_vector<T>::value,
                      "ctql: an array column cannot be read from delimited text; load it from a range of rows");
        static_assert(is_std_vector<T>::value, "ctql: this column type cannot be read from delimited text");
        return false;
    }
}

}  // namespace ctql::detail
