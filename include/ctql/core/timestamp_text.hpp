// SPDX-License-Identifier: MIT
#pragma once
// Timestamps as ISO-8601 text, `YYYY-MM-DD HH:MM:SS.ffffff`, always 26 bytes.
// SQLite has no timestamp type; its date functions read this form, and the
// fixed width makes byte order equal time order for years 0001-9999, so
// ORDER BY and range comparisons on the column work without conversion.
// Logging writes timestamps in the same form.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ratio>
#include <string>
#include <string_view>
#include <utility>

#include <ctql/core/error.hpp>
#include <ctql/core/value_types.hpp>

namespace ctql::detail {

// A duration whose time points this text shows without losing digits (no
// finer than microseconds). std::chrono::sys_days qualifies too: it is stored
// as a date (core/date_text.hpp), but may still be written as midnight.
template <class Duration>
concept timestamp_duration = std::ratio_less_equal_v<std::micro, typename Duration::period>;

inline constexpr std::size_t timestamp_text_size = 26;
using timestamp_buffer = char[32];

// Four-digit years only: a fifth digit or a sign would break the byte order.
inline constexpr std::chrono::sys_days first_timestamp_day{std::chrono::year{1} / 1 / 1};
inline constexpr std::chrono::sys_days last_timestamp_day{std::chrono::year{9999} / 12 / 31};

namespace timestamp_text {

constexpr void put_digits(char* out, std::uint64_t value, int width) noexcept {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

// Reads exactly `width` decimal digits at `pos`, advancing it; false if any is not a digit.
constexpr bool take_digits(std::string_view text, std::size_t& pos, int width, unsigned& out) noexcept {
    if (text.size() - pos < static_cast<std::size_t>(width)) return false;
    unsigned value = 0;
    for (int i = 0; i < width; ++i) {
        const char c = text[pos + static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    pos += static_cast<std::size_t>(width);
    out = value;
    return true;
}

constexpr bool take_char(std::string_view text, std::size_t& pos, char expected) noexcept {
    if (pos >= text.size() || text[pos] != expected) return false;
    ++pos;
    return true;
}

}  // namespace timestamp_text

// Writes `t` into `out` and returns the length (always timestamp_text_size),
// or 0 when the date lies outside 0001-01-01 .. 9999-12-31. Times before 1970
// are floored, so 1 µs before the epoch is 1969-12-31 23:59:59.999999.
template <timestamp_duration Duration>
constexpr std::size_t write_timestamp(std::chrono::sys_time<Duration> t, timestamp_buffer& out) noexcept {
    using namespace std::chrono;
    const sys_days day = floor<days>(t);
    if (day < first_timestamp_day || day > last_timestamp_day) return 0;
    const year_month_day date{day};
    const auto micros = static_cast<std::uint64_t>(duration_cast<microseconds>(t - day).count());
    constexpr std::uint64_t per_second = 1'000'000;
    const std::uint64_t seconds_of_day = micros / per_second;

    using timestamp_text::put_digits;
    put_digits(out, static_cast<std::uint64_t>(static_cast<int>(date.year())), 4);
    out[4] = '-';
    put_digits(out + 5, static_cast<unsigned>(date.month()), 2);
    out[7] = '-';
    put_digits(out + 8, static_cast<unsigned>(date.day()), 2);
    out[10] = ' ';
    put_digits(out + 11, seconds_of_day / 3600, 2);
    out[13] = ':';
    put_digits(out + 14, seconds_of_day / 60 % 60, 2);
    out[16] = ':';
    put_digits(out + 17, seconds_of_day % 60, 2);
    out[19] = '.';
    put_digits(out + 20, micros % per_second, 6);
    return timestamp_text_size;
}

// A short, printable rendering of untrusted text for an error message.
inline std::string quote_text_excerpt(std::string_view text) {
    constexpr std::size_t limit = 64;
    constexpr char hex[] = "0123456789abcdef";
    std::string quoted = "\"";
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            quoted += '\\';
            quoted += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f) {
            quoted += "\\x";
            quoted += hex[c >> 4];
            quoted += hex[c & 0xf];
        } else {
            quoted += static_cast<char>(c);
        }
    }
    quoted += '"';
    if (text.size() > limit) quoted += " (" + std::to_string(text.size()) + " bytes, truncated)";
    return quoted;
}

// The timestamp as text; throws data_error outside years 0001-9999.
template <timestamp_duration Duration>
std::string format_timestamp(std::chrono::sys_time<Duration> t) {
    timestamp_buffer buffer;
    const std::size_t length = write_timestamp(t, buffer);
    if (length == 0) {
        error_details details;
        details.message = "timestamp " +
                          std::to_string(std::chrono::floor<std::chrono::days>(t).time_since_epoch().count()) +
                          " days from 1970-01-01 is outside the storable range 0001-01-01 through 9999-12-31";
        throw data_error(std::move(details));
    }
    return std::string(buffer, length);
}

// Parses `YYYY-MM-DD[ T]HH:MM:SS[.f{1,9}][Z|+00:00]`, or a bare `YYYY-MM-DD`
// (what SQLite's date() returns) as midnight. Fraction digits past the sixth
// are dropped, which floors because the fraction is never negative.
// Any other offset is refused rather than converted: values are stored in UTC.
constexpr std::optional<timestamp> try_parse_timestamp(std::string_view text) noexcept {
    using namespace std::chrono;
    using timestamp_text::take_char;
    using timestamp_text::take_digits;
    std::size_t pos = 0;
    unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!take_digits(text, pos, 4, y) || !take_char(text, pos, '-') || !take_digits(text, pos, 2, mo) ||
        !take_char(text, pos, '-') || !take_digits(text, pos, 2, d))
        return std::nullopt;
    const year_month_day date{year{static_cast<int>(y)}, month{mo}, day{d}};
    if (y == 0 || !date.ok()) return std::nullopt;
    if (pos == text.size()) return timestamp{sys_days{date}};

    if (text[pos] != ' ' && text[pos] != 'T') return std::nullopt;
    ++pos;
    if (!take_digits(text, pos, 2, h) || !take_char(text, pos, ':') || !take_digits(text, pos, 2, mi) ||
        !take_char(text, pos, ':') || !take_digits(text, pos, 2, s))
        return std::nullopt;
    if (h > 23 || mi > 59 || s > 59) return std::nullopt;

    std::int64_t fraction = 0;
    if (take_char(text, pos, '.')) {
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (++digits > 9) return std::nullopt;
            if (digits <= 6) fraction = fraction * 10 + (text[pos] - '0');
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (int i = digits; i < 6; ++i) fraction *= 10;
    }

    const std::string_view suffix = text.substr(pos);
    if (!suffix.empty() && suffix != "Z" && suffix != "+00:00") return std::nullopt;

    return timestamp{sys_days{date}} + hours{h} + minutes{mi} + seconds{s} + microseconds{fraction};
}

// As try_parse_timestamp, floored to `Duration`; throws data_error quoting the text.
template <timestamp_duration Duration = std::chrono::microseconds>
std::chrono::sys_time<Duration> parse_timestamp(std::string_view text) {
    const std::optional<timestamp> parsed = try_parse_timestamp(text);
    if (!parsed) {
        error_details details;
        details.message = "invalid timestamp " + quote_text_excerpt(text) +
                          ": expected YYYY-MM-DD HH:MM:SS[.ffffff] in UTC with a year from 0001 to 9999";
        throw data_error(std::move(details));
    }
    return std::chrono::floor<Duration>(*parsed);
}

}  // namespace ctql::detail
