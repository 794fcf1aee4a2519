// SPDX-License-Identifier: MIT
#pragma once
// ctql::decimal<Precision, Scale>: an exact fixed-point number, SQL's
// NUMERIC(Precision, Scale). Its value is a std::int64_t count of 10^-Scale
// units, so at most 18 significant digits: every value round-trips exactly,
// and arithmetic never rounds (an overflow throws instead).
//
//   ctql::decimal<10, 2> price{"19.99"};          // parsed at compile time when constexpr
//   auto total = price * 3;                         // 59.97, still decimal<10, 2>
//   price.units() == 1999;  price.to_string() == "19.99";
//   auto d = ctql::decimal<10, 2>::parse(text);    // throws ctql::data_error on bad text
//
// Stored as PostgreSQL NUMERIC(P, S), and as an INTEGER count of units on
// SQLite (see dialect/sqlite.hpp): exact, and ordered correctly by SQL.
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include <ctql/core/error.hpp>

namespace ctql {

namespace detail {
constexpr std::int64_t pow10(int n) noexcept {
    std::int64_t v = 1;
    for (int i = 0; i < n; ++i) v *= 10;
    return v;
}

[[noreturn]] [[gnu::cold]] inline void throw_decimal_error(std::string message) {
    error_details details;
    details.message = std::move(message);
    throw data_error(std::move(details));
}
}  // namespace detail

template <int Precision, int Scale>
class decimal {
    static_assert(Precision >= 1 && Precision <= 18,
                  "ctql::decimal<Precision, Scale>: Precision is 1 to 18 digits (the value is a std::int64_t count "
                  "of units); store wider numbers as text or through ctql::column_mapping");
    static_assert(Scale >= 0 && Scale <= Precision, "ctql::decimal<Precision, Scale>: Scale is 0 to Precision");

public:
    static constexpr int precision = Precision;
    static constexpr int scale = Scale;
    using rep = std::int64_t;
    // How many units make 1.
    static constexpr rep one = detail::pow10(Scale);
    // The largest count of units Precision digits hold.
    static constexpr rep max_units = detail::pow10(Precision) - 1;

    constexpr decimal() noexcept = default;

    // Whole numbers: decimal<10, 2>(5) is 5.00. Throws data_error if it has more than Precision - Scale digits.
    template <class I>
        requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
    constexpr explicit decimal(I whole) : decimal(from_whole(whole)) {}

    // The exact text: decimal<10, 2>("-12.5") is -12.50. Throws data_error when it is not a number of
    // this precision and scale (so a constexpr decimal with a bad literal does not compile).
    constexpr explicit decimal(std::string_view text) : decimal(parse(text)) {}
    constexpr explicit decimal(const char* text) : decimal(parse(std::string_view(text))) {}

    // A count of 10^-Scale units: from_units(1999) is 19.99 for Scale 2.
    static constexpr decimal from_units(rep units) {
        if (units > max_units || units < -max_units) {
            detail::throw_decimal_error("the decimal value of " + std::to_string(units) + " units of 10^-" +
                                        std::to_string(Scale) + " has more than " + std::to_string(Precision) +
                                        " digits");
        }
        decimal d;
        d.units_ = units;
        return d;
    }
    static constexpr std::optional<decimal> try_from_units(rep units) noexcept {
        if (units > max_units || units < -max_units) return std::nullopt;
        decimal d;
        d.units_ = units;
        return d;
    }

    constexpr rep units() const noexcept { return units_; }

