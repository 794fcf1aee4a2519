// SPDX-License-Identifier: MIT
#pragma once
// Values written into the SQL text as literals, for the one place where SQL
// has no parameters: DDL. A CHECK, a partial index's WHERE or an index
// expression is stored by the database as text, so PostgreSQL and SQLite
// refuse placeholders there. The expression is the same ctql expression as
// in a query; it is rendered with a writer whose placeholder() writes the
// next value of the (constexpr) expression as a literal.
//
// Every other statement binds its values; nothing here is reachable from a
// value known only at run time, since the values come from constant objects.
#include <array>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include <ctql/core/date_text.hpp>
#include <ctql/core/decimal.hpp>
#include <ctql/core/timestamp_text.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/render/writer.hpp>

namespace ctql::render {

namespace detail {
// Called only in a constant evaluation, where calling a function that is not
// constexpr stops the build: its name is the diagnostic.
inline void ctql_error_a_real_literal_in_ddl_must_be_finite() {}
inline void ctql_error_a_date_or_timestamp_literal_in_ddl_must_lie_in_years_1_to_9999() {}

// A non-negative integer of up to 810 decimal digits, in base 10^9: enough
// for the exact value of any double (at most 767 significant digits).
struct decimal_number {
    static constexpr std::uint32_t base = 1'000'000'000;
    std::array<std::uint32_t, 90> limbs{};
    std::size_t used = 1;

