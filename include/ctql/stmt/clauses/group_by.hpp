// SPDX-License-Identifier: MIT
#pragma once
// GROUP BY expressions.
//   select(users.city, count()).from(users).group_by(users.city)
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

template <class... Es>
struct group_by_clause : detail::clause_defaults {
    using slot = detail::group_by_slot;
    using tables = detail::union_t<typename Es::tables...>;
    using params = detail::concat_t<typename Es::params...>;
    using bare_columns = detail::union_t<typename Es::bare_columns...>;

    detail::value_list<Es...> items;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(" GROUP BY ");
        detail::render_comma_list<Es...>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        items.for_each([&](const auto& item) { item.each_value(visit); });
    }

    template <class Statement>
    struct methods {
        template <class... Ts>
        constexpr void group_by(const Ts&...) const {
            static_assert(detail::always_false<Ts...>, "ctql: this select already has a GROUP BY clause; list "
                                                       "every grouping expression in one group_by()");
        }
    };
};

struct no_group_by : detail::clause_defaults {
    using slot = detail::group_by_slot;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <sql_expression... Es>
        constexpr auto group_by(const Es&... es) const {
            static_assert(detail::has_clause<Statement, detail::from_slot>(),
                          "ctql: write .from(table) before .group_by()");
            static_assert(sizeof...(Es) > 0, "ctql: group_by() needs at least one column");
            return static_cast<const Statement&>(*this).replace(group_by_clause<Es...>{{}, detail::make_value_list(es...)});
        }
    };
};

}  // namespace ctql
