// SPDX-License-Identifier: MIT
#pragma once
// CREATE INDEX and DROP INDEX for the indexes declared in CTQL_TABLE_CONSTRAINTS:
//
//   create_index<"ix_qty">(order_items)      CREATE INDEX IF NOT EXISTS "ix_qty" ON "order_items" ("qty") ...
//   create_index<"ix_qty">(order_items).must_not_exist()
//   drop_index<"ix_qty">(order_items)        DROP INDEX IF EXISTS "ix_qty"
//   drop_index<"ix_qty">(order_items).must_exist()
//   create_indexes(order_items)              every index of the table, as a ddl_script
//
// create_all() creates each table's indexes after the table.
#include <cstddef>
#include <string_view>
#include <utility>

#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/schema/table_constraints.hpp>
#include <ctql/stmt/ddl/create_table.hpp>
#include <ctql/stmt/ddl/script.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace rule {
template <class Table, class IndexName>
inline constexpr bool table_has_index = false;
}  // namespace rule

namespace detail {
template <class Table, fixed_string Name>
constexpr std::size_t index_position() {
    using types = table_constraint_types_t<Table>;
    constexpr std::size_t n = types::size;
    constexpr std::size_t found = []<std::size_t... I>(std::index_sequence<I...>) {
        std::size_t at = n;
        ((at == n && index_name_view<nth_t<I, types>>() == Name.view() && is_index_v<nth_t<I, types>> ? at = I : at),
         ...);
        return at;
    }(std::make_index_sequence<n>{});
    static_assert(found != n || rule::table_has_index<Table, ctql::name_of<Name>>,
                  "ctql: the table has no index of this name: declare it with ctql::index<\"name\">(...) in the "
                  "table's CTQL_TABLE_CONSTRAINTS");
    return found;
}
}  // namespace detail

template <table_type Table, std::size_t I, bool IfNotExists = true>
struct create_index_statement : statement_base<create_index_statement<Table, I, IfNotExists>> {
    using result_row = void;
    using params = detail::type_list<>;
    using table = Table;
    using index = detail::nth_t<I, detail::table_constraint_types_t<Table>>;
    static constexpr bool creates = true;
    using unconditional = create_index_statement<Table, I, false>;
    static constexpr bool check() { return detail::check_table_definition<Table>(); }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(index::is_unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
        if constexpr (IfNotExists) w.put("IF NOT EXISTS ");
        index::template render_target<detail::table_constraint_source<Table, I>>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}

    // Plain CREATE INDEX, which fails when an index of that name exists.
    constexpr unconditional must_not_exist() const { return {}; }
};

template <table_type Table, std::size_t I, bool IfExists = true>
struct drop_index_statement : statement_base<drop_index_statement<Table, I, IfExists>> {
    using result_row = void;
    using params = detail::type_list<>;
    using table = Table;
    using index = detail::nth_t<I, detail::table_constraint_types_t<Table>>;
    static constexpr bool creates = false;
    using unconditional = drop_index_statement<Table, I, false>;
    static constexpr bool check() { return true; }

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(IfExists ? "DROP INDEX IF EXISTS " : "DROP INDEX ");
        w.identifier(index::index_name.view());
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}

    // Plain DROP INDEX, which fails when there is no index of that name.
    constexpr unconditional must_exist() const { return {}; }
};

template <fixed_string Name, table_type Table>
constexpr auto create_index(const Table&) {
    return create_index_statement<Table, detail::index_position<Table, Name>()>{};
}
template <fixed_string Name, table_type Table>
constexpr auto drop_index(const Table&) {
    return drop_index_statement<Table, detail::index_position<Table, Name>()>{};
}

namespace detail {
template <class Table, std::size_t I>
constexpr auto index_statement_at() {
    if constexpr (is_index_v<nth_t<I, table_constraint_types_t<Table>>>) return type_list<create_index_statement<Table, I>>{};
    else return type_list<>{};
}
template <class Table, std::size_t... I>
constexpr auto index_statements(std::index_sequence<I...>) {
    return concat_t<decltype(index_statement_at<Table, I>())...>{};
}
// create_index_statement for each index of Table, in declaration order.
template <class Table>
using index_statements_t =
    decltype(index_statements<Table>(std::make_index_sequence<table_constraint_types_t<Table>::size>{}));

template <class List>
struct script_of;
template <class... Statements>
struct script_of<type_list<Statements...>> {
    using type = ddl_script<Statements...>;
};
}  // namespace detail

template <table_type Table>
constexpr auto create_indexes(const Table&) {
    static_assert(detail::check_table_definition<Table>());
    return typename detail::script_of<detail::index_statements_t<Table>>::type{};
}

}  // namespace ctql
