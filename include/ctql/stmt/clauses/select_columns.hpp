// SPDX-License-Identifier: MIT
#pragma once
// SELECT [DISTINCT] expressions: what a select returns.
//   select(users.id, users.name)           rows with members id and name
//   select(count())                        a single value
//   select(users.city).distinct()
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/result/row_type.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

template <bool Distinct, class... Es>
struct select_columns : detail::clause_defaults {
    using slot = detail::select_columns_slot;
    using tables = detail::union_t<typename Es::tables...>;
    using params = detail::concat_t<typename Es::params...>;
    using bare_columns = detail::union_t<typename Es::bare_columns...>;
    static constexpr bool has_aggregate = (Es::is_aggregate || ...);
    template <class NullableTables>
    using result_row = detail::row_type_t<NullableTables, Es...>;
    static constexpr auto names = detail::selected_names<Es...>;

    detail::value_list<Es...> items;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Distinct ? "SELECT DISTINCT " : "SELECT ");
        detail::render_selected_items<Es...>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        items.for_each([&](const auto& item) { item.each_value(visit); });
    }

    template <class Statement>
    struct methods {
        constexpr auto distinct() const {
            const auto& statement = static_cast<const Statement&>(*this);
            return statement.replace(select_columns<true, Es...>{{}, statement.template clause<detail::select_columns_slot>().items});
        }
    };
};

}  // namespace ctql
