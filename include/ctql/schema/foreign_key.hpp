// SPDX-License-Identifier: MIT
#pragma once
// Foreign keys over several columns, declared in CTQL_TABLE_CONSTRAINTS:
//   ctql::foreign_key(shipments.order_id, shipments.line)
//       .references(order_lines.order_id, order_lines.line)
//       .on_delete(ctql::cascade)
// (one column: `ctql::references<users.id>` on the column in CTQL_TABLE).
// Whether the referenced columns are a key of their table is checked where
// the table is created (stmt/ddl/create_table.hpp): the referenced table's
// constraints may be declared after this one, or be this table's own.
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/schema/constraints.hpp>
#include <ctql/schema/ddl_expression.hpp>

namespace ctql {

namespace rule {
template <class Argument>
inline constexpr bool foreign_key_lists_columns = false;
template <class Columns>
inline constexpr bool foreign_key_columns_of_one_table = false;
template <class Columns, class ReferencedColumns>
inline constexpr bool foreign_key_references_as_many_columns = false;
template <class Column, class ColumnType, class ReferencedColumn, class ReferencedType>
inline constexpr bool foreign_key_column_type_matches = false;
}  // namespace rule

namespace detail {
template <class... Columns>
constexpr bool columns_of_one_table() {
    if constexpr (!(table_column<Columns> && ...)) {
        static_assert(rule::foreign_key_lists_columns<type_list<Columns...>>,
                      "ctql: foreign_key(...) and .references(...) take columns, such as "
                      "foreign_key(lines.order_id).references(orders.id)");
        return false;
    } else if constexpr (union_t<type_list<typename Columns::table...>>::size != 1) {
        static_assert(rule::foreign_key_columns_of_one_table<type_list<Columns...>>,
                      "ctql: the columns of a foreign key, and the columns it references, each belong to one table");
        return false;
    } else {
        return true;
    }
}

template <class Column, class Referenced>
constexpr bool same_key_type() {
    if constexpr (kind_of_v<typename Column::value_type> != kind_of_v<typename Referenced::value_type>) {
        static_assert(rule::foreign_key_column_type_matches<Column, sql_type_of<Column>, Referenced, sql_type_of<Referenced>>,
                      "ctql: a foreign key column has another SQL type than the column it references");
        return false;
    } else {
        return true;
    }
}

template <class Columns, class Referenced, referential_action OnDelete = referential_action::unspecified,
          referential_action OnUpdate = referential_action::unspecified>
struct foreign_key_constraint;
template <class... Columns, class... Referenced, referential_action OnDelete, referential_action OnUpdate>
struct foreign_key_constraint<type_list<Columns...>, type_list<Referenced...>, OnDelete, OnUpdate> {
    using table = typename nth_t<0, type_list<Columns...>>::table;
    using referenced_table = typename nth_t<0, type_list<Referenced...>>::table;
    using columns = type_list<Columns...>;
    using referenced_columns = type_list<Referenced...>;
    static constexpr referential_action on_delete_action = OnDelete;
    static constexpr referential_action on_update_action = OnUpdate;

    template <referential_action Action>
    constexpr foreign_key_constraint<columns, referenced_columns, Action, OnUpdate> on_delete(
        referential_action_t<Action>) const {
        static_assert(OnDelete == referential_action::unspecified, "ctql: this foreign key already says what ON DELETE does");
        return {};
    }
    template <referential_action Action>
    constexpr foreign_key_constraint<columns, referenced_columns, OnDelete, Action> on_update(
        referential_action_t<Action>) const {
        static_assert(OnUpdate == referential_action::unspecified, "ctql: this foreign key already says what ON UPDATE does");
        return {};
    }

    template <class Source, class Writer>
    static constexpr void render_definition(Writer& w) {
        w.put("FOREIGN KEY ");
        render_column_list<Writer, Columns...>(w);
        w.put(" REFERENCES ");
        w.identifier(referenced_table::ctql_sql_name.view());
        w.put(' ');
        render_column_list<Writer, Referenced...>(w);
        render_referential_actions<OnDelete, OnUpdate>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <class... Columns>
struct foreign_key_columns {
    template <class... Referenced>
        requires(sizeof...(Referenced) > 0)
    constexpr auto references(const Referenced&...) const {
        if constexpr (!columns_of_one_table<Referenced...>()) {
            return invalid_constraint{};
        } else if constexpr (sizeof...(Referenced) != sizeof...(Columns)) {
            static_assert(rule::foreign_key_references_as_many_columns<type_list<Columns...>, type_list<Referenced...>>,
                          "ctql: a foreign key references as many columns as it has, in the same order");
            return invalid_constraint{};
        } else if constexpr (!(same_key_type<Columns, Referenced>() && ...)) {
            return invalid_constraint{};
        } else {
            return foreign_key_constraint<type_list<Columns...>, type_list<Referenced...>>{};
        }
    }
};
}  // namespace detail

template <class... Columns>
    requires(sizeof...(Columns) > 0)
constexpr detail::foreign_key_columns<Columns...> foreign_key(const Columns&...) {
    static_assert(detail::columns_of_one_table<Columns...>());
    return {};
}

}  // namespace ctql
