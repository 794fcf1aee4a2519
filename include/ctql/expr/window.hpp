// SPDX-License-Identifier: MIT
#pragma once
// Window functions and windows:
//   row_number().over(partition_by(users.city).order_by(users.score.desc()))
//   rank(), dense_rank(), ntile(4), lag(e[, offset[, default]]), lead(...), first_value(e), last_value(e)
//   sum(orders.total).over(partition_by(orders.user_id).order_by(orders.id).rows_between(unbounded_preceding, current_row))
//   .over(window())                              OVER () : the whole result
// A windowed value is computed per row, after grouping: it does not make a
// select an aggregate one, and it cannot be used in WHERE or GROUP BY.
// Frame offsets are compile-time numbers (preceding<2>), as SQLite requires
// constants there.
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/operators.hpp>
#include <ctql/expr/order.hpp>
#include <ctql/expr/rules.hpp>

namespace ctql {

// --- frames -----------------------------------------------------------------------
namespace frame {
struct unbounded_preceding_t { static constexpr std::string_view text = "UNBOUNDED PRECEDING"; };
struct current_row_t { static constexpr std::string_view text = "CURRENT ROW"; };
struct unbounded_following_t { static constexpr std::string_view text = "UNBOUNDED FOLLOWING"; };
template <std::int64_t N>
struct preceding_t { static constexpr std::int64_t offset = N; static constexpr std::string_view text = " PRECEDING"; };
template <std::int64_t N>
struct following_t { static constexpr std::int64_t offset = N; static constexpr std::string_view text = " FOLLOWING"; };
}  // namespace frame

inline constexpr frame::unbounded_preceding_t unbounded_preceding{};
inline constexpr frame::current_row_t current_row{};
inline constexpr frame::unbounded_following_t unbounded_following{};
template <std::int64_t N>
inline constexpr frame::preceding_t<N> preceding{};
template <std::int64_t N>
inline constexpr frame::following_t<N> following{};

namespace detail {
template <class Bound, class Writer>
constexpr void render_frame_bound(Writer& w) {
    if constexpr (requires { Bound::offset; }) {
        static_assert(Bound::offset >= 0, "ctql: a frame offset counts rows: 0 or more");
        w.put_signed(Bound::offset);
    }
    w.put(Bound::text);
}

struct rows_unit { static constexpr std::string_view text = " ROWS BETWEEN "; };
struct range_unit { static constexpr std::string_view text = " RANGE BETWEEN "; };

struct no_frame {
    template <class Writer>
    static constexpr void render(Writer&) {}
};
template <class Unit, class Start, class End>
struct frame_spec {
    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Unit::text);
        render_frame_bound<Start>(w);
        w.put(" AND ");
        render_frame_bound<End>(w);
    }
};
}  // namespace detail

// --- the window ----------------------------------------------------------------
// PARTITION BY ... ORDER BY ... [ROWS|RANGE BETWEEN ...]
template <class Partitions, class Orders, class Frame>
struct window_spec;

template <class... Partitions, class... Orders, class Frame>
struct window_spec<detail::type_list<Partitions...>, detail::type_list<Orders...>, Frame> {
    using tables = detail::union_t<typename Partitions::tables..., typename Orders::tables...>;
    using params = detail::concat_t<typename Partitions::params..., typename Orders::params...>;
    using bare_columns = detail::union_t<typename Partitions::bare_columns..., typename Orders::bare_columns...>;

