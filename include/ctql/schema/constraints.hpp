// SPDX-License-Identifier: MIT
#pragma once
// Column constraints, written as values in CTQL_TABLE:
//   (id, std::int64_t, ctql::primary_key)
//   (score, double, ctql::default_value<0>)
//   (user_id, std::int64_t, ctql::references<users.id>)
//   (user_id, std::int64_t, ctql::references<users.id>.on_delete(ctql::cascade))
//   (created, ctql::timestamp, ctql::default_value<ctql::current_timestamp()>)
// Constraints over several columns are declared next to the table, with
// CTQL_TABLE_CONSTRAINTS (schema/table_constraints.hpp).
#include <string_view>
#include <type_traits>

#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>

namespace ctql {

namespace detail {
template <class T>
concept table_column = requires {
    typename T::table;
    typename T::value_type;
    T::ctql_sql_name;
};

// `("a", "b")`: the columns of a key, unqualified, in parentheses.
template <class Writer, class... Columns>
constexpr void render_column_list(Writer& w) {
    bool first = true;
    ((w.put(first ? "(" : ", "), Columns::render_unqualified(w), first = false), ...);
    w.put(')');
}

// A table-level PRIMARY KEY (Primary) or UNIQUE constraint over Columns.
template <bool Primary, class... Columns>
struct key_constraint {
    using table = typename nth_t<0, type_list<Columns...>>::table;
    using key_columns = type_list<Columns...>;
    static constexpr bool is_primary_key = Primary;

    template <class Source, class Writer>
    static constexpr void render_definition(Writer& w) {
        w.put(Primary ? "PRIMARY KEY " : "UNIQUE ");
        render_column_list<Writer, Columns...>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};
}  // namespace detail

namespace rule {
template <class Argument>
inline constexpr bool key_lists_columns = false;
template <class FirstColumn, class OtherColumn>
inline constexpr bool key_columns_of_one_table = false;
template <class Column>
inline constexpr bool key_column_listed_once = false;
template <class Column, class ValueType>
inline constexpr bool primary_key_column_not_nullable = false;
}  // namespace rule

namespace detail {
template <bool Primary, class First, class... Columns>
constexpr bool check_key_columns() {
    if constexpr (!(table_column<First> && ... && table_column<Columns>)) {
        static_assert(rule::key_lists_columns<type_list<First, Columns...>>,
                      "ctql: primary_key(...) and unique(...) take columns of the table, such as "
                      "ctql::primary_key(order_items.order_id, order_items.product_id)");
        return false;
    } else if constexpr (!(std::is_same_v<typename First::table, typename Columns::table> && ...)) {
        static_assert(rule::key_columns_of_one_table<First, type_list<Columns...>>,
                      "ctql: the columns of a primary key or unique constraint must all belong to one table");
        return false;
    } else if constexpr (((contains_v<Columns, type_list<First>> ? 1 : 0) + ... + 0) != 0) {
        static_assert(rule::key_column_listed_once<First>, "ctql: a column is listed twice in one key");
        return false;
    } else if constexpr (Primary && (is_nullable_v<typename First::value_type> || ... ||
                                     is_nullable_v<typename Columns::value_type>)) {
        static_assert(rule::primary_key_column_not_nullable<First, type_list<Columns...>>,
                      "ctql: a primary key column cannot be NULL: declare its columns without std::optional");
        return false;
    } else if constexpr (sizeof...(Columns) == 0) {
        return true;
    } else {
        return check_key_columns<Primary, Columns...>();
    }
}
}  // namespace detail

// In CTQL_TABLE, `ctql::primary_key` marks one column; called with columns in
// CTQL_TABLE_CONSTRAINTS, `ctql::primary_key(t.a, t.b)` is a key over them all.
struct primary_key_t {
    template <class... Columns>
        requires(sizeof...(Columns) > 0)
    constexpr detail::key_constraint<true, Columns...> operator()(const Columns&...) const {
        static_assert(detail::check_key_columns<true, Columns...>());
        return {};
    }
};
inline constexpr primary_key_t primary_key{};

// The same for a column's UNIQUE and `ctql::unique(t.a, t.b)`.
struct unique_t {
    template <class... Columns>
        requires(sizeof...(Columns) > 0)
    constexpr detail::key_constraint<false, Columns...> operator()(const Columns&...) const {
        static_assert(detail::check_key_columns<false, Columns...>());
        return {};
    }
};
inline constexpr unique_t unique{};

// Integers, booleans and fixed_string text ("..."); clang 14 cannot take
// floating-point template arguments, so real defaults are written as integers.
// An expression without columns is a default computed on insert:
// default_value<ctql::current_timestamp()>, default_value<ctql::current_date()>.
template <auto Value>
struct default_value_t {
    static constexpr auto value = Value;
};
template <auto Value>
inline constexpr default_value_t<Value> default_value{};

// What a foreign key does to the referencing rows when the row they reference
// is deleted (on_delete) or its key changes (on_update). Without one the
// database's default applies, which is no_action on both.
enum class referential_action { unspecified, cascade, set_null, set_default, restrict, no_action };

template <referential_action Action>
struct referential_action_t {
    static constexpr referential_action value = Action;
};
inline constexpr referential_action_t<referential_action::cascade> cascade{};
inline constexpr referential_action_t<referential_action::set_null> set_null{};
inline constexpr referential_action_t<referential_action::set_default> set_default{};
inline constexpr referential_action_t<referential_action::restrict> restrict{};
inline constexpr referential_action_t<referential_action::no_action> no_action{};

template <auto Column, referential_action OnDelete = referential_action::unspecified,
          referential_action OnUpdate = referential_action::unspecified>
struct references_t {
    using column = std::remove_cvref_t<decltype(Column)>;
    static constexpr referential_action on_delete_action = OnDelete;
    static constexpr referential_action on_update_action = OnUpdate;

