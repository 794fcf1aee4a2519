// SPDX-License-Identifier: MIT
#pragma once
// Constraints over a whole table, and its indexes, declared after CTQL_TABLE:
//
//   CTQL_TABLE(order_items,
//       (order_id,   std::int64_t),
//       (product_id, std::int64_t),
//       (qty,        std::int32_t));
//   CTQL_TABLE_CONSTRAINTS(order_items,
//       ctql::primary_key(order_items.order_id, order_items.product_id),
//       ctql::check(order_items.qty > 0),
//       ctql::foreign_key(order_items.order_id).references(orders.id).on_delete(ctql::cascade),
//       ctql::index<"ix_order_items_qty">(order_items.qty).where(order_items.qty > 10));
//
// The macro defines `constexpr auto ctql_table_constraints(const order_items_t&)`
// next to the table, found by argument-dependent lookup; a table without it has
// no table-level constraints. Write it in the table's namespace, right after
// the table and before any statement uses the table. The constraints are
// constant objects: their expressions' values are written into the DDL as
// literals, read from these objects at compile time.
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/schema/check.hpp>
#include <ctql/schema/constraints.hpp>
#include <ctql/schema/ddl_expression.hpp>
#include <ctql/schema/foreign_key.hpp>
#include <ctql/schema/index.hpp>
#include <ctql/schema/table.hpp>

namespace ctql {

namespace rule {
template <class Table, class Constraint, class ConstraintTable>
inline constexpr bool constraint_declared_on_its_table = false;
template <class Table>
inline constexpr bool one_primary_key = false;
template <class Table, class IndexName>
inline constexpr bool index_name_used_once = false;
}  // namespace rule

namespace detail {
template <class... Constraints>
struct table_constraint_list {
    using types = type_list<Constraints...>;
    value_list<Constraints...> items;
};

template <class C>
constexpr bool is_index_v = requires { C::is_index; };

template <class C>
constexpr int primary_keys_in() {
    if constexpr (requires { C::is_primary_key; }) return C::is_primary_key ? 1 : 0;
    else return 0;
}
template <class... Columns>
constexpr int column_primary_keys(type_list<Columns...>) {
    return ((Columns::is_primary_key ? 1 : 0) + ... + 0);
}

template <class Table, class C>
constexpr bool check_constraint_table() {
    if constexpr (std::is_same_v<C, invalid_constraint> || std::is_same_v<typename C::table, Table>) {
        return true;
    } else {
        static_assert(rule::constraint_declared_on_its_table<Table, C, typename C::table>,
                      "ctql: a constraint or index in CTQL_TABLE_CONSTRAINTS(t, ...) is about another table than t: "
                      "declare it with the table whose columns it names");
        return false;
    }
}

template <class C>
constexpr std::string_view index_name_view() {
    if constexpr (is_index_v<C>) return C::index_name.view();
    else return {};
}

template <class Table, class... Constraints>
constexpr bool check_index_names() {
    constexpr std::size_t n = sizeof...(Constraints);
    constexpr std::size_t repeated = [] {
        const std::string_view names[] = {std::string_view{}, index_name_view<Constraints>()...};
        const bool indexes[] = {false, is_index_v<Constraints>...};
        for (std::size_t i = 1; i <= n; ++i)
            for (std::size_t j = 1; j < i; ++j)
                if (indexes[i] && indexes[j] && names[i] == names[j]) return i - 1;
        return n;
    }();
    if constexpr (repeated != n) {
        static_assert(rule::index_name_used_once<Table, ctql::name_of<nth_t<repeated, type_list<Constraints...>>::index_name>>,
                      "ctql: two indexes of a table have the same name; give each its own");
        return false;
    } else {
        return true;
    }
}

template <class Table, class... Constraints>
constexpr table_constraint_list<Constraints...> make_table_constraints(const Constraints&... constraints) {
    static_assert(table_type<Table>, "ctql: CTQL_TABLE_CONSTRAINTS names a table declared with CTQL_TABLE");
    static_assert((check_constraint_table<Table, Constraints>() && ...));
    static_assert(check_index_names<Table, Constraints...>());
    if constexpr (column_primary_keys(typename Table::ctql_columns{}) + (primary_keys_in<Constraints>() + ... + 0) > 1)
        static_assert(rule::one_primary_key<Table>,
                      "ctql: a table has one primary key: mark one column ctql::primary_key, or name several "
                      "columns in one ctql::primary_key(...) in CTQL_TABLE_CONSTRAINTS, not both");
    return {make_value_list(constraints...)};
}

template <class Table>
constexpr auto find_table_constraints() {
    if constexpr (requires(const Table& t) { ctql_table_constraints(t); }) return ctql_table_constraints(Table{});
    else return table_constraint_list<>{};
}

// The table-level constraints of Table: a constant object, and their types.
template <class Table>
inline constexpr auto table_constraints_v = find_table_constraints<Table>();
template <class Table>
using table_constraint_types_t = typename std::remove_cvref_t<decltype(table_constraints_v<Table>)>::types;

// Where a constraint's rendering reads its values: the I-th constraint of Table.
template <class Table, std::size_t I>
struct table_constraint_source {
    static constexpr const auto& object() { return get_value<I>(table_constraints_v<Table>.items); }
};
}  // namespace detail

}  // namespace ctql

#define CTQL_TABLE_CONSTRAINTS(table_name, ...)                                              \
    constexpr auto ctql_table_constraints(const table_name##_t&) {                           \
        return ::ctql::detail::make_table_constraints<table_name##_t>(__VA_ARGS__);          \
    }                                                                                        \
    static_assert(::ctql::table_type<table_name##_t>)
