// SPDX-License-Identifier: MIT
#pragma once
// A statement is its kind plus an ordered list of clauses:
//
//   statement_t<select_kind, select_columns<...>, from_clause<...>, no_where, ...>
//
// Each clause is one header under stmt/clauses/: its data, its rendering, its
// checks, and the methods it lends the statement. An empty clause (no_where)
// lends the method that fills it (.where()), which returns the same statement
// with that one clause replaced; the other clauses are copied untouched. The
// SQL is the clauses rendered in order, each through render::node, so that a
// dialect can override any of them. The kind names the result row and runs
// the checks that need the whole statement.
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctql/core/type_list.hpp>
#include <ctql/expr/dynamic.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

namespace detail {
struct statement_tag {};
}  // namespace detail

// A statement renders statically, visits its bound values in placeholder
// order, and names its result row type (void when it returns no rows).
template <class S>
concept statement = std::is_base_of_v<detail::statement_tag, S> && requires { typename S::result_row; };

template <class Derived>
struct statement_base : detail::statement_tag {
    // The statement's SQL in a dialect: a view of a constant array in the
    // binary, so calling this at run time costs nothing.
    template <class Dialect>
    static constexpr std::string_view sql() {
        static_assert(Derived::check(), "ctql: this statement is not complete");
        return render::sql_text_v<Derived, Dialect>;
    }
    template <class Dialect>
    static constexpr const char* c_str() {
        static_assert(Derived::check(), "ctql: this statement is not complete");
        return render::sql_text<Derived, Dialect>::chars.data();
    }
};

template <class S>
inline constexpr bool returns_rows_v = !std::is_void_v<typename S::result_row>;

namespace detail {
// The SQL text for one statement object: its only text, or for a statement
// with optional parts the variant of the parts switched on (`variant` is the
// mask, 0 for a statement without parts), with the number of variants.
struct chosen_sql {
    std::size_t variant;
    std::size_t variants;
    std::string_view text;
};

template <class Dialect, class Statement>
constexpr chosen_sql choose_sql(const Statement& stmt) {
    if constexpr (render::sql_text<Statement, Dialect>::optional_parts == 0) {
        (void)stmt;
        return {0, 1, Statement::template sql<Dialect>()};
    } else {
        using variants = render::sql_variants<Statement, Dialect>;
        static_assert(Statement::check(), "ctql: this statement is not complete");
        optional_part_mask parts;
        stmt.each_value(parts);
        return {parts.mask, variants::count, variants::texts[parts.mask]};
    }
}
}  // namespace detail

namespace detail {
// What a clause lends its statement (no_where lends .where()); nothing when
// it has no `methods`. Keyed by the clause, so that two clauses lending
// nothing are still distinct base classes.
template <class Clause, class Statement>
struct clause_methods {};
template <class Clause, class Statement>
    requires requires { typename Clause::template methods<Statement>; }
struct clause_methods<Clause, Statement> : Clause::template methods<Statement> {};

// All of them, as one base: a statement is then an aggregate of two empty
// bases and its clauses, built and copied without a constructor of its own.
template <class Statement, class... Clauses>
struct statement_methods : clause_methods<Clauses, Statement>... {};

// One clause, stored under its slot. A statement holds one clause per slot,
// so a slot finds its clause by a derived-to-base conversion: no index
// arithmetic, no recursive lookup, nothing instantiated per clause.
template <class Slot, class Clause>
struct slot_leaf {
    Clause value;
};
template <class... Leaves>
struct clause_storage : Leaves... {};

template <class Slot, class Clause>
constexpr const Clause& clause_in_slot(const slot_leaf<Slot, Clause>& leaf) {
    return leaf.value;
}
template <class Slot, class Storage>
using clause_type_t = std::remove_cvref_t<decltype(clause_in_slot<Slot>(std::declval<const Storage&>()))>;

// A statement's storage with one more leaf, for building the next statement:
// each of its leaves is then found unambiguously, the new one included.
template <class Storage, class Leaf>
struct storage_with : Storage, Leaf {};

// The clause in Slot among a statement's clauses; usable while the statement
// type is still being defined (a kind's result_row is computed from it).
template <class Slot, class ClauseList>
struct clause_in;
template <class Slot, class... Clauses>
struct clause_in<Slot, type_list<Clauses...>> {
    using type = clause_type_t<Slot, clause_storage<slot_leaf<typename Clauses::slot, Clauses>...>>;
};
template <class Slot, class ClauseList>
using clause_in_t = typename clause_in<Slot, ClauseList>::type;
}  // namespace detail

template <class Kind, class... Clauses>
struct statement_t : statement_base<statement_t<Kind, Clauses...>>,
                     detail::statement_methods<statement_t<Kind, Clauses...>, Clauses...> {
    using kind = Kind;
    using clause_list = detail::type_list<Clauses...>;
    using storage = detail::clause_storage<detail::slot_leaf<typename Clauses::slot, Clauses>...>;
    using params = detail::concat_t<typename Clauses::params...>;
    using result_row = typename Kind::template result_row<clause_list>;
    // The names of the result's columns, for struct mapping (statements that return rows).
    static constexpr auto column_names = Kind::template column_names<clause_list>;
    // A query (select, union, ...) can be used as a value or a table.
    static constexpr bool is_query = Kind::is_query;
    static constexpr std::size_t column_count = Kind::template column_count<clause_list>;

    storage clauses;

    template <class Writer>
    static constexpr void render(Writer& w) {
        (render::node<Clauses>(w), ...);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        (static_cast<const detail::slot_leaf<typename Clauses::slot, Clauses>&>(clauses).value.each_value(visit), ...);
    }
    static constexpr bool check() { return Kind::template check<statement_t>(); }

    // The clause in `Slot` (such as detail::where_slot) and its type.
    template <class Slot>
    using clause_t = detail::clause_type_t<Slot, storage>;
    template <class Slot>
    constexpr const auto& clause() const {
        return detail::clause_in_slot<Slot>(clauses);
    }

    // The same statement with the clause in New's slot replaced by `filled`
    // (a clause of another type than the one there: filling or changing it).
    template <class New>
    constexpr auto replace(const New& filled) const {
        using slot = typename New::slot;
        using next = statement_t<Kind, std::conditional_t<std::is_same_v<typename Clauses::slot, slot>, New, Clauses>...>;
        const detail::storage_with<storage, detail::slot_leaf<slot, New>> source{clauses, {filled}};
        return next{{}, {}, typename next::storage{static_cast<const detail::slot_leaf<
            typename Clauses::slot, std::conditional_t<std::is_same_v<typename Clauses::slot, slot>, New, Clauses>>&>(
            source)...}};
    }
};

}  // namespace ctql
