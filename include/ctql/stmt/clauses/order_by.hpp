// SPDX-License-Identifier: MIT
#pragma once
// ORDER BY items: an expression sorts ascending; .asc() / .desc() say so.
//   select(...).from(users).order_by(users.name, users.score.desc())
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/order.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

template <class... Items>
struct order_by_clause : detail::clause_defaults {
    using slot = detail::order_by_slot;
    using tables = detail::union_t<typename Items::tables...>;
    using params = detail::concat_t<typename Items::params...>;
    using bare_columns = detail::union_t<typename Items::bare_columns...>;

    detail::value_list<Items...> items;

    template <class Writer>
    static constexpr void render(Writer& w) {
        if (detail::list_renders<Items...>(w)) w.put(" ORDER BY ");
        detail::render_comma_list<Items...>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        items.for_each([&](const auto& item) { item.each_value(visit); });
    }

    template <class Statement>
    struct methods {
        template <class... Ts>
        constexpr void order_by(const Ts&...) const {
            static_assert(detail::always_false<Ts...>,
                          "ctql: this statement already has an ORDER BY clause; list every sort key in one order_by()");
        }
    };
};

struct no_order_by : detail::clause_defaults {
    using slot = detail::order_by_slot;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <class... Items>
        constexpr auto order_by(const Items&... items) const {
            static_assert(sizeof...(Items) > 0, "ctql: order_by() needs at least one column");
            using clause = order_by_clause<decltype(to_order_item(items))...>;
            return static_cast<const Statement&>(*this).replace(clause{{}, detail::make_value_list(to_order_item(items)...)});
        }
    };
};

}  // namespace ctql
