// SPDX-License-Identifier: MIT
#pragma once
// CREATE TABLE and DROP TABLE, rendered from the schema: the columns of
// CTQL_TABLE, then the table-level constraints of CTQL_TABLE_CONSTRAINTS
// (its indexes are statements of their own: stmt/ddl/index.hpp).
//
//   create_table(users)                    CREATE TABLE IF NOT EXISTS "users" (...)
//   create_table(users).must_not_exist()   CREATE TABLE "users" (...): an error if it exists
//   drop_table(users)                      DROP TABLE IF EXISTS "users"
//   drop_table(users).must_exist()         DROP TABLE "users": an error if it does not exist
//
// Creating a table checks what could not be checked where it was declared:
// each foreign key references a key of its table (which may be declared
// later than the table referencing it, or be the table itself).
#include <cstddef>
#include <type_traits>
#include <utility>

#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/schema/column_definition.hpp>
#include <ctql/schema/keys.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/schema/table_constraints.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace rule {
template <class Table, class Columns, class ReferencedTable, class ReferencedColumns>
inline constexpr bool foreign_key_references_a_key = false;
template <class Table, class Columns>
inline constexpr bool set_null_only_on_nullable_columns = false;
template <class Column, class DefaultExpression>
inline constexpr bool default_expression_reads_no_column = false;
template <class Column, class ColumnType, class DefaultExpression, class DefaultType>
inline constexpr bool default_expression_has_column_type = false;
template <class Alias>
inline constexpr bool ddl_of_a_table_not_an_alias = false;
}  // namespace rule

namespace detail {
template <class Table, class Columns>
inline constexpr bool is_key_list_v = false;
template <class Table, class... Columns>
inline constexpr bool is_key_list_v<Table, type_list<Columns...>> = is_unique_key_v<Table, Columns...>;

template <class Columns>
inline constexpr bool all_columns_nullable_v = false;
template <class... Columns>
inline constexpr bool all_columns_nullable_v<type_list<Columns...>> = (is_nullable_v<typename Columns::value_type> && ...);

// A column's ctql::references<...>, seen as the one-column foreign key it declares.
template <class Column, class Reference = typename Column::reference_constraint>
struct column_foreign_key {
    using columns = type_list<Column>;
    using referenced_columns = type_list<typename Reference::column>;
    static constexpr referential_action on_delete_action = Reference::on_delete_action;
    static constexpr referential_action on_update_action = Reference::on_update_action;
};
template <class Column>
struct column_foreign_key<Column, void> {};

// A column's reference or a table constraint; true for one that is not a
// foreign key. Called straight from table_definition_check, so that a failed
// rule's diagnostic has a short instantiation chain.
template <class Table, class ForeignKey>
constexpr bool check_foreign_key() {
    if constexpr (!requires { typename ForeignKey::referenced_columns; }) {
        return true;
    } else {
        using columns = typename ForeignKey::columns;
        using referenced = typename ForeignKey::referenced_columns;
        using referenced_table = typename nth_t<0, referenced>::table;
        if constexpr (!is_key_list_v<referenced_table, referenced>) {
            static_assert(rule::foreign_key_references_a_key<Table, columns, referenced_table, referenced>,
                          "ctql: a foreign key must reference the primary key or a unique key of the referenced "
                          "table, and these columns are not one: make them its primary key or unique there (a "
                          "column's ctql::primary_key / ctql::unique, or ctql::primary_key(...) / ctql::unique(...) "
                          "/ a unique index without WHERE in its CTQL_TABLE_CONSTRAINTS)");
            return false;
        } else if constexpr ((ForeignKey::on_delete_action == referential_action::set_null ||
                              ForeignKey::on_update_action == referential_action::set_null) &&
                             !all_columns_nullable_v<columns>) {
            static_assert(rule::set_null_only_on_nullable_columns<Table, columns>,
                          "ctql: a foreign key with ctql::set_null sets its columns to NULL, and they are NOT NULL: "
                          "declare them std::optional, or choose another action");
            return false;
        } else {
            return true;
        }
    }
}

template <class ColumnType, class E>
constexpr bool default_fits() {
    if constexpr (is_null_expression_v<E>) return is_nullable_v<ColumnType>;
    else return kinds_assignable(kind_of_v<ColumnType>, expr_kind_v<E>);
}

template <class Column, class E>
constexpr bool check_default_expression() {
    using column_type = typename Column::value_type;
    if constexpr (!std::is_same_v<typename E::tables, type_list<>> || !std::is_same_v<typename E::params, type_list<>>) {
        static_assert(rule::default_expression_reads_no_column<Column, E>,
                      "ctql: a default computed by an expression reads no column and no parameter, such as "
                      "ctql::default_value<ctql::current_timestamp()>");
        return false;
    } else if constexpr (!default_fits<column_type, E>()) {
        static_assert(rule::default_expression_has_column_type<Column, sql_type_of<Column>, E, sql_type_of<E>>,
                      "ctql: a column's default has another SQL type than the column");
        return false;
    } else {
        return true;
    }
}

template <class Column>
constexpr bool check_column_default() {
    using default_constraint = typename Column::default_constraint;
    if constexpr (!std::is_void_v<default_constraint>) {
        using value_t = std::remove_cvref_t<decltype(default_constraint::value)>;
        if constexpr (sql_expression<value_t>) return check_default_expression<Column, value_t>();
    }
    return true;
}

template <class Table, class Columns, class Constraints>
struct table_definition_check;
template <class Table, class... Columns, class... Constraints>
struct table_definition_check<Table, type_list<Columns...>, type_list<Constraints...>> {
    static constexpr bool value = (check_foreign_key<Table, column_foreign_key<Columns>>() && ...) &&
                                  (check_column_default<Columns>() && ...) &&
                                  (check_foreign_key<Table, Constraints>() && ...);
};

// Whether Table may be created as declared; a static_assert says why not.
template <class Table>
constexpr bool check_table_definition() {
    if constexpr (requires { typename Table::ctql_source; }) {
        static_assert(rule::ddl_of_a_table_not_an_alias<Table>,
                      "ctql: an alias is another name for a table in a query: create, drop and index the table itself");
        return false;
    } else {
        return table_definition_check<Table, typename Table::ctql_columns, table_constraint_types_t<Table>>::value;
    }
}

template <class Table, std::size_t I, class Constraint, class Writer>
constexpr void render_table_constraint(Writer& w) {
    if constexpr (!is_index_v<Constraint>) {
        w.put(", ");
        Constraint::template render_definition<table_constraint_source<Table, I>>(w);
    }
}
template <class Table, class Writer, std::size_t... I>
constexpr void render_table_constraints(Writer& w, std::index_sequence<I...>) {
    (render_table_constraint<Table, I, nth_t<I, table_constraint_types_t<Table>>>(w), ...);
}
}  // namespace detail

