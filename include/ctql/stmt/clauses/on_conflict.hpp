// SPDX-License-Identifier: MIT
#pragma once
// An insert's ON CONFLICT: what happens to a row whose key is taken (upsert).
//   insert_into(users).set(...).on_conflict(users.email).do_nothing()
//   insert_into(users).set(...).on_conflict(users.email)
//       .do_update(users.score = ctql::excluded(users.score)).where(users.score < ctql::excluded(users.score))
//   insert_into(users).set(...).on_conflict_do_nothing()              any key
// The target must be exactly the columns of one key of the table (its
// primary key, a unique column or a unique constraint): both databases refuse
// any other target when the statement runs, so ctql refuses it at compile time.
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/assignment.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/schema/column.hpp>
#include <ctql/schema/keys.hpp>
#include <ctql/stmt/checks.hpp>
#include <ctql/stmt/clauses/clause.hpp>
#include <ctql/stmt/clauses/values.hpp>

namespace ctql {

// excluded(users.score): the value the insert proposed for the column, in DO UPDATE.
template <class Column>
struct excluded_value : detail::leaf_traits<excluded_value<Column>> {
    using value_type = typename Column::value_type;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put("excluded.");
        Column::render_unqualified(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <column_type Column>
constexpr excluded_value<Column> excluded(const Column&) {
    return {};
}

namespace rule {
template <class Table, class... Columns>
inline constexpr bool conflict_target_is_a_key = detail::is_unique_key_v<Table, Columns...>;
}  // namespace rule

namespace detail {
template <class Statement>
using written_table_t = typename Statement::template clause_t<target_slot>::table;

template <class... Columns, class Writer>
constexpr void render_conflict_target(Writer& w) {
    w.put(" ON CONFLICT");
    if constexpr (sizeof...(Columns) > 0) detail::render_column_names<Columns...>(w);
}
}  // namespace detail

// ON CONFLICT [(columns)] DO NOTHING
template <class... Columns>
struct conflict_do_nothing : detail::clause_defaults {
    using slot = detail::conflict_slot;

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_conflict_target<Columns...>(w);
        w.put(" DO NOTHING");
    }
};

// ON CONFLICT (columns) DO UPDATE SET ... [WHERE condition]; Condition is void without WHERE.
template <class Target, class Condition, class... Assignments>
struct conflict_do_update;
template <class... Columns, class Condition, class... Assignments>
struct conflict_do_update<detail::type_list<Columns...>, Condition, Assignments...> : detail::clause_defaults {
    using slot = detail::conflict_slot;
    static constexpr bool has_condition = !std::is_void_v<Condition>;
    using condition_params = typename std::conditional_t<has_condition, Condition, detail::clause_defaults>::params;
    using params = detail::concat_t<typename Assignments::params..., condition_params>;

    detail::value_list<Assignments...> assignments;
    [[no_unique_address]] std::conditional_t<has_condition, Condition, detail::clause_defaults> condition;

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::render_conflict_target<Columns...>(w);
        w.put(" DO UPDATE SET ");
        bool first = true;
        ((w.put(first ? "" : ", "), Assignments::column::render_unqualified(w), w.put(" = "),
          Assignments::render_value(w), first = false),
         ...);
        if constexpr (has_condition) {
            w.put(" WHERE ");
            render::node<Condition>(w);
        }
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        assignments.for_each([&](const auto& a) { a.each_value(visit); });
        if constexpr (has_condition) condition.each_value(visit);
    }

    template <class Statement>
    struct methods {
        // DO UPDATE ... WHERE: rows whose condition is false keep their values.
        template <sql_expression C>
        constexpr auto where(const C& c) const {
            static_assert(!has_condition, "ctql: this DO UPDATE already has a WHERE; combine conditions with &&");
            static_assert(detail::check_row_condition<C>());
            static_assert(detail::target_table_only<C, detail::written_table_t<Statement>>());
            const auto& self = static_cast<const Statement&>(*this);
            return self.replace(conflict_do_update<detail::type_list<Columns...>, C, Assignments...>{
                {}, self.template clause<detail::conflict_slot>().assignments, c});
        }
    };
};

// ON CONFLICT (columns), waiting for do_nothing() or do_update(...).
template <class... Columns>
struct conflict_target : detail::clause_defaults {
    using slot = detail::conflict_slot;
    static constexpr bool incomplete = true;

    template <class Statement>
    struct methods {
        constexpr auto do_nothing() const {
            return static_cast<const Statement&>(*this).replace(conflict_do_nothing<Columns...>{});
        }
        template <class... Assignments>
            requires(is_assignment_v<Assignments> && ...)
        constexpr auto do_update(const Assignments&... assignments) const {
            using table = detail::written_table_t<Statement>;
            static_assert(sizeof...(Assignments) > 0, "ctql: do_update() needs at least one assignment");
            static_assert((detail::check_target_column<table, typename Assignments::column>() && ...));
            static_assert((detail::check_assigned_once<typename Assignments::column,
                                                       typename Assignments::column...>() &&
                           ...));
            static_assert((detail::target_table_only<Assignments, table>() && ...));
            return static_cast<const Statement&>(*this).replace(
                conflict_do_update<detail::type_list<Columns...>, void, Assignments...>{
                    {}, detail::make_value_list(assignments...), {}});
        }
    };
};

struct no_conflict : detail::clause_defaults {
    using slot = detail::conflict_slot;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <column_type... Columns>
        constexpr auto on_conflict(const Columns&...) const {
            using table = detail::written_table_t<Statement>;
            static_assert(sizeof...(Columns) > 0,
                          "ctql: on_conflict() needs the columns of a key; on_conflict_do_nothing() takes any key");
            static_assert(detail::has_clause<Statement, detail::values_slot>(),
                          "ctql: write .set(...), .columns(...) or .select(...) before .on_conflict()");
            static_assert((detail::check_target_column<table, Columns>() && ...));
            static_assert(rule::conflict_target_is_a_key<table, Columns...>,
                          "ctql: the ON CONFLICT columns are not the primary key or a unique constraint of the "
                          "table (the database would refuse them); name exactly the columns of one key");
            return static_cast<const Statement&>(*this).replace(conflict_target<Columns...>{});
        }
        constexpr auto on_conflict_do_nothing() const {
            static_assert(detail::has_clause<Statement, detail::values_slot>(),
                          "ctql: write .set(...), .columns(...) or .select(...) before .on_conflict_do_nothing()");
            return static_cast<const Statement&>(*this).replace(conflict_do_nothing<>{});
        }
    };
};

}  // namespace ctql
