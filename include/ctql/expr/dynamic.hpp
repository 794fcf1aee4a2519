// SPDX-License-Identifier: MIT
#pragma once
// Parts of a statement switched on or off at run time, for search forms and
// API filters:
//
//   db(select(users.id, users.name).from(users)
//          .where(users.active && when(name.has_value(), users.name.like(name.value_or("")))
//                              && when(min_score.has_value(), users.score >= min_score.value_or(0.0)))
//          .order_by(when(by_score, users.score.desc()), users.id));
//
// Nothing is rendered per call: every combination of the parts is rendered
// at compile time (2^n texts for n parts, at most 8 parts), and the call
// picks the text by the bit mask of parts switched on; each combination is
// prepared once per connection under its own cache slot. A condition
// switched off reads TRUE; a sort key switched off is left out. Every value
// is bound, those of parts switched off are not. Parts do not nest.
#include <cstdint>
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/order.hpp>
#include <ctql/expr/rules.hpp>

namespace ctql {

namespace detail {
// The base of an optional part: an expression's member spellings for a condition, nothing for a sort key.
struct not_an_expression {};

template <class Part>
struct part_value {};
template <sql_expression Part>
struct part_value<Part> {
    using value_type = value_type_of<Part>;
};
}  // namespace detail

template <class Part>
struct optional_part : std::conditional_t<sql_expression<Part>, expression_methods<optional_part<Part>>, detail::not_an_expression>,
                       detail::part_value<Part> {
    using part = Part;
    using tables = typename Part::tables;
    using params = typename Part::params;
    using bare_columns = typename Part::bare_columns;
    static constexpr bool is_aggregate = requires { requires Part::is_aggregate; };
    static constexpr int precedence = [] {
        if constexpr (requires { Part::precedence; }) return Part::precedence;
        else return ctql::precedence::primary;
    }();

    bool enabled;
    Part value;

    // A condition switched off reads TRUE (a sort key switched off is left out by its list).
    template <class Writer>
    static constexpr void render(Writer& w) {
        if (w.next_optional_part()) render::node<Part>(w);
        else w.put("TRUE");
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        if constexpr (requires { visit.optional_part(enabled); }) visit.optional_part(enabled);
        if (enabled) value.each_value(visit);
    }
};

template <class T>
inline constexpr bool is_optional_part_v = false;
template <class P>
inline constexpr bool is_optional_part_v<optional_part<P>> = true;

// A condition or a sort key that applies only when `enabled`.
template <class Part>
    requires(sql_expression<Part> || is_order_item_v<Part>)
constexpr auto when(bool enabled, const Part& part) {
    if constexpr (sql_expression<Part>) {
        static_assert(rule::boolean_condition<Part, sql_type_of<Part>>,
                      "ctql: when() switches a condition (a boolean expression) or a sort key (x.asc(), x.desc())");
    }
    static_assert(!is_optional_part_v<Part>, "ctql: when() parts do not nest");
    return optional_part<Part>{{}, {}, enabled, part};
}

namespace detail {
// Collects which optional parts of a statement are switched on, in rendering order.
struct optional_part_mask {
    std::uint32_t mask = 0;
    int count = 0;
    template <class V>
    constexpr void operator()(const V&) {}
    template <class V>
    constexpr void secret(const V&) {}
    constexpr void optional_part(bool enabled) {
        if (enabled) mask |= std::uint32_t{1} << count;
        ++count;
    }
};
}  // namespace detail

}  // namespace ctql
