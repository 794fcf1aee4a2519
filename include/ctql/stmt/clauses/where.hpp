// SPDX-License-Identifier: MIT
#pragma once
// WHERE condition.
//   select(...).from(t).where(c)          optional in a select
//   update(t).set(...).where(c)           update and delete need .where(c),
//   delete_from(t).where(c)               or .all_rows() to touch every row on purpose
#include <ctql/core/type_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/stmt/checks.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

template <class Condition>
struct where_clause : detail::condition_clause<Condition, " WHERE "> {
    using slot = detail::where_slot;

    template <class Statement>
    struct methods {
        template <class C>
        constexpr void where(const C&) const {
            static_assert(detail::always_false<C>,
                          "ctql: this statement already has a WHERE clause; combine conditions with && and ||");
        }
    };
};

// A select without WHERE.
struct no_where : detail::clause_defaults {
    using slot = detail::where_slot;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <sql_expression Condition>
        constexpr auto where(const Condition& condition) const {
            static_assert(detail::has_clause<Statement, detail::from_slot>(),
                          "ctql: write .from(table) before .where()");
            static_assert(detail::check_row_condition<Condition>());
            return static_cast<const Statement&>(*this).replace(where_clause<Condition>{{{}, condition}});
        }
    };
};

// The deliberate absence of WHERE in an update or delete: every row.
struct all_rows_clause : detail::clause_defaults {
    using slot = detail::where_slot;
};

namespace detail {
// The tables an UPDATE or DELETE may read: its own and those of FROM / USING.
template <class Statement>
using writable_statement_tables_t =
    concat_t<type_list<typename Statement::template clause_t<target_slot>::table>,
             typename Statement::template clause_t<extra_tables_slot>::provided>;

template <class Slot, class... Clauses>
constexpr bool has_slot(type_list<Clauses...>) {
    return (std::is_same_v<typename Clauses::slot, Slot> || ...);
}

// An update's SET values may read the tables of its from(), which comes
// after set() and before where(): they are checked once the rows are chosen.
template <class Statement>
constexpr bool check_set_values() {
    if constexpr (has_slot<set_slot>(typename Statement::clause_list{}))
        return written_tables_only<typename Statement::template clause_t<set_slot>,
                                   writable_statement_tables_t<Statement>>();
    else
        return true;
}
}  // namespace detail

// An update or delete that has not said which rows yet.
struct missing_where : detail::clause_defaults {
    using slot = detail::where_slot;
    static constexpr bool rows_unchosen = true;

    template <class Statement>
    struct methods {
        template <sql_expression Condition>
        constexpr auto where(const Condition& condition) const {
            static_assert(detail::check_row_condition<Condition>());
            static_assert(detail::written_tables_only<Condition, detail::writable_statement_tables_t<Statement>>());
            static_assert(detail::check_set_values<Statement>());
            return static_cast<const Statement&>(*this).replace(where_clause<Condition>{{{}, condition}});
        }
        constexpr auto all_rows() const {
            static_assert(detail::check_set_values<Statement>());
            return static_cast<const Statement&>(*this).replace(all_rows_clause{});
        }
    };
};

namespace rule {
template <class Table, class Where>
inline constexpr bool update_or_delete_has_where = !std::is_same_v<Where, missing_where>;
}  // namespace rule

}  // namespace ctql
