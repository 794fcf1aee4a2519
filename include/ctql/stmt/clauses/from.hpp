// SPDX-License-Identifier: MIT
#pragma once
// FROM and its joins.
//   select(...).from(users)
//       .join(orders).on(orders.user_id == users.id)        // also left_join, right_join, full_join
//       .cross_join(regions)
// Columns of a table on the outer side of a join decode as std::optional.
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/checks.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

namespace join_kind {
// `nullable_left`: the tables joined before may be missing (so NULL) in a row;
// `nullable_right`: the joined table may be.
struct inner { static constexpr std::string_view text = " JOIN "; static constexpr bool nullable_left = false, nullable_right = false; };
struct left { static constexpr std::string_view text = " LEFT JOIN "; static constexpr bool nullable_left = false, nullable_right = true; };
struct right { static constexpr std::string_view text = " RIGHT JOIN "; static constexpr bool nullable_left = true, nullable_right = false; };
struct full { static constexpr std::string_view text = " FULL JOIN "; static constexpr bool nullable_left = true, nullable_right = true; };
struct cross { static constexpr std::string_view text = " CROSS JOIN "; static constexpr bool nullable_left = false, nullable_right = false; };
}  // namespace join_kind

namespace detail {
// A table as FROM and JOIN name it: "users", "users" AS "u" for an alias,
// (SELECT ...) AS "d" for a derived table.
template <class Table, class Writer>
constexpr void render_table_reference(Writer& w) {
    if constexpr (requires { Table::render_reference(w); }) Table::render_reference(w);
    else w.identifier(Table::ctql_sql_name.view());
}

// A derived table carries the bound values of its query.
template <class Table, class Visitor>
constexpr void table_values(const Table& table, Visitor& visit) {
    if constexpr (requires { table.each_value(visit); }) table.each_value(visit);
}

template <class Table>
struct table_params {
    using type = type_list<>;
};
template <class Table>
    requires requires { typename Table::params; }
struct table_params<Table> {
    using type = typename Table::params;
};
template <class Table>
using table_params_t = typename table_params<Table>::type;

// CROSS JOIN has no condition.
struct no_join_condition : leaf_traits<no_join_condition> {
    using value_type = bool;
    template <class Writer>
    static constexpr void render(Writer&) {}
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};
}  // namespace detail

template <class Kind, table_type Table, class Condition>
struct join_item {
    using kind = Kind;
    using table = Table;
    using tables = typename Condition::tables;
    using params = detail::concat_t<detail::table_params_t<Table>, typename Condition::params>;
    Table joined_table;
    Condition condition;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Kind::text);
        detail::render_table_reference<Table>(w);
        if constexpr (!std::is_same_v<Condition, detail::no_join_condition>) {
            w.put(" ON ");
            render::node<Condition>(w);
        }
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        detail::table_values(joined_table, visit);
        condition.each_value(visit);
    }
};

namespace detail {
// The tables of FROM whose columns may be NULL in a row, join by join.
template <class Before, class Nullable, class... Joins>
struct outer_tables {
    using type = Nullable;
};
template <class... Before, class Nullable, class Join, class... Joins>
struct outer_tables<type_list<Before...>, Nullable, Join, Joins...> {
    using kind = typename Join::kind;
    using after_left = std::conditional_t<kind::nullable_left, union_t<Nullable, type_list<Before...>>, Nullable>;
    using after_right =
        std::conditional_t<kind::nullable_right, union_t<after_left, type_list<typename Join::table>>, after_left>;
    using type = typename outer_tables<type_list<Before..., typename Join::table>, after_right, Joins...>::type;
};

template <class Statement, class Kind, class Table>
struct pending_join;
}  // namespace detail

template <table_type Table, class... Joins>
struct from_clause : detail::clause_defaults {
    using slot = detail::from_slot;
    // The tables FROM and JOIN bring into the statement.
    using provided = detail::type_list<Table, typename Joins::table...>;
    // The tables the ON conditions read.
    using tables = detail::union_t<typename Joins::tables...>;
    using params = detail::concat_t<detail::table_params_t<Table>, typename Joins::params...>;
    using nullable_tables = typename detail::outer_tables<detail::type_list<Table>, detail::type_list<>, Joins...>::type;

    Table table;
    detail::value_list<Joins...> joins;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(" FROM ");
        detail::render_table_reference<Table>(w);
        (render::node<Joins>(w), ...);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        detail::table_values(table, visit);
        joins.for_each([&](const auto& join) { join.each_value(visit); });
    }

    template <class Kind, class Joined, class Condition>
    constexpr auto joined(const Joined& joined_table, const Condition& condition) const {
        static_assert(!detail::contains_v<Joined, provided>,
                      "ctql: this table is already in FROM or JOIN; to use it twice, give each use its own name "
                      "with ctql::alias");
        using join = join_item<Kind, Joined, Condition>;
        return from_clause<Table, Joins..., join>{{}, table, detail::append_value(joins, join{joined_table, condition})};
    }

    template <class Statement>
    struct methods {
        template <table_type T>
        constexpr auto join(const T& table) const {
            return detail::pending_join<Statement, join_kind::inner, T>{static_cast<const Statement&>(*this), table};
        }
        template <table_type T>
        constexpr auto left_join(const T& table) const {
            return detail::pending_join<Statement, join_kind::left, T>{static_cast<const Statement&>(*this), table};
        }
        template <table_type T>
        constexpr auto right_join(const T& table) const {
            return detail::pending_join<Statement, join_kind::right, T>{static_cast<const Statement&>(*this), table};
        }
        template <table_type T>
        constexpr auto full_join(const T& table) const {
            return detail::pending_join<Statement, join_kind::full, T>{static_cast<const Statement&>(*this), table};
        }
        template <table_type T>
        constexpr auto cross_join(const T& table) const {
            const auto& statement = static_cast<const Statement&>(*this);
            return statement.replace(statement.template clause<detail::from_slot>()
                                         .template joined<join_kind::cross>(table, detail::no_join_condition{}));
        }
        template <table_type T>
        constexpr void from(const T&) const {
            static_assert(detail::always_false<T>,
                          "ctql: this select already has a FROM clause; add more tables with .join()");
        }
    };
};

struct no_from : detail::clause_defaults {
    using slot = detail::from_slot;
    using provided = detail::type_list<>;
    using nullable_tables = detail::type_list<>;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <table_type T>
        constexpr auto from(const T& table) const {
            return static_cast<const Statement&>(*this).replace(from_clause<T>{{}, table, {}});
        }
    };
};

namespace detail {
// `.join(t)` waiting for its `.on(condition)`.
template <class Statement, class Kind, class Table>
struct pending_join {
    Statement statement;
    Table table;

    // ON reads the tables joined so far, this one included.
    template <sql_expression Condition>
    constexpr auto on(const Condition& condition) const {
        using from = typename Statement::template clause_t<from_slot>;
        static_assert(check_row_condition<Condition>());
        static_assert(tables_available<Condition, concat_t<typename from::provided, type_list<Table>>>());
        return statement.replace(statement.template clause<from_slot>().template joined<Kind>(table, condition));
    }
};
}  // namespace detail

}  // namespace ctql
