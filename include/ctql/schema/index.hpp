// SPDX-License-Identifier: MIT
#pragma once
// Indexes, declared with their table in CTQL_TABLE_CONSTRAINTS:
//   ctql::index<"ix_orders_user">(orders.user_id, orders.placed_at.desc())
//   ctql::index<"ux_users_email">(ctql::lower(users.email)).unique()       // an expression index
//   ctql::index<"ux_open_slot">(slots.room).unique().where(slots.open)     // a partial index
// An element is a column, an expression of the table's columns, or either
// with .asc() / .desc(). A unique index over columns alone and without WHERE
// is a key of its table (schema/keys.hpp): a foreign key may reference it.
#include <cstddef>
#include <type_traits>
#include <utility>

#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/order.hpp>
#include <ctql/render/literal.hpp>
#include <ctql/schema/constraints.hpp>
#include <ctql/schema/ddl_expression.hpp>

namespace ctql {

namespace rule {
template <class IndexName, class Tables>
inline constexpr bool index_on_one_table = false;
template <class IndexName, class Condition, class ConditionType>
inline constexpr bool index_where_is_boolean = false;
template <class IndexName>
inline constexpr bool index_where_given_once = false;
}  // namespace rule

namespace detail {
struct no_index_where {
    using tables = type_list<>;
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <class Element>
struct index_element_traits {
    using expression = Element;
    static constexpr bool descending = false;
    static constexpr bool ordered = false;
};
template <class E, bool Descending, nulls_order Nulls>
struct index_element_traits<order_item<E, Descending, Nulls>> {
    using expression = E;
    static constexpr bool descending = Descending;
    static constexpr bool ordered = true;
};

template <class Element>
constexpr bool check_index_element() {
    return check_schema_expression<schema_place::index_element, typename index_element_traits<Element>::expression>();
}

// A key, when the index is one: unique, over columns alone, without WHERE.
template <bool IsKey, class... Elements>
struct index_key {};
template <class... Elements>
struct index_key<true, Elements...> {
    using key_columns = type_list<Elements...>;
};

template <fixed_string Name, bool Unique, class Where, class... Elements>
struct index_definition
    : index_key<Unique && std::is_same_v<Where, no_index_where> && (table_column<Elements> && ...), Elements...> {
    static constexpr fixed_string index_name = Name;
    static constexpr bool is_index = true;
    static constexpr bool is_unique = Unique;
    static constexpr bool is_partial = !std::is_same_v<Where, no_index_where>;
    using table = nth_t<0, union_t<typename Elements::tables...>>;
    using where_type = Where;

    value_list<Elements...> elements;
    Where condition;

    constexpr index_definition<Name, true, Where, Elements...> unique() const { return {{}, elements, condition}; }

    template <class Condition>
    constexpr auto where(const Condition& c) const {
        if constexpr (is_partial) {
            static_assert(rule::index_where_given_once<ctql::name_of<Name>>, "ctql: this index already has a WHERE");
            return *this;
        } else if constexpr (!check_schema_expression<schema_place::index_where, Condition>()) {
            return *this;
        } else if constexpr (!is_boolean_expression<Condition>()) {
            static_assert(rule::index_where_is_boolean<ctql::name_of<Name>, Condition, sql_type_of<Condition>>,
                          "ctql: the WHERE of a partial index must be a boolean condition, such as t.qty > 0");
            return *this;
        } else if constexpr (!std::is_same_v<typename Condition::tables, type_list<table>>) {
            static_assert(rule::index_on_one_table<ctql::name_of<Name>, union_t<type_list<table>, typename Condition::tables>>,
                          "ctql: an index's WHERE reads the columns of the indexed table, and no other");
            return *this;
        } else {
            return index_definition<Name, Unique, Condition, Elements...>{{}, elements, c};
        }
    }

    template <class Source, std::size_t I>
    struct element_values {
        template <class Visitor>
        static constexpr void each_value(Visitor& visit) {
            get_value<I>(Source::object().elements).each_value(visit);
        }
    };
    template <class Source>
    struct where_values {
        template <class Visitor>
        static constexpr void each_value(Visitor& visit) {
            Source::object().condition.each_value(visit);
        }
    };

    // `"name" ON "table" (elements) [WHERE condition]`; a column is written
    // bare, any other expression in parentheses (PostgreSQL requires them).
    template <class Source, class Writer>
    static constexpr void render_target(Writer& w) {
        w.identifier(Name.view());
        w.put(" ON ");
        w.identifier(table::ctql_sql_name.view());
        w.put(" (");
        render_elements<Source>(w, std::index_sequence_for<Elements...>{});
        w.put(')');
        if constexpr (is_partial) {
            w.put(" WHERE ");
            render::node_with_literals<Where, where_values<Source>>(w);
        }
    }

    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        elements.for_each([&](const auto& e) { e.each_value(visit); });
        condition.each_value(visit);
    }

private:
    template <class Source, class Writer, std::size_t... I>
    static constexpr void render_elements(Writer& w, std::index_sequence<I...>) {
        ((w.put(I == 0 ? "" : ", "), render_element<Source, I, Elements>(w)), ...);
    }
    template <class Source, std::size_t I, class Element, class Writer>
    static constexpr void render_element(Writer& w) {
        using traits = index_element_traits<Element>;
        using expression = typename traits::expression;
        if constexpr (table_column<expression>) {
            expression::render_unqualified(w);
        } else {
            w.put('(');
            render::node_with_literals<expression, element_values<Source, I>>(w);
            w.put(')');
        }
        if constexpr (traits::ordered) Element::render_direction(w);
    }
};

template <fixed_string Name, class... Elements>
constexpr bool check_index_elements() {
    if constexpr (!(check_index_element<Elements>() && ...)) {
        return false;
    } else if constexpr (union_t<typename Elements::tables...>::size != 1) {
        static_assert(rule::index_on_one_table<ctql::name_of<Name>, union_t<typename Elements::tables...>>,
                      "ctql: an index's columns and expressions must all come from one table, the indexed table");
        return false;
    } else {
        return true;
    }
}
}  // namespace detail

template <fixed_string Name, class... Elements>
    requires(sizeof...(Elements) > 0)
constexpr auto index(const Elements&... elements) {
    if constexpr (detail::check_index_elements<Name, Elements...>())
        return detail::index_definition<Name, false, detail::no_index_where, Elements...>{
            {}, detail::value_list<Elements...>{{{elements}...}}, {}};
    else
        return detail::invalid_constraint{};
}

}  // namespace ctql
