// SPDX-License-Identifier: MIT
#pragma once
// What SQLite cannot store (arrays), refused when a statement that creates or
// reads such a column is run: the diagnostic is then a few lines from the
// call, instead of deep inside the statement's rendering or row decoding
// (which check it too, for the paths that do not come through here).
#include <type_traits>
#include <utility>

#include <ctql/core/type_list.hpp>
#include <ctql/dialect/sqlite.hpp>
#include <ctql/result/row.hpp>
#include <ctql/stmt/ddl/alter_table.hpp>
#include <ctql/stmt/ddl/create_table.hpp>

namespace ctql::sqlite::detail {

template <class Statement>
struct created_columns {
    using type = ctql::detail::type_list<>;
};
template <class Table, bool IfNotExists>
struct created_columns<create_table_statement<Table, IfNotExists>> {
    using type = typename Table::ctql_columns;
};
template <class Column>
struct created_columns<add_column_statement<Column>> {
    using type = ctql::detail::type_list<Column>;
};

template <class Row>
struct read_types {
    using type = ctql::detail::type_list<Row>;
};
template <>
struct read_types<void> {
    using type = ctql::detail::type_list<>;
};
template <class... Fields>
struct read_types<row<Fields...>> {
    using type = ctql::detail::type_list<std::remove_cvref_t<decltype(std::declval<const Fields&>().ctql_ref())>...>;
};

template <class... Columns, class... Read>
constexpr bool storable(ctql::detail::type_list<Columns...>, ctql::detail::type_list<Read...>) {
    return (ctql::dialect::sqlite::check_storable<typename Columns::value_type>() && ...) &&
           (ctql::dialect::sqlite::check_storable<Read>() && ...);
}

// Whether SQLite can hold every column the statement creates and reads.
template <class Statement>
constexpr bool check_storable_statement() {
    return storable(typename created_columns<Statement>::type{},
                    typename read_types<typename Statement::result_row>::type{});
}

}  // namespace ctql::sqlite::detail
