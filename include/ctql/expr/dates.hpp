// SPDX-License-Identifier: MIT
#pragma once
// Dates and times, for timestamp (std::chrono::sys_time<D>) and date
// (std::chrono::sys_days) expressions:
//   year_of(e) month_of(e) day_of(e) hour_of(e) minute_of(e) second_of(e) day_of_week(e)
//                                       std::int64_t; second_of() in whole seconds, day_of_week() 0 = Sunday
//   trunc_day(e) trunc_week(e) trunc_month(e) trunc_year(e)
//                                       e's own type; a week starts on Monday
//   e + std::chrono::hours{2}   e - std::chrono::days{3}
//                                       moved by a fixed length of time, bound as a parameter
//   current_date() current_timestamp()  now, in UTC
// SQLite and PostgreSQL share no spelling for any of these, so every node here
// is spelled by the dialects (dialect/sqlite.hpp, dialect/postgres.hpp).
//
// Months and years are not offered as durations: their length varies, and
// the databases disagree on what one month after January 31st is.
#include <chrono>
#include <cstdint>
#include <limits>
#include <ratio>
#include <string>
#include <type_traits>
#include <utility>

#include <ctql/core/error.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>

namespace ctql {

// The part of a date or time that an extraction takes.
namespace date_field {
struct year {};
struct month {};
struct day {};
struct hour {};
struct minute {};
struct second {};
struct day_of_week {};
}  // namespace date_field

// The unit a truncation rounds down to.
namespace date_unit {
struct day {};
struct week {};
struct month {};
struct year {};
}  // namespace date_unit

namespace detail {
template <class Writer>
inline constexpr bool dialect_spells_dates = false;

// Renders nothing: reached only from a dialect without its own spelling.
template <class Writer>
constexpr void unspelled_date_node(Writer&) {
    static_assert(dialect_spells_dates<Writer>,
                  "ctql: dates and times have no SQL spelling common to all databases; this dialect must spell "
                  "the node with a render(Writer&, std::type_identity<Node>) override, as dialect/sqlite.hpp and "
                  "dialect/postgres.hpp do");
}

// A node over one operand, spelled by each dialect.
template <class Self, class Operand>
struct over_operand : expression_methods<Self> {
    using tables = typename Operand::tables;
    using params = typename Operand::params;
    using bare_columns = typename Operand::bare_columns;
    static constexpr bool is_aggregate = Operand::is_aggregate;
    static constexpr int precedence = ctql::precedence::primary;

    Operand operand;

