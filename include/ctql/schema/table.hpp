// SPDX-License-Identifier: MIT
#pragma once
// CTQL_TABLE declares a table type and its constexpr instance:
//
//   CTQL_TABLE(users,
//       (id,    std::int64_t,               ctql::primary_key),
//       (name,  std::string),
//       (email, std::optional<std::string>, ctql::unique));
//
// expands to `struct users_t` with one member per column (`users.name`) and
// `inline constexpr users_t users{}`. Names beginning with `ctql_` are reserved.
//
// The same table under another name, for a self-join or a table used twice:
//   constexpr auto manager = ctql::alias<"manager">(employees);
//   select(employees.name, manager.name).from(employees)
//       .left_join(manager).on(employees.manager_id == manager.id)
// An alias is a table type of its own (users_t::ctql_aliased<...>), with the
// same columns: its columns render "manager"."name", and FROM/JOIN renders
// "employees" AS "manager".
#include <string_view>
#include <type_traits>
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/schema/column.hpp>
#include <ctql/schema/constraints.hpp>
#include <ctql/schema/detail/for_each.hpp>

namespace ctql {

namespace detail {
struct table_tag {};
}  // namespace detail

template <class T>
concept table_type = std::is_base_of_v<detail::table_tag, std::remove_cvref_t<T>>;

namespace detail {
template <fixed_string Name>
struct alias_name {
    static constexpr fixed_string ctql_sql_name = Name;
};
}  // namespace detail

// The table `t` under the name `Name` (SQL: t AS "Name").
template <fixed_string Name, table_type Table>
    requires requires { typename Table::template ctql_aliased<detail::alias_name<Name>>; }
constexpr auto alias(const Table&) {
    static_assert(!requires { typename Table::ctql_source; },
                  "ctql: alias() of an alias: alias the table itself, as often as it is needed");
    return typename Table::template ctql_aliased<detail::alias_name<Name>>{};
}

}  // namespace ctql

#define CTQL_DETAIL_COLUMN_DEFINE(table_type, column_name, value_type, ...)                                  \
    struct column_name##_column                                                                              \
        : ::ctql::column<table_type, column_name##_column, value_type,                                       \
                         decltype(::ctql::detail::constraint_list(__VA_ARGS__))> {                           \
        using ctql_base = ::ctql::column<table_type, column_name##_column, value_type,                       \
                                         decltype(::ctql::detail::constraint_list(__VA_ARGS__))>;            \
        using ctql_base::operator=;                                                                          \
        static constexpr ::ctql::fixed_string ctql_sql_name{#column_name};                                   \
        template <class V>                                                                                   \
        struct row_member {                                                                                  \
            using ctql_source = column_name##_column;                                                        \
            static constexpr ::std::string_view ctql_name{#column_name};                                     \
            V column_name;                                                                                   \
            constexpr V& ctql_ref() { return column_name; }                                                  \
            constexpr const V& ctql_ref() const { return column_name; }                                      \
        };                                                                                                   \
    };                                                                                                       \
    column_name##_column column_name{};

#define CTQL_DETAIL_COLUMN(table_type, spec) CTQL_DETAIL_APPLY(CTQL_DETAIL_COLUMN_DEFINE, table_type, CTQL_DETAIL_STRIP spec)
#define CTQL_DETAIL_COLUMN_TYPE_OF(column_name, ...) column_name##_column
#define CTQL_DETAIL_COLUMN_TYPE(table_type, spec) CTQL_DETAIL_APPLY(CTQL_DETAIL_COLUMN_TYPE_OF, CTQL_DETAIL_STRIP spec)

#define CTQL_TABLE(table_name, ...)                                                                       \
    struct table_name##_t : ::ctql::detail::table_tag {                                                   \
        static constexpr ::ctql::fixed_string ctql_sql_name{#table_name};                                 \
        CTQL_DETAIL_FOR_EACH(CTQL_DETAIL_COLUMN, table_name##_t, __VA_ARGS__)                             \
        using ctql_columns =                                                                              \
            ::ctql::detail::type_list<CTQL_DETAIL_FOR_EACH_COMMA(CTQL_DETAIL_COLUMN_TYPE, table_name##_t, \
                                                                 __VA_ARGS__)>;                           \
        template <class ctql_alias_name>                                                                  \
        struct ctql_aliased : ::ctql::detail::table_tag {                                                 \
            using ctql_source = table_name##_t;                                                           \
            static constexpr auto ctql_sql_name = ctql_alias_name::ctql_sql_name;                         \
            template <class ctql_writer>                                                                  \
            static constexpr void render_reference(ctql_writer& w) {                                      \
                w.identifier(#table_name);                                                                \
                w.put(" AS ");                                                                            \
                w.identifier(ctql_sql_name.view());                                                       \
            }                                                                                             \
            CTQL_DETAIL_FOR_EACH(CTQL_DETAIL_COLUMN, ctql_aliased, __VA_ARGS__)                           \
            using ctql_columns =                                                                          \
                ::ctql::detail::type_list<CTQL_DETAIL_FOR_EACH_COMMA(CTQL_DETAIL_COLUMN_TYPE, ctql_aliased, \
                                                                     __VA_ARGS__)>;                       \
        };                                                                                                \
    };                                                                                                    \
    inline constexpr table_name##_t table_name {}
