// SPDX-License-Identifier: MIT
#pragma once
// WITH: queries named for the select that follows (see stmt/query_table.hpp).
//   with(recent, totals).select(...).from(recent)...
//   with_recursive(counter.as(...)).select(...).from(counter)
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/stmt/clauses/clause.hpp>

namespace ctql {

template <bool Recursive, class... Ctes>
struct with_clause : detail::clause_defaults {
    using slot = detail::with_slot;
    using params = detail::concat_t<typename Ctes::query_params...>;

    detail::value_list<Ctes...> ctes;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Recursive ? "WITH RECURSIVE " : "WITH ");
        bool first = true;
        ((w.put(first ? "" : ", "), Ctes::render_definition(w), first = false), ...);
        w.put(' ');
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        ctes.for_each([&](const auto& cte) { cte.each_definition_value(visit); });
    }
};

struct no_with : detail::clause_defaults {
    using slot = detail::with_slot;
    static constexpr bool empty = true;
};

}  // namespace ctql