    template <class Writer>
    static constexpr void render(Writer& w) {
        unspelled_date_node(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
    }
};
}  // namespace detail

// year_of(e), hour_of(e), ...: one part of a date or timestamp as a number.
template <class Field, class Operand>
struct extract_expression : detail::over_operand<extract_expression<Field, Operand>, Operand> {
    using value_type = detail::nullable_if_t<expr_nullable_v<Operand>, std::int64_t>;
};

// trunc_day(e), ...: the start of the day, week, month or year that e lies in.
template <class Unit, class Operand>
struct trunc_expression : detail::over_operand<trunc_expression<Unit, Operand>, Operand> {
    using value_type = value_type_of<Operand>;
};

// e + duration: a timestamp moved by `count` microseconds, or a date by
// `count` days. The count is a bound value, so one prepared statement serves
// every duration. Shifts of a shift add up into one count (see below).
template <class Operand, column_value ValueType>
struct shift_expression : detail::over_operand<shift_expression<Operand, ValueType>, Operand> {
    using value_type = ValueType;
    using operand_type = Operand;
    // A PostgreSQL date plus an int4 is a date; plus an int8 there is no operator.
    using count_type = std::conditional_t<expr_kind_v<Operand> == sql_kind::date, std::int32_t, std::int64_t>;
    count_type count;

    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        this->operand.each_value(visit);
        visit(count);
    }
};

// The date or the time now, in UTC.
struct current_date_expression : detail::leaf_traits<current_date_expression> {
    using value_type = std::chrono::sys_days;
    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::unspelled_date_node(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};
struct current_timestamp_expression : detail::leaf_traits<current_timestamp_expression> {
    using value_type = timestamp;
    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::unspelled_date_node(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

namespace rule {
template <class Operand, class OperandType>
inline constexpr bool date_or_timestamp_operand =
    std::is_same_v<OperandType, sql_type::date> || std::is_same_v<OperandType, sql_type::timestamp>;

// Hours, minutes and seconds are parts of a timestamp: a date has no time of day.
template <class Operand, class OperandType>
inline constexpr bool timestamp_operand = std::is_same_v<OperandType, sql_type::timestamp>;

template <class Duration>
inline constexpr bool fixed_length_duration =
    !std::ratio_equal_v<typename Duration::period, std::chrono::months::period> &&
    !std::ratio_equal_v<typename Duration::period, std::chrono::years::period>;

template <class Duration>
inline constexpr bool integer_count_duration = std::is_integral_v<typename Duration::rep>;

template <class Operand, class OperandType, class Duration>
inline constexpr bool whole_microseconds_for_a_timestamp =
    !std::is_same_v<OperandType, sql_type::timestamp> ||
    std::ratio_divide<typename Duration::period, std::micro>::den == 1;

template <class Operand, class OperandType, class Duration>
inline constexpr bool whole_days_for_a_date =
    !std::is_same_v<OperandType, sql_type::date> ||
    std::ratio_divide<typename Duration::period, std::chrono::days::period>::den == 1;
}  // namespace rule

namespace detail {
template <class Field>
inline constexpr bool time_of_day_field = std::is_same_v<Field, date_field::hour> ||
                                          std::is_same_v<Field, date_field::minute> ||
                                          std::is_same_v<Field, date_field::second>;

template <class Field, class E>
constexpr auto extract(const E& e) {
    static_assert(rule::date_or_timestamp_operand<E, sql_type_of<E>>,
                  "ctql: year_of(), month_of(), day_of(), hour_of(), minute_of(), second_of() and day_of_week() take a date or a "
                  "timestamp; this operand is neither");
    if constexpr (time_of_day_field<Field>) {
        static_assert(rule::timestamp_operand<E, sql_type_of<E>>,
                      "ctql: a date has no time of day; hour_of(), minute_of() and second_of() take a timestamp");
    }
    return extract_expression<Field, E>{{{}, e}};
}

template <class Unit, class E>
constexpr auto trunc(const E& e) {
    static_assert(rule::date_or_timestamp_operand<E, sql_type_of<E>>,
                  "ctql: trunc_day(), trunc_week(), trunc_month() and trunc_year() take a date or a timestamp; "
                  "this operand is neither");
    return trunc_expression<Unit, E>{{{}, e}};
}

[[noreturn]] inline void throw_shift_out_of_range() {
    error_details details;
    details.message = "ctql: the duration added to a date or timestamp is too long to bind: as microseconds "
                      "(for a timestamp) or days (for a date) it does not fit the parameter's integer";
    throw data_error(std::move(details));
}

// The duration as a whole count of `Unit`, negated when subtracted. The static
// checks made sure that it is one; too long a duration is a data_error.
template <class Count, class Unit, class Rep, class Period>
constexpr Count shift_count(std::chrono::duration<Rep, Period> d, bool negate) {
    constexpr std::int64_t factor = std::ratio_divide<Period, typename Unit::period>::num;
    const Rep count = d.count();
    if (!std::in_range<std::int64_t>(count)) throw_shift_out_of_range();
    const auto n = static_cast<std::int64_t>(count);
    constexpr std::int64_t largest = std::numeric_limits<std::int64_t>::max() / factor;
    // -largest, not min() / factor: the product is negated below.
    if (n > largest || n < -largest) throw_shift_out_of_range();
    const std::int64_t scaled = negate ? -(n * factor) : n * factor;
    if (!std::in_range<Count>(scaled)) throw_shift_out_of_range();
    return static_cast<Count>(scaled);
}

template <class Count>
constexpr Count add_counts(Count a, Count b) {
    if ((b > 0 && a > std::numeric_limits<Count>::max() - b) || (b < 0 && a < std::numeric_limits<Count>::min() - b))
        throw_shift_out_of_range();
    return static_cast<Count>(a + b);
}

template <class E>
inline constexpr bool is_shift_v = false;
template <class Operand, class ValueType>
inline constexpr bool is_shift_v<shift_expression<Operand, ValueType>> = true;

// A date stays a date. A time point moved by a duration has the finer of the
// two resolutions, as in std::chrono: sys_seconds + milliseconds is sys_time<milliseconds>.
template <class E, class Duration>
constexpr auto shifted_value() {
    using base = base_type_t<value_type_of<E>>;
    if constexpr (expr_kind_v<E> == sql_kind::date) {
        return std::type_identity<value_type_of<E>>{};
    } else {
        using moved = std::chrono::sys_time<std::common_type_t<typename base::duration, Duration>>;
        static_assert(storable<moved> && kind_of_v<moved> == sql_kind::timestamp,
                      "ctql: this time point counts whole days or weeks, and moved by days it would become a "
                      "std::chrono::sys_days, which ctql stores as a date; store the column as ctql::timestamp");
        return std::type_identity<nullable_if_t<expr_nullable_v<E>, moved>>{};
    }
}

template <class E, class Rep, class Period>
constexpr auto shift(const E& e, std::chrono::duration<Rep, Period> d, bool negate) {
    using duration = std::chrono::duration<Rep, Period>;
    using e_type = sql_type_of<E>;
    static_assert(rule::date_or_timestamp_operand<E, e_type>,
                  "ctql: only a date or a timestamp moves by a std::chrono duration; this operand is neither");
    static_assert(rule::fixed_length_duration<duration>,
                  "ctql: months and years have no fixed length, and SQLite and PostgreSQL disagree on what one "
                  "month after January 31st is; add std::chrono::days, or compute the date in C++");
    static_assert(rule::integer_count_duration<duration>,
                  "ctql: a duration with a floating-point count cannot be bound exactly; convert it with "
                  "std::chrono::round<std::chrono::microseconds>(d) first");
    static_assert(rule::whole_microseconds_for_a_timestamp<E, e_type, duration>,
                  "ctql: timestamps hold whole microseconds; convert the duration with "
                  "std::chrono::floor<std::chrono::microseconds>(d) first");
    static_assert(rule::whole_days_for_a_date<E, e_type, duration>,
                  "ctql: a date moves by whole days; add std::chrono::days or std::chrono::weeks, or store a "
                  "timestamp");
    if constexpr (rule::date_or_timestamp_operand<E, e_type> && rule::fixed_length_duration<duration> &&
                  rule::integer_count_duration<duration> && rule::whole_microseconds_for_a_timestamp<E, e_type, duration> &&
                  rule::whole_days_for_a_date<E, e_type, duration>) {
        using value = typename decltype(shifted_value<E, duration>())::type;
        using unit = std::conditional_t<expr_kind_v<E> == sql_kind::date, std::chrono::days, std::chrono::microseconds>;
        // (e + a) + b is e + (a + b): one parameter, and SQLite's spelling of a
        // timestamp shift, which repeats its operand, is not nested in itself.
        if constexpr (is_shift_v<E>) {
            using node = shift_expression<typename E::operand_type, value>;
            using count = typename node::count_type;
            return node{{{}, e.operand}, add_counts(e.count, shift_count<count, unit>(d, negate))};
        } else {
            using node = shift_expression<E, value>;
            return node{{{}, e}, shift_count<typename node::count_type, unit>(d, negate)};
        }
    }
}
}  // namespace detail

template <sql_expression E>
constexpr auto year_of(const E& e) {
    return detail::extract<date_field::year>(e);
}
template <sql_expression E>
constexpr auto month_of(const E& e) {
    return detail::extract<date_field::month>(e);
}
template <sql_expression E>
constexpr auto day_of(const E& e) {
    return detail::extract<date_field::day>(e);
}
template <sql_expression E>
constexpr auto hour_of(const E& e) {
    return detail::extract<date_field::hour>(e);
}
template <sql_expression E>
constexpr auto minute_of(const E& e) {
    return detail::extract<date_field::minute>(e);
}
// Whole seconds: the fraction is dropped, never rounded up to 60.
template <sql_expression E>
constexpr auto second_of(const E& e) {
    return detail::extract<date_field::second>(e);
}
// 0 for Sunday through 6 for Saturday.
template <sql_expression E>
constexpr auto day_of_week(const E& e) {
    return detail::extract<date_field::day_of_week>(e);
}

template <sql_expression E>
constexpr auto trunc_day(const E& e) {
    return detail::trunc<date_unit::day>(e);
}
// The Monday the week of e starts on (ISO weeks, as PostgreSQL's date_trunc('week', ...)).
template <sql_expression E>
constexpr auto trunc_week(const E& e) {
    return detail::trunc<date_unit::week>(e);
}
template <sql_expression E>
constexpr auto trunc_month(const E& e) {
    return detail::trunc<date_unit::month>(e);
}
template <sql_expression E>
constexpr auto trunc_year(const E& e) {
    return detail::trunc<date_unit::year>(e);
}

// A std::chrono::duration is never an operand of the numeric operators
// (expr/operators.hpp), so these overloads meet no rival.
template <sql_expression E, class Rep, class Period>
constexpr auto operator+(const E& e, std::chrono::duration<Rep, Period> d) {
    return detail::shift(e, d, false);
}
template <sql_expression E, class Rep, class Period>
constexpr auto operator-(const E& e, std::chrono::duration<Rep, Period> d) {
    return detail::shift(e, d, true);
}

// Both in UTC, whatever the server's or the session's time zone. SQLite's
// clock has milliseconds, so its current_timestamp() ends in 000 microseconds.
constexpr current_date_expression current_date() { return {}; }
constexpr current_timestamp_expression current_timestamp() { return {}; }

}  // namespace ctql
