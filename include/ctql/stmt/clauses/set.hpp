// SPDX-License-Identifier: MIT
#pragma once
// UPDATE's SET list.
//   update(users).set(users.score = users.score + 1, users.email = ctql::null).where(...)
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/assignment.hpp>
#include <ctql/stmt/checks.hpp>
#include <ctql/stmt/clauses/clause.hpp>
#include <ctql/stmt/clauses/values.hpp>
#include <ctql/stmt/clauses/where.hpp>

namespace ctql {

template <class... Assignments>
struct set_clause : detail::clause_defaults {
    using slot = detail::set_slot;
    using tables = detail::union_t<typename Assignments::tables...>;
    using params = detail::concat_t<typename Assignments::params...>;

    detail::value_list<Assignments...> assignments;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(" SET ");
        bool first = true;
        ((w.put(first ? "" : ", "), Assignments::column::render_unqualified(w), w.put(" = "),
          Assignments::render_value(w), first = false),
         ...);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        assignments.for_each([&](const auto& a) { a.each_value(visit); });
    }
};

struct no_set : detail::clause_defaults {
    using slot = detail::set_slot;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <class... Assignments>
            requires(is_assignment_v<Assignments> && ...)
        constexpr auto set(const Assignments&... assignments) const {
            using table = typename Statement::template clause_t<detail::target_slot>::table;
            static_assert(sizeof...(Assignments) > 0, "ctql: set() needs at least one assignment");
            static_assert((detail::check_target_column<table, typename Assignments::column>() && ...));
            static_assert((detail::check_assigned_once<typename Assignments::column,
                                                       typename Assignments::column...>() &&
                           ...));
            // The values may read the tables of a later .from(): where() or all_rows() checks
            // them, or this does when the rows are chosen already.
            using filled = set_clause<Assignments...>;
            if constexpr (!requires { requires Statement::template clause_t<detail::where_slot>::rows_unchosen; })
                static_assert(detail::written_tables_only<filled, detail::writable_statement_tables_t<Statement>>());
            return static_cast<const Statement&>(*this).replace(filled{{}, detail::make_value_list(assignments...)});
        }
    };
};

}  // namespace ctql
