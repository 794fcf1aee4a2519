// SPDX-License-Identifier: MIT
#pragma once
// HAVING condition: filters groups, so it may use aggregates.
//   select(users.city, count()).from(users).group_by(users.city).having(count() > 10)
//   select(count()).from(users).having(count() > 10)      // the whole table is one group
#include <ctql/expr/expression.hpp>
#include <ctql/stmt/checks.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

template <class Condition>
struct having_clause : detail::condition_clause<Condition, " HAVING "> {
    using slot = detail::having_slot;

    template <class Statement>
    struct methods {
        template <class C>
        constexpr void having(const C&) const {
            static_assert(detail::always_false<C>,
                          "ctql: this select already has a HAVING clause; combine conditions with && and ||");
        }
    };
};

struct no_having : detail::clause_defaults {
    using slot = detail::having_slot;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <sql_expression Condition>
        constexpr auto having(const Condition& condition) const {
            static_assert(detail::has_clause<Statement, detail::from_slot>(),
                          "ctql: write .from(table) before .having()");
            static_assert(detail::check_condition<Condition>());
            return static_cast<const Statement&>(*this).replace(having_clause<Condition>{{{}, condition}});
        }
    };
};

}  // namespace ctql