    template <referential_action Action>
    constexpr references_t<Column, Action, OnUpdate> on_delete(referential_action_t<Action>) const {
        static_assert(OnDelete == referential_action::unspecified, "ctql: this reference already says what ON DELETE does");
        return {};
    }
    template <referential_action Action>
    constexpr references_t<Column, OnDelete, Action> on_update(referential_action_t<Action>) const {
        static_assert(OnUpdate == referential_action::unspecified, "ctql: this reference already says what ON UPDATE does");
        return {};
    }
};
template <auto Column>
inline constexpr references_t<Column> references{};

namespace detail {
constexpr std::string_view referential_action_sql(referential_action action) {
    switch (action) {
        case referential_action::cascade: return "CASCADE";
        case referential_action::set_null: return "SET NULL";
        case referential_action::set_default: return "SET DEFAULT";
        case referential_action::restrict: return "RESTRICT";
        case referential_action::no_action: return "NO ACTION";
        case referential_action::unspecified: break;
    }
    return "";
}
template <referential_action OnDelete, referential_action OnUpdate, class Writer>
constexpr void render_referential_actions(Writer& w) {
    if constexpr (OnDelete != referential_action::unspecified) {
        w.put(" ON DELETE ");
        w.put(referential_action_sql(OnDelete));
    }
    if constexpr (OnUpdate != referential_action::unspecified) {
        w.put(" ON UPDATE ");
        w.put(referential_action_sql(OnUpdate));
    }
}
}  // namespace detail

// A column whose values never appear in logs (passwords, tokens).
struct secret_t {};
inline constexpr secret_t secret{};

// PostgreSQL TIMESTAMPTZ instead of TIMESTAMP for a timestamp column.
struct with_time_zone_t {};
inline constexpr with_time_zone_t with_time_zone{};

namespace detail {
template <class... Constraints>
constexpr type_list<std::remove_cvref_t<Constraints>...> constraint_list(const Constraints&...) {
    return {};
}

template <class C>
inline constexpr bool is_default_v = false;
template <auto V>
inline constexpr bool is_default_v<default_value_t<V>> = true;

template <class C>
inline constexpr bool is_reference_v = false;
template <auto V, referential_action D, referential_action U>
inline constexpr bool is_reference_v<references_t<V, D, U>> = true;

template <class List>
struct find_default {
    using type = void;
};
template <class C, class... Cs>
struct find_default<type_list<C, Cs...>> {
    using type = std::conditional_t<is_default_v<C>, C, typename find_default<type_list<Cs...>>::type>;
};
template <class List>
struct find_reference {
    using type = void;
};
template <class C, class... Cs>
struct find_reference<type_list<C, Cs...>> {
    using type = std::conditional_t<is_reference_v<C>, C, typename find_reference<type_list<Cs...>>::type>;
};
}  // namespace detail

}  // namespace ctql
