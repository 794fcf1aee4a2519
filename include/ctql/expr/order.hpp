#pragma once
// ORDER BY items: asc() / desc().
#include <ctql/expr/expression.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

template <class Operand, bool Descending>
struct order_item {
    using tables = typename Operand::tables;
    using params = typename Operand::params;
    using bare_columns = typename Operand::bare_columns;

    Operand operand;

    template <class Writer>
    static constexpr void render(Writer& w) {
        render::node<Operand>(w);
        w.put(Descending ? " DESC" : " ASC");
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        operand.each_value(visit);
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
template <class E, bool D>
inline constexpr bool is_order_item_v<order_item<E, D>> = true;

// A bare expression in order_by() sorts ascending, as in SQL.
template <class T>
constexpr auto to_order_item(const T& t) {
    if constexpr (is_order_item_v<T>) return t;
    else return asc(t);
}

}  // namespace ctql