    detail::value_list<Partitions...> partitions;
    detail::value_list<Orders...> orders;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(" OVER (");
        bool first = true;
        if constexpr (sizeof...(Partitions) > 0) {
            w.put("PARTITION BY ");
            ((w.put(first ? "" : ", "), render::node<Partitions>(w), first = false), ...);
        }
        if constexpr (sizeof...(Orders) > 0) {
            w.put(sizeof...(Partitions) > 0 ? " ORDER BY " : "ORDER BY ");
            first = true;
            ((w.put(first ? "" : ", "), render::node<Orders>(w), first = false), ...);
        }
        Frame::render(w);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        partitions.for_each([&](const auto& p) { p.each_value(visit); });
        orders.for_each([&](const auto& o) { o.each_value(visit); });
    }

    template <class... Items>
    constexpr auto order_by(const Items&... items) const {
        static_assert(sizeof...(Orders) == 0, "ctql: this window is already ordered; list every key in one order_by()");
        using ordered = window_spec<detail::type_list<Partitions...>,
                                    detail::type_list<decltype(to_order_item(items))...>, Frame>;
        return ordered{partitions, detail::make_value_list(to_order_item(items)...)};
    }
    template <class Start, class End>
    constexpr auto rows_between(Start, End) const {
        return with_frame<detail::frame_spec<detail::rows_unit, Start, End>>();
    }
    template <class Start, class End>
    constexpr auto range_between(Start, End) const {
        static_assert(!requires { Start::offset; } && !requires { End::offset; },
                      "ctql: RANGE frames with offsets differ between SQLite and PostgreSQL; use rows_between, or "
                      "unbounded_preceding / current_row / unbounded_following");
        return with_frame<detail::frame_spec<detail::range_unit, Start, End>>();
    }

private:
    template <class NewFrame>
    constexpr auto with_frame() const {
        static_assert(std::is_same_v<Frame, detail::no_frame>, "ctql: this window already has a frame");
        static_assert(sizeof...(Orders) > 0, "ctql: a frame moves along an order: write .order_by(...) first");
        return window_spec<detail::type_list<Partitions...>, detail::type_list<Orders...>, NewFrame>{partitions, orders};
    }
};

// OVER () : one window of all rows.
constexpr auto window() {
    return window_spec<detail::type_list<>, detail::type_list<>, detail::no_frame>{};
}
template <sql_expression... Es>
constexpr auto partition_by(const Es&... es) {
    static_assert(sizeof...(Es) > 0, "ctql: partition_by() needs at least one expression");
    return window_spec<detail::type_list<Es...>, detail::type_list<>, detail::no_frame>{detail::make_value_list(es...), {}};
}

template <class T>
inline constexpr bool is_window_spec_v = false;
template <class P, class O, class F>
inline constexpr bool is_window_spec_v<window_spec<P, O, F>> = true;

// --- window functions ------------------------------------------------------------
namespace fn {
struct row_number { static constexpr std::string_view name = "ROW_NUMBER"; };
struct rank { static constexpr std::string_view name = "RANK"; };
struct dense_rank { static constexpr std::string_view name = "DENSE_RANK"; };
struct ntile { static constexpr std::string_view name = "NTILE"; };
struct lag { static constexpr std::string_view name = "LAG"; };
struct lead { static constexpr std::string_view name = "LEAD"; };
struct first_value { static constexpr std::string_view name = "FIRST_VALUE"; };
struct last_value { static constexpr std::string_view name = "LAST_VALUE"; };
}  // namespace fn

// A window function waiting for .over(window): it is not a value until then.
template <class Function, column_value ValueType, class... Args>
struct window_function {
    detail::value_list<Args...> args;

    template <class Spec>
        requires is_window_spec_v<Spec>
    constexpr auto over(const Spec& spec) const;
};

// A window function with its window: one value per row.
template <class Function, column_value ValueType, class Spec, class... Args>
struct windowed_call : expression_methods<windowed_call<Function, ValueType, Spec, Args...>> {
    using value_type = ValueType;
    using tables = detail::union_t<typename Args::tables..., typename Spec::tables>;
    using params = detail::concat_t<typename Args::params..., typename Spec::params>;
    using bare_columns = detail::union_t<typename Args::bare_columns..., typename Spec::bare_columns>;
    static constexpr bool is_aggregate = false;
    static constexpr bool is_window = true;
    static constexpr int precedence = ctql::precedence::primary;

    detail::value_list<Args...> args;
    Spec spec;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Function::name);
        w.put('(');
        bool first = true;
        ((w.put(first ? "" : ", "), render::node<Args>(w), first = false), ...);
        w.put(')');
        Spec::render(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        args.for_each([&](const auto& arg) { arg.each_value(visit); });
        spec.each_value(visit);
    }
};