    constexpr void multiply(std::uint32_t factor) {
        std::uint64_t carry = 0;
        for (std::size_t i = 0; i < used; ++i) {
            const std::uint64_t product = std::uint64_t{limbs[i]} * factor + carry;
            limbs[i] = static_cast<std::uint32_t>(product % base);
            carry = product / base;
        }
        while (carry != 0) {
            limbs[used++] = static_cast<std::uint32_t>(carry % base);
            carry /= base;
        }
    }
    // The digits, most significant first, without leading zeros.
    constexpr std::size_t digits(std::array<char, 820>& out) const {
        std::size_t n = 0;
        for (std::size_t i = used; i-- > 0;) {
            std::uint32_t limb = limbs[i];
            char group[9]{};
            for (int d = 8; d >= 0; --d) {
                group[d] = static_cast<char>('0' + limb % 10);
                limb /= 10;
            }
            for (char c : group) {
                if (n == 0 && c == '0') continue;
                out[n++] = c;
            }
        }
        if (n == 0) out[n++] = '0';
        return n;
    }
};
}  // namespace detail

template <class Writer>
constexpr void write_text_literal(Writer& w, std::string_view text) {
    w.put('\'');
    for (char c : text) {
        if (c == '\'') w.put('\'');
        w.put(c);
    }
    w.put('\'');
}

// A negative number is parenthesised: after a unary minus, `--1` would begin a comment.
template <class Writer>
constexpr void write_integer_literal(Writer& w, std::int64_t n) {
    if (n < 0) w.put('(');
    w.put_signed(n);
    if (n < 0) w.put(')');
}

// A double as decimal text that reads back as the same double: its exact
// value, rounded to 17 significant digits when it has more (17 digits always
// identify a double), with trailing zeros dropped. Plain notation between
// 1e-6 and 1e21, scientific outside.
template <class Writer>
constexpr void write_real_literal(Writer& w, double v) {
    if (!(v == v) || v > 1.7976931348623157e308 || v < -1.7976931348623157e308)
        detail::ctql_error_a_real_literal_in_ddl_must_be_finite();
    const auto bits = std::bit_cast<std::uint64_t>(v);
    const bool negative = (bits >> 63) != 0;
    const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
    const int biased = static_cast<int>((bits >> 52) & 0x7ff);
    if (biased == 0 && fraction == 0) {
        w.put("0.0");
        return;
    }
    std::uint64_t mantissa = biased == 0 ? fraction : (fraction | (std::uint64_t{1} << 52));
    int exponent2 = biased == 0 ? -1074 : biased - 1075;
    while ((mantissa & 1) == 0) {
        mantissa >>= 1;
        ++exponent2;
    }
    // v = mantissa * 2^exponent2 = number * 10^exponent10, number an integer.
    detail::decimal_number number;
    number.limbs[0] = static_cast<std::uint32_t>(mantissa % detail::decimal_number::base);
    if (mantissa >= detail::decimal_number::base) number.limbs[number.used++] =
        static_cast<std::uint32_t>(mantissa / detail::decimal_number::base);
    int exponent10 = 0;
    if (exponent2 >= 0) {
        for (int left = exponent2; left > 0; left -= 29) number.multiply(std::uint32_t{1} << (left < 29 ? left : 29));
    } else {
        exponent10 = exponent2;
        constexpr std::uint32_t five_to_13 = 1'220'703'125;
        int left = -exponent2;
        for (; left >= 13; left -= 13) number.multiply(five_to_13);
        std::uint32_t rest = 1;
        for (; left > 0; --left) rest *= 5;
        number.multiply(rest);
    }
    std::array<char, 820> digits{};
    std::size_t count = number.digits(digits);
    // The fewest digits that read back as v, where that is easy to prove: up
    // to 15 digits times a power of ten up to 10^22 are both exact doubles,
    // so one correctly rounded multiplication or division reads them back.
    // 0.1 is then written 0.1, not 0.10000000000000001.
    const double magnitude = negative ? -v : v;
    for (std::size_t p = 1; p <= 15 && p < count; ++p) {
        std::uint64_t shortened = 0;
        for (std::size_t i = 0; i < p; ++i) shortened = shortened * 10 + static_cast<std::uint64_t>(digits[i] - '0');
        if (digits[p] >= '5') ++shortened;
        const int power = exponent10 + static_cast<int>(count - p);
        if (power > 22 || power < -22) continue;
        double scale = 1.0;
        for (int i = 0; i < (power < 0 ? -power : power); ++i) scale *= 10.0;
        const double read_back = power < 0 ? static_cast<double>(shortened) / scale : static_cast<double>(shortened) * scale;
        if (read_back != magnitude) continue;
        std::array<char, 20> text{};
        std::size_t length = 0;
        for (; shortened != 0; shortened /= 10) text[length++] = static_cast<char>('0' + shortened % 10);
        for (std::size_t i = 0; i < length; ++i) digits[i] = text[length - 1 - i];
        exponent10 = power;
        count = length;
        break;
    }
    if (count > 17) {
        const bool up = digits[17] >= '5';
        exponent10 += static_cast<int>(count - 17);
        count = 17;
        if (up) {
            std::size_t i = count;
            while (i > 0 && digits[i - 1] == '9') digits[--i] = '0';
            if (i == 0) {
                digits[0] = '1';  // 99..9 rounded up: 100..0, one digit more, so one place higher
                ++exponent10;
            } else {
                ++digits[i - 1];
            }
        }
    }
    while (count > 1 && digits[count - 1] == '0') {
        --count;
        ++exponent10;
    }
    if (negative) w.put("(-");
    const int scientific = static_cast<int>(count) - 1 + exponent10;
    if (scientific >= -6 && scientific < 21) {
        if (exponent10 >= 0) {
            for (std::size_t i = 0; i < count; ++i) w.put(digits[i]);
            for (int i = 0; i < exponent10; ++i) w.put('0');
            w.put(".0");
        } else {
            const int before_point = static_cast<int>(count) + exponent10;
            if (before_point <= 0) {
                w.put("0.");
                for (int i = before_point; i < 0; ++i) w.put('0');
                for (std::size_t i = 0; i < count; ++i) w.put(digits[i]);
            } else {
                for (std::size_t i = 0; i < count; ++i) {
                    if (static_cast<int>(i) == before_point) w.put('.');
                    w.put(digits[i]);
                }
            }
        }
    } else {
        w.put(digits[0]);
        w.put('.');
        if (count == 1) w.put('0');
        for (std::size_t i = 1; i < count; ++i) w.put(digits[i]);
        w.put(scientific < 0 ? "E-" : "E+");
        w.put_number(static_cast<std::uint64_t>(scientific < 0 ? -scientific : scientific));
    }
    if (negative) w.put(')');
}

// A decimal as its column stores it: SQLite keeps the integer count of units
// (19.99 in a decimal<10, 2> is 1999), PostgreSQL the NUMERIC 19.99.
template <class Writer, class Decimal>
constexpr void write_decimal_literal(Writer& w, const Decimal& d) {
    const std::int64_t units = d.units();
    if constexpr (Writer::dialect::name == std::string_view{"sqlite"}) {
        write_integer_literal(w, units);
    } else {
        const bool negative = units < 0;
        // |units| fits: a decimal has at most 18 digits.
        const std::uint64_t magnitude = static_cast<std::uint64_t>(negative ? -units : units);
        const std::uint64_t one = static_cast<std::uint64_t>(Decimal::one);
        if (negative) w.put("(-");
        w.put_number(magnitude / one);
        if constexpr (Decimal::scale > 0) {
            w.put('.');
            std::uint64_t rest = magnitude % one;
            for (std::uint64_t place = one / 10; place > 0; place /= 10) {
                w.put(static_cast<char>('0' + rest / place));
                rest %= place;
            }
        }
        if (negative) w.put(')');
    }
}

// One value of an expression as an SQL literal: how both dialects spell it.
template <class Writer, class T>
constexpr void write_literal(Writer& w, const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
        w.put(v ? "TRUE" : "FALSE");
    } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>) {
        w.put_number(v);
    } else if constexpr (std::is_integral_v<T>) {
        write_integer_literal(w, static_cast<std::int64_t>(v));
    } else if constexpr (std::is_floating_point_v<T>) {
        write_real_literal(w, static_cast<double>(v));
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        write_text_literal(w, std::string_view{v});
    } else if constexpr (is_decimal_v<T>) {
        write_decimal_literal(w, v);
    } else if constexpr (std::is_same_v<T, std::chrono::sys_days>) {
        ctql::detail::date_buffer text{};
        const std::size_t n = ctql::detail::write_date(v, text);
        if (n == 0) detail::ctql_error_a_date_or_timestamp_literal_in_ddl_must_lie_in_years_1_to_9999();
        write_text_literal(w, std::string_view{text, n});
    } else if constexpr (requires { ctql::detail::write_timestamp(v, std::declval<ctql::detail::timestamp_buffer&>()); }) {
        ctql::detail::timestamp_buffer text{};
        const std::size_t n = ctql::detail::write_timestamp(v, text);
        if (n == 0) detail::ctql_error_a_date_or_timestamp_literal_in_ddl_must_lie_in_years_1_to_9999();
        write_text_literal(w, std::string_view{text, n});
    } else {
        static_assert(ctql::detail::always_false<T>,
                      "ctql: this value cannot be written into DDL as a literal: a CHECK, an index expression or a "
                      "partial index's WHERE takes numbers, decimals, booleans, text, dates and timestamps");
    }
}

