// SPDX-License-Identifier: MIT
#pragma once
// Names for computed values in a select list:
//
//   CTQL_NAME(order_count);                                   // at namespace scope, once
//   select(users.name, count(orders.id).as(order_count))      // row.order_count
//   select(users.name, count(orders.id).as<"orders">())       // get<"orders">(row), struct member `orders`
//
// A name is rendered `AS "order_count"` in the select list only; the row's
// member, struct mapping and get<"..."> use it.
#include <string_view>
#include <utility>

#include <ctql/core/fixed_string.hpp>
#include <ctql/expr/expression.hpp>

namespace ctql {

// A name given as text: reachable by get<"name">(row) and struct mapping.
template <fixed_string Name>
struct string_name {
    static constexpr fixed_string ctql_sql_name = Name;
    template <class V>
    struct row_member {
        static constexpr std::string_view ctql_name = Name.view();
        V ctql_value;
        constexpr V& ctql_ref() { return ctql_value; }
        constexpr const V& ctql_ref() const { return ctql_value; }
    };
};

// An expression with a name in the select list.
template <class Name, class E>
struct named_expression : expression_methods<named_expression<Name, E>> {
    using name = Name;
    using expression = E;
    using value_type = value_type_of<E>;
    using tables = typename E::tables;
    using params = typename E::params;
    using bare_columns = typename E::bare_columns;
    static constexpr bool is_aggregate = E::is_aggregate;
    static constexpr int precedence = E::precedence;

    E operand;

    // Outside the select list a named value is its expression.
    template <class Writer>
    static constexpr void render(Writer& w) {
        render::node<E>(w);
    }
    template <class Writer>
    static constexpr void render_with_name(Writer& w) {
        render::node<E>(w);
        w.put(" AS ");
        w.identifier(Name::ctql_sql_name.view());
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
    }
};

template <class Name, sql_expression E>
constexpr auto named(const E& e) {
    return named_expression<Name, E>{{}, e};
}

}  // namespace ctql

// Declares a name for computed values (and, later, table aliases) at
// namespace scope: CTQL_NAME(order_count) makes `order_count`, which
// `.as(order_count)` gives to a selected expression, so that rows have a
// member `order_count`.
#define CTQL_NAME(name)                                                                  \
    struct name##_name_t {                                                               \
        static constexpr ::ctql::fixed_string ctql_sql_name{#name};                      \
        template <class V>                                                               \
        struct row_member {                                                              \
            static constexpr ::std::string_view ctql_name{#name};                        \
            V name;                                                                      \
            constexpr V& ctql_ref() { return name; }                                     \
            constexpr const V& ctql_ref() const { return name; }                         \
        };                                                                               \
    };                                                                                   \
    inline constexpr name##_name_t name {}
