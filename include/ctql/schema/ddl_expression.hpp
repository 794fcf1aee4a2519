// SPDX-License-Identifier: MIT
#pragma once
// The rules for an expression stored in the schema (a CHECK, an index
// element, a partial index's WHERE, a computed default): the database keeps
// it as SQL text, so its values become literals (render/literal.hpp) and it
// can hold no parameter; it reads the columns of its own table and no other.
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>

namespace ctql {

namespace rule {
template <class Where, class Expression>
inline constexpr bool schema_expression_is_an_expression = false;
template <class Where, class Expression, class Parameters>
inline constexpr bool no_parameter_in_schema = false;
template <class Where, class Expression>
inline constexpr bool no_aggregate_in_schema = false;
template <class Where, class Expression, class Tables>
inline constexpr bool schema_expression_on_one_table = false;
}  // namespace rule

// Where an expression of the schema appears, named in diagnostics.
namespace schema_place {
struct check {};
struct index_element {};
struct index_where {};
}  // namespace schema_place

namespace detail {
template <class Where, class E>
constexpr bool check_schema_expression() {
    if constexpr (!sql_expression<E>) {
        static_assert(rule::schema_expression_is_an_expression<Where, E>,
                      "ctql: a CHECK, an index or its WHERE takes a ctql expression over the table's columns, "
                      "such as order_items.qty > 0");
        return false;
    } else if constexpr (!std::is_same_v<typename E::params, type_list<>>) {
        static_assert(rule::no_parameter_in_schema<Where, E, typename E::params>,
                      "ctql: a parameter (ctql::param) cannot appear in a CHECK, an index or its WHERE: the "
                      "database stores them as SQL text, with no value to bind; write the value itself "
                      "(it is written into the DDL as a literal)");
        return false;
    } else if constexpr (E::is_aggregate) {
        static_assert(rule::no_aggregate_in_schema<Where, E>,
                      "ctql: an aggregate cannot appear in a CHECK or an index: they are computed row by row");
        return false;
    } else if constexpr (E::tables::size != 1) {
        static_assert(rule::schema_expression_on_one_table<Where, E, typename E::tables>,
                      "ctql: a CHECK, an index or its WHERE reads the columns of one table, the table it is "
                      "declared on, and no other");
        return false;
    } else {
        return true;
    }
}

// What a constraint whose declaration failed a rule becomes: the rule's
// message is then the only one.
struct invalid_constraint {
    using table = void;
    template <class... Ignored>
    constexpr invalid_constraint on_delete(const Ignored&...) const { return {}; }
    template <class... Ignored>
    constexpr invalid_constraint on_update(const Ignored&...) const { return {}; }
    template <class... Ignored>
    constexpr invalid_constraint where(const Ignored&...) const { return {}; }
    constexpr invalid_constraint unique() const { return {}; }
    template <class Source, class Writer>
    static constexpr void render_definition(Writer&) {}
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <class E>
constexpr bool is_boolean_expression() {
    if constexpr (is_null_expression_v<E>) return false;
    else return expr_kind_v<E> == sql_kind::boolean;
}

template <class E>
using schema_expression_table_t = nth_t<0, typename E::tables>;
}  // namespace detail

}  // namespace ctql
