// SPDX-License-Identifier: MIT
#pragma once
// ORDER BY items: any expression, .asc() / .desc(), then .nulls_first() /
// .nulls_last() (without them, SQLite sorts NULLs first and PostgreSQL last
// in ascending order).
#include <ctql/expr/expression.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

enum class nulls_order { unspecified, first, last };

template <class Operand, bool Descending, nulls_order Nulls = nulls_order::unspecified>
struct order_item {
    using operand_type = Operand;
    using tables = typename Operand::tables;
    using params = typename Operand::params;
    using bare_columns = typename Operand::bare_columns;

    Operand operand;

    template <class Writer>
    static constexpr void render(Writer& w) {
        render::node<Operand>(w);
        render_direction(w);
    }
    template <class Writer>
    static constexpr void render_direction(Writer& w) {
        w.put(Descending ? " DESC" : " ASC");
        if constexpr (Nulls == nulls_order::first) w.put(" NULLS FIRST");
        if constexpr (Nulls == nulls_order::last) w.put(" NULLS LAST");
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
    }

    constexpr auto nulls_first() const {
        static_assert(Nulls == nulls_order::unspecified, "ctql: this sort key already says where NULLs go");
        return order_item<Operand, Descending, nulls_order::first>{operand};
    }
    constexpr auto nulls_last() const {
        static_assert(Nulls == nulls_order::unspecified, "ctql: this sort key already says where NULLs go");
        return order_item<Operand, Descending, nulls_order::last>{operand};
    }
};

template <sql_expression E>
constexpr auto asc(const E& e) {
    return order_item<E, false>{e};
}
template <sql_expression E>
constexpr auto desc(const E& e) {
    return order_item<E, true>{e};
}

template <class T>
inline constexpr bool is_order_item_v = false;
template <class E, bool D, nulls_order N>
inline constexpr bool is_order_item_v<order_item<E, D, N>> = true;

// A bare expression in order_by() sorts ascending, as in SQL; a sort key
// switched at run time (when(flag, key), expr/dynamic.hpp) stays as it is.
template <class T>
constexpr auto to_order_item(const T& t) {
    if constexpr (is_order_item_v<T> || requires { typename T::part; }) return t;
    else return asc(t);
}

}  // namespace ctql
