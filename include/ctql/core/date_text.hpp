// SPDX-License-Identifier: MIT
#pragma once
// Dates as ISO-8601 text, `YYYY-MM-DD`, always 10 bytes: how SQLite stores a
// std::chrono::sys_days, and what its date() function returns. As with
// timestamps, four-digit years keep byte order equal to date order, so
// ORDER BY and range comparisons on the column need no conversion.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <ctql/core/error.hpp>
#include <ctql/core/timestamp_text.hpp>

namespace ctql::detail {

inline constexpr std::size_t date_text_size = 10;
using date_buffer = char[16];

// Writes `d` into `out` and returns the length (always date_text_size), or 0
// outside 0001-01-01 .. 9999-12-31, the range timestamps have too.
constexpr std::size_t write_date(std::chrono::sys_days d, date_buffer& out) noexcept {
    if (d < first_timestamp_day || d > last_timestamp_day) return 0;
    const std::chrono::year_month_day date{d};
    using timestamp_text::put_digits;
    put_digits(out, static_cast<std::uint64_t>(static_cast<int>(date.year())), 4);
    out[4] = '-';
    put_digits(out + 5, static_cast<unsigned>(date.month()), 2);
    out[7] = '-';
    put_digits(out + 8, static_cast<unsigned>(date.day()), 2);
    return date_text_size;
}

// The date as text; throws data_error outside years 0001-9999.
inline std::string format_date(std::chrono::sys_days d) {
    date_buffer buffer;
    const std::size_t length = write_date(d, buffer);
    if (length == 0) {
        error_details details;
        details.message = "date " + std::to_string(d.time_since_epoch().count()) +
                          " days from 1970-01-01 is outside the storable range 0001-01-01 through 9999-12-31";
        throw data_error(std::move(details));
    }
    return std::string(buffer, length);
}

// Parses exactly `YYYY-MM-DD` naming a real day of years 0001-9999. A
// timestamp, even at midnight, is refused: reading one as a date would
// silently drop its time of day.
constexpr std::optional<std::chrono::sys_days> try_parse_date(std::string_view text) noexcept {
    using namespace std::chrono;
    using timestamp_text::take_char;
    using timestamp_text::take_digits;
    std::size_t pos = 0;
    unsigned y = 0, m = 0, d = 0;
    if (!take_digits(text, pos, 4, y) || !take_char(text, pos, '-') || !take_digits(text, pos, 2, m) ||
        !take_char(text, pos, '-') || !take_digits(text, pos, 2, d) || pos != text.size())
        return std::nullopt;
    const year_month_day date{std::chrono::year{static_cast<int>(y)}, std::chrono::month{m}, std::chrono::day{d}};
    if (y == 0 || !date.ok()) return std::nullopt;
    return sys_days{date};
}

// As try_parse_date; throws data_error quoting the text.
inline std::chrono::sys_days parse_date(std::string_view text) {
    const std::optional<std::chrono::sys_days> parsed = try_parse_date(text);
    if (!parsed) {
        error_details details;
        details.message = "invalid date " + quote_text_excerpt(text) + ": expected YYYY-MM-DD with a year from 0001 to 9999";
        throw data_error(std::move(details));
    }
    return *parsed;
}

}  // namespace ctql::detail
