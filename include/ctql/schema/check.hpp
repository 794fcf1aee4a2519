// SPDX-License-Identifier: MIT
#pragma once
// CHECK constraints, written as ctql conditions in CTQL_TABLE_CONSTRAINTS:
//   ctql::check(order_items.qty > 0)
//   ctql::check(order_items.discount.between(0.0, 0.5))
// The values in the condition are written into the DDL as literals.
#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/render/literal.hpp>
#include <ctql/schema/ddl_expression.hpp>

namespace ctql {

namespace rule {
template <class Condition, class ConditionType>
inline constexpr bool check_condition_is_boolean = false;
}  // namespace rule

namespace detail {
template <class Condition>
struct check_constraint {
    using table = schema_expression_table_t<Condition>;
    Condition condition;

    // Source::object() is this constraint's constant object, whose values
    // are written into the text as literals.
    template <class Source>
    struct values {
        template <class Visitor>
        static constexpr void each_value(Visitor& visit) {
            Source::object().condition.each_value(visit);
        }
    };
    template <class Source, class Writer>
    static constexpr void render_definition(Writer& w) {
        w.put("CHECK (");
        render::node_with_literals<Condition, values<Source>>(w);
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        condition.each_value(visit);
    }
};

template <class Condition>
constexpr bool check_check_condition() {
    if constexpr (!check_schema_expression<schema_place::check, Condition>()) {
        return false;
    } else if constexpr (!is_boolean_expression<Condition>()) {
        static_assert(rule::check_condition_is_boolean<Condition, sql_type_of<Condition>>,
                      "ctql: a CHECK condition must be boolean, such as check(t.qty > 0); this one is not");
        return false;
    } else {
        return true;
    }
}
}  // namespace detail

template <class Condition>
constexpr auto check(const Condition& condition) {
    if constexpr (detail::check_check_condition<Condition>()) return detail::check_constraint<Condition>{condition};
    else return detail::invalid_constraint{};
}

}  // namespace ctql