namespace detail {
// Writes the n-th value an expression visits (1-based, as placeholders count).
template <class Writer>
struct nth_literal {
    Writer& w;
    int wanted;
    int seen = 0;
    template <class V>
    constexpr void operator()(const V& v) {
        if (++seen == wanted) write_literal(w, v);
    }
};
}  // namespace detail

// The dialect `Dialect` with the values of `Values` (a type with a static
// each_value(visitor) over constant objects) written where placeholders
// would go, and columns written without their table: inside a table's own
// definition the table name is implied, and index expressions may name no other.
template <class Dialect, class Values>
struct literal_values_dialect : Dialect {
    template <class Writer>
    static constexpr void write_placeholder(Writer& w, int number) {
        detail::nth_literal<Writer> visit{w, number};
        Values::each_value(visit);
    }
    template <class Writer, class Node>
    static constexpr void render(Writer& w, std::type_identity<Node>) {
        if constexpr (requires { Node::render_unqualified(w); }) Node::render_unqualified(w);
        else if constexpr (requires { Dialect::render(w, std::type_identity<Node>{}); })
            Dialect::render(w, std::type_identity<Node>{});
        else Node::render(w);
    }
};

// Renders Node into `w` with the values of `Values` written as literals.
template <class Node, class Values, class Writer>
constexpr void node_with_literals(Writer& w) {
    writer<literal_values_dialect<typename Writer::dialect, Values>> inner{w.out == nullptr ? nullptr : w.out + w.size};
    node<Node>(inner);
    w.size += inner.size;
}

}  // namespace ctql::render