template <class Function, column_value ValueType, class... Args>
template <class Spec>
    requires is_window_spec_v<Spec>
constexpr auto window_function<Function, ValueType, Args...>::over(const Spec& spec) const {
    return windowed_call<Function, ValueType, Spec, Args...>{{}, args, spec};
}

namespace detail {
template <class Function, class ValueType, class... Args>
constexpr auto window_call(Args&&... args) {
    static_assert((rule::not_an_aggregate<expression_t<Args>, sql_type_of<expression_t<Args>>> && ...),
                  "ctql: a window function's argument cannot be an aggregate of the same query level");
    return window_function<Function, ValueType, expression_t<Args>...>{
        make_value_list(to_expression(std::forward<Args>(args))...)};
}
template <class E>
constexpr bool check_offset() {
    using e_t = expression_t<E>;
    static_assert(rule::integer_operand<e_t, sql_type_of<e_t>>, "ctql: the offset of lag() / lead() counts rows: an integer");
    return true;
}
}  // namespace detail

// 1, 2, 3, ... in window order.
constexpr auto row_number() { return detail::window_call<fn::row_number, std::int64_t>(); }
// Ties share a rank; the next rank skips (rank) or does not (dense_rank).
constexpr auto rank() { return detail::window_call<fn::rank, std::int64_t>(); }
constexpr auto dense_rank() { return detail::window_call<fn::dense_rank, std::int64_t>(); }
// Which of `buckets` groups, 1 to buckets, the row falls in.
template <class N>
constexpr auto ntile(N&& buckets) {
    static_assert(detail::check_offset<N>());
    return detail::window_call<fn::ntile, std::int64_t>(std::forward<N>(buckets));
}
// The value `offset` rows before (lag) or after (lead) in window order; NULL past the edge.
template <sql_expression E>
constexpr auto lag(const E& e) {
    return detail::window_call<fn::lag, detail::make_optional_t<value_type_of<E>>>(e);
}
template <sql_expression E, class Offset>
constexpr auto lag(const E& e, Offset&& offset) {
    static_assert(detail::check_offset<Offset>());
    return detail::window_call<fn::lag, detail::make_optional_t<value_type_of<E>>>(e, std::forward<Offset>(offset));
}
// ... or `fallback` past the edge.
template <sql_expression E, class Offset, class Fallback>
constexpr auto lag(const E& e, Offset&& offset, Fallback&& fallback) {
    static_assert(detail::check_offset<Offset>() && detail::check_comparison<E, Fallback>());
    using value = detail::nullable_if_t<expr_nullable_v<E> || expr_nullable_v<expression_t<Fallback>>, base_type_t<value_type_of<E>>>;
    return detail::window_call<fn::lag, value>(e, std::forward<Offset>(offset), std::forward<Fallback>(fallback));
}
template <sql_expression E>
constexpr auto lead(const E& e) {
    return detail::window_call<fn::lead, detail::make_optional_t<value_type_of<E>>>(e);
}
template <sql_expression E, class Offset>
constexpr auto lead(const E& e, Offset&& offset) {
    static_assert(detail::check_offset<Offset>());
    return detail::window_call<fn::lead, detail::make_optional_t<value_type_of<E>>>(e, std::forward<Offset>(offset));
}
template <sql_expression E, class Offset, class Fallback>
constexpr auto lead(const E& e, Offset&& offset, Fallback&& fallback) {
    static_assert(detail::check_offset<Offset>() && detail::check_comparison<E, Fallback>());
    using value = detail::nullable_if_t<expr_nullable_v<E> || expr_nullable_v<expression_t<Fallback>>, base_type_t<value_type_of<E>>>;
    return detail::window_call<fn::lead, value>(e, std::forward<Offset>(offset), std::forward<Fallback>(fallback));
}
// The first / last value of the frame (by default the frame ends at the current row).
template <sql_expression E>
constexpr auto first_value(const E& e) {
    return detail::window_call<fn::first_value, value_type_of<E>>(e);
}
template <sql_expression E>
constexpr auto last_value(const E& e) {
    return detail::window_call<fn::last_value, value_type_of<E>>(e);
}

}  // namespace ctql