    // Parses `[-+]digits[.digits]` (at least one digit; no exponent, no spaces). Fraction digits
    // beyond Scale must be zeros: nothing is rounded.
    static constexpr std::optional<decimal> try_parse(std::string_view text) noexcept {
        std::size_t pos = 0;
        bool negative = false;
        if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
        rep units = 0;
        int significant = 0;  // integer digits after leading zeros
        bool any_digit = false;
        for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
            any_digit = true;
            if (units == 0 && text[pos] == '0') continue;
            if (++significant > Precision - Scale) return std::nullopt;
            units = units * 10 + (text[pos] - '0');
        }
        int fraction = 0;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
                any_digit = true;
                if (fraction < Scale) {
                    units = units * 10 + (text[pos] - '0');
                    ++fraction;
                } else if (text[pos] != '0') {
                    return std::nullopt;  // a digit this scale cannot hold
                }
            }
        }
        if (!any_digit || pos != text.size()) return std::nullopt;
        for (; fraction < Scale; ++fraction) units *= 10;
        decimal d;
        d.units_ = negative ? -units : units;
        return d;
    }

    // As try_parse; throws data_error quoting the text.
    static constexpr decimal parse(std::string_view text) {
        const std::optional<decimal> parsed = try_parse(text);
        if (!parsed) {
            std::string shown(text.substr(0, 64));
            detail::throw_decimal_error("invalid decimal \"" + shown + (text.size() > 64 ? "...\"" : "\"") +
                                        ": expected [-]digits[.digits] with at most " +
                                        std::to_string(Precision - Scale) + " integer and " + std::to_string(Scale) +
                                        " fraction digits");
        }
        return *parsed;
    }

    // Writes the text (`-12.50`: always Scale fraction digits) into `out`, returning its length (at most 21).
    constexpr std::size_t write(char (&out)[24]) const noexcept {
        // Counted as negative: -max_units has a magnitude that fits, and so does every value.
        rep v = units_ < 0 ? units_ : -units_;
        char digits[20];
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' - v % 10);
            v /= 10;
        } while (v != 0);
        while (n < Scale + 1) digits[n++] = '0';
        std::size_t len = 0;
        if (units_ < 0) out[len++] = '-';
        for (int i = n - 1; i >= 0; --i) {
            out[len++] = digits[i];
            if (i == Scale && Scale > 0) out[len++] = '.';
        }
        return len;
    }

    std::string to_string() const {
        char buffer[24];
        return std::string(buffer, write(buffer));
    }

    // The nearest double (inexact beyond 15 or so digits): for display and statistics, not for money.
    constexpr double to_double() const noexcept { return static_cast<double>(units_) / static_cast<double>(one); }

    friend constexpr bool operator==(const decimal&, const decimal&) = default;
    friend constexpr std::strong_ordering operator<=>(const decimal& a, const decimal& b) noexcept {
        return a.units_ <=> b.units_;
    }

    // Exact arithmetic; a result beyond Precision digits throws data_error.
    friend constexpr decimal operator+(decimal a, decimal b) { return from_units(a.units_ + b.units_); }
    friend constexpr decimal operator-(decimal a, decimal b) { return from_units(a.units_ - b.units_); }
    constexpr decimal operator-() const noexcept {
        decimal d;
        d.units_ = -units_;
        return d;
    }
    template <class I>
        requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
    friend constexpr decimal operator*(decimal a, I factor) {
        rep product = 0;
        if (!std::in_range<rep>(factor) || __builtin_mul_overflow(a.units_, static_cast<rep>(factor), &product))
            detail::throw_decimal_error("a decimal product overflows");
        return from_units(product);
    }
    template <class I>
        requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
    friend constexpr decimal operator*(I factor, decimal a) {
        return a * factor;
    }
    // Streams the text (for test frameworks and logs); no <ostream> needed here.
    template <class Stream>
    friend auto operator<<(Stream& os, const decimal& d) -> decltype(os << std::string_view()) {
        char buffer[24];
        return os << std::string_view(buffer, d.write(buffer));
    }
    constexpr decimal& operator+=(decimal b) { return *this = *this + b; }
    constexpr decimal& operator-=(decimal b) { return *this = *this - b; }

private:
    template <class I>
    static constexpr decimal from_whole(I whole) {
        if (!std::in_range<rep>(whole) || (whole > 0 && static_cast<rep>(whole) > max_units / one) ||
            (whole < 0 && static_cast<rep>(whole) < -(max_units / one))) {
            detail::throw_decimal_error("the whole number " + std::to_string(whole) + " has more than " +
                                        std::to_string(Precision - Scale) + " integer digits");
        }
        return from_units(static_cast<rep>(whole) * one);
    }

    rep units_ = 0;
};

// `d` in another precision and scale; throws data_error when digits would be lost
// (a fraction the new scale cannot hold, or too many integer digits).
template <int ToPrecision, int ToScale, int Precision, int Scale>
constexpr decimal<ToPrecision, ToScale> decimal_cast(decimal<Precision, Scale> d) {
    using to = decimal<ToPrecision, ToScale>;
    const std::int64_t units = d.units();
    if constexpr (ToScale >= Scale) {
        constexpr std::int64_t factor = detail::pow10(ToScale - Scale);
        if (units > to::max_units / factor || units < -(to::max_units / factor))
            detail::throw_decimal_error("decimal_cast: " + d.to_string() + " has too many digits for the new precision");
        return to::from_units(units * factor);
    } else {
        constexpr std::int64_t factor = detail::pow10(Scale - ToScale);
        if (units % factor != 0)
            detail::throw_decimal_error("decimal_cast: " + d.to_string() + " has fraction digits the new scale drops");
        return to::from_units(units / factor);
    }
}

template <class T>
inline constexpr bool is_decimal_v = false;
template <int P, int S>
inline constexpr bool is_decimal_v<decimal<P, S>> = true;

}  // namespace ctql

template <int P, int S>
struct fmt::formatter<ctql::decimal<P, S>> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const ctql::decimal<P, S>& d, FormatContext& ctx) const -> decltype(ctx.out()) {
        char buffer[24];
        return fmt::formatter<std::string_view>::format(std::string_view(buffer, d.write(buffer)), ctx);
    }
};