template <table_type Table, bool IfNotExists = true>
struct create_table_statement : statement_base<create_table_statement<Table, IfNotExists>> {
    using result_row = void;
    using params = detail::type_list<>;
    using table = Table;
    static constexpr bool creates = true;
    using unconditional = create_table_statement<Table, false>;
    static constexpr bool check() { return detail::check_table_definition<Table>(); }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(IfNotExists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ");
        w.identifier(Table::ctql_sql_name.view());
        w.put(" (");
        detail::column_definitions<typename Table::ctql_columns>::render(w);
        detail::render_table_constraints<Table>(
            w, std::make_index_sequence<detail::table_constraint_types_t<Table>::size>{});
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}

    // Plain CREATE TABLE, which fails when the table exists.
    constexpr unconditional must_not_exist() const { return {}; }
};

template <table_type Table, bool IfExists = true>
struct drop_table_statement : statement_base<drop_table_statement<Table, IfExists>> {
    using result_row = void;
    using params = detail::type_list<>;
    using table = Table;
    static constexpr bool creates = false;
    using unconditional = drop_table_statement<Table, false>;
    static constexpr bool check() { return true; }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(IfExists ? "DROP TABLE IF EXISTS " : "DROP TABLE ");
        w.identifier(Table::ctql_sql_name.view());
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}

    // Plain DROP TABLE, which fails when the table does not exist.
    constexpr unconditional must_exist() const { return {}; }
};

template <table_type Table>
constexpr create_table_statement<Table> create_table(const Table&) {
    static_assert(detail::check_table_definition<Table>());
    return {};
}
template <table_type Table>
constexpr drop_table_statement<Table> drop_table(const Table&) {
    return {};
}

}  // namespace ctql
