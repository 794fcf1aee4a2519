// SPDX-License-Identifier: MIT
#pragma once
// What every clause shares, and the slots clauses sit in.
//
// A clause type provides
//   slot          which place of its statement it fills (an empty clause and
//                 the filled one share a slot)
//   tables        the tables its expressions read (checked against FROM)
//   params        the named parameters it contains, in placeholder order
//   render(w)     its SQL, leading space included
//   each_value(v) its bound values, in placeholder order
// and may provide `template <class Statement> struct methods`, lent to the
// statement (see stmt/statement.hpp).
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/expr/dynamic.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

namespace detail {

// Defaults for a clause that reads no table, binds nothing and renders nothing.
struct clause_defaults {
    using tables = type_list<>;
    using params = type_list<>;
    using bare_columns = type_list<>;
    template <class Writer>
    static constexpr void render(Writer&) {}
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

// A clause that is one condition after a keyword: WHERE and HAVING.
template <class Condition, fixed_string Keyword>
struct condition_clause : clause_defaults {
    using tables = typename Condition::tables;
    using params = typename Condition::params;
    using bare_columns = typename Condition::bare_columns;

    Condition condition;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Keyword.view());
        render::node<Condition>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        condition.each_value(visit);
    }
};

// Whether a statement's clause in Slot is filled: an empty clause (no_from,
// no_where) says `static constexpr bool empty = true`.
template <class Statement, class Slot>
constexpr bool has_clause() {
    return !requires { requires Statement::template clause_t<Slot>::empty; };
}

template <class Item, class Writer>
constexpr void render_list_item(Writer& w, bool& first) {
    if constexpr (is_optional_part_v<Item>) {
        if (!w.next_optional_part()) return;  // switched off: left out
        w.put(first ? "" : ", ");
        render::node<typename Item::part>(w);
    } else {
        w.put(first ? "" : ", ");
        render::node<Item>(w);
    }
    first = false;
}

// "a, b, c", each item through render::node so that dialects may override
// it; optional items (when(...)) switched off are left out.
template <class... Items, class Writer>
constexpr void render_comma_list(Writer& w) {
    bool first = true;
    (render_list_item<Items>(w, first), ...);
}

// Whether render_comma_list<Items...> will write anything.
template <class... Items, class Writer>
constexpr bool list_renders(const Writer& w) {
    int ahead = 0;
    bool any = false;
    ((any = any || (is_optional_part_v<Items> ? w.optional_part_ahead(ahead++) : true)), ...);
    return any;
}

// "e1, e2 AS "name", ...": what SELECT and RETURNING list. A named value is
// written `expression AS "name"` here, and only here.
template <class E, class Writer>
constexpr void render_selected_item(Writer& w) {
    if constexpr (requires { E::render_with_name(w); }) E::render_with_name(w);
    else render::node<E>(w);
}
template <class... Es, class Writer>
constexpr void render_selected_items(Writer& w) {
    bool first = true;
    ((w.put(first ? "" : ", "), render_selected_item<Es>(w), first = false), ...);
}

// " (a, b, c)": the column names an INSERT, ON CONFLICT or COPY lists.
template <class... Columns, class Writer>
constexpr void render_column_names(Writer& w) {
    w.put(" (");
    bool first = true;
    ((w.put(first ? "" : ", "), Columns::render_unqualified(w), first = false), ...);
    w.put(')');
}

// The slots of the statements ctql builds.
struct with_slot {};
struct select_columns_slot {};
struct from_slot {};
struct where_slot {};
struct group_by_slot {};
struct having_slot {};
struct order_by_slot {};
struct paging_slot {};
struct target_slot {};
struct values_slot {};
struct set_slot {};
struct conflict_slot {};
struct returning_slot {};
struct extra_tables_slot {};

}  // namespace detail

}  // namespace ctql
