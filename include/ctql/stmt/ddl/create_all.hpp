// SPDX-License-Identifier: MIT
#pragma once
// A whole schema at once, in the order its foreign keys need:
//
//   ctql::create_all(db, users, orders, order_items);   // run now, in one transaction
//   ctql::drop_all(db, users, orders, order_items);
//   constexpr auto schema = ctql::create_all(users, orders, order_items);   // a ddl_script, to run or print
//
// create_all creates each table after the tables it references, then its
// indexes; drop_all drops them in the opposite order. Tables the list does not
// name are not ordered (they must exist already, or be created apart). A
// table referencing itself is fine; tables referencing each other in a cycle
// cannot be created one after the other, and fail to compile, named in the
// diagnostic. The tables keep the order they are given in wherever their
// references leave a choice.
#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <ctql/core/type_list.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/schema/table_constraints.hpp>
#include <ctql/stmt/ddl/create_table.hpp>
#include <ctql/stmt/ddl/index.hpp>
#include <ctql/stmt/ddl/script.hpp>

namespace ctql {

namespace rule {
template <class Tables>
inline constexpr bool tables_reference_each_other_in_no_cycle = false;
template <class Table>
inline constexpr bool table_listed_once = false;
}  // namespace rule

namespace detail {
template <class Column>
constexpr auto column_referenced_table() {
    if constexpr (std::is_void_v<typename Column::reference_constraint>) return type_list<>{};
    else return type_list<typename Column::reference_constraint::column::table>{};
}
template <class Constraint>
constexpr auto constraint_referenced_table() {
    if constexpr (requires { typename Constraint::referenced_table; }) return type_list<typename Constraint::referenced_table>{};
    else return type_list<>{};
}
template <class Columns, class Constraints>
struct referenced_tables;
template <class... Columns, class... Constraints>
struct referenced_tables<type_list<Columns...>, type_list<Constraints...>> {
    using type = union_t<decltype(column_referenced_table<Columns>())..., decltype(constraint_referenced_table<Constraints>())...>;
};
// The tables that Table's foreign keys reference (itself included when it does).
template <class Table>
using referenced_tables_t =
    typename referenced_tables<typename Table::ctql_columns, table_constraint_types_t<Table>>::type;

template <class... Tables>
struct dependency_order {
    static constexpr std::size_t n = sizeof...(Tables);
    using list = type_list<Tables...>;

    // depends[i * n + j]: table i references table j (another one).
    template <std::size_t... K>
    static constexpr std::array<bool, n * n> make_depends(std::index_sequence<K...>) {
        return {(K / n != K % n && contains_v<nth_t<K % n, list>, referenced_tables_t<nth_t<K / n, list>>>)...};
    }
    static constexpr std::array<bool, n * n> depends = make_depends(std::make_index_sequence<n * n>{});

    struct result {
        std::array<std::size_t, n> order{};  // table indexes, referenced tables first
        std::size_t placed = 0;
        std::array<std::size_t, n> cycle{};  // when not all could be placed: one cycle among the rest
        std::size_t cycle_length = 0;
    };

    static constexpr result compute() {
        result r;
        std::array<bool, n> done{};
        // Each round places the first table (in the order given) whose referenced tables are all placed.
        while (r.placed < n) {
            std::size_t next = n;
            for (std::size_t i = 0; i < n && next == n; ++i) {
                if (done[i]) continue;
                bool ready = true;
                for (std::size_t j = 0; j < n; ++j)
                    if (depends[i * n + j] && !done[j]) ready = false;
                if (ready) next = i;
            }
            if (next == n) break;
            done[next] = true;
            r.order[r.placed++] = next;
        }
        if (r.placed == n) return r;
        // Every table left references another one left: following those
        // references from any of them comes back to a table already met.
        std::array<std::size_t, n> step_of{};
        for (auto& s : step_of) s = n;
        std::size_t at = 0;
        while (done[at]) ++at;
        std::array<std::size_t, n> path{};
        std::size_t steps = 0;
        while (step_of[at] == n) {
            step_of[at] = steps;
            path[steps++] = at;
            std::size_t to = 0;
            while (done[to] || !depends[at * n + to]) ++to;
            at = to;
        }
        for (std::size_t s = step_of[at]; s < steps; ++s) r.cycle[r.cycle_length++] = path[s];
        return r;
    }
    static constexpr result value = compute();

    template <std::size_t... K>
    static auto cycle_tables(std::index_sequence<K...>) -> type_list<nth_t<value.cycle[K], list>...>;
    template <std::size_t... K>
    static auto ordered_tables(std::index_sequence<K...>) -> type_list<nth_t<value.order[K], list>...>;

    static constexpr bool check() {
        if constexpr (value.placed != n) {
            static_assert(rule::tables_reference_each_other_in_no_cycle<
                              decltype(cycle_tables(std::make_index_sequence<value.cycle_length>{}))>,
                          "ctql: these tables reference each other in a cycle (named in the rule above), so none of "
                          "them can be created before the others: drop one of the foreign keys, or create the tables "
                          "of the cycle apart and add that key with ALTER TABLE");
            return false;
        } else {
            return true;
        }
    }
};

template <class... Tables>
constexpr bool check_table_list() {
    if constexpr (union_t<type_list<Tables...>>::size != sizeof...(Tables)) {
        static_assert(rule::table_listed_once<type_list<Tables...>>,
                      "ctql: a table is given twice to create_all() / drop_all(); name each once");
        return false;
    } else {
        return (check_table_definition<Tables>() && ...) && dependency_order<Tables...>::check();
    }
}

template <class... Tables>
using creation_order_t = decltype(dependency_order<Tables...>::ordered_tables(std::make_index_sequence<sizeof...(Tables)>{}));

template <class Ordered>
struct create_all_script;
template <class... Tables>
struct create_all_script<type_list<Tables...>> {
    using type = typename script_of<concat_t<concat_t<type_list<create_table_statement<Tables>>, index_statements_t<Tables>>...>>::type;
};
template <class Ordered, class Reversed = type_list<>>
struct drop_all_script;
template <class... Reversed>
struct drop_all_script<type_list<>, type_list<Reversed...>> {
    using type = ddl_script<drop_table_statement<Reversed>...>;
};
template <class First, class... Rest, class... Reversed>
struct drop_all_script<type_list<First, Rest...>, type_list<Reversed...>>
    : drop_all_script<type_list<Rest...>, type_list<First, Reversed...>> {};
}  // namespace detail

template <table_type... Tables>
    requires(sizeof...(Tables) > 0)
constexpr auto create_all(const Tables&...) {
    if constexpr (detail::check_table_list<Tables...>())
        return typename detail::create_all_script<detail::creation_order_t<Tables...>>::type{};
    else
        return ddl_script<>{};
}

template <table_type... Tables>
    requires(sizeof...(Tables) > 0)
constexpr auto drop_all(const Tables&...) {
    if constexpr (detail::check_table_list<Tables...>())
        return typename detail::drop_all_script<detail::creation_order_t<Tables...>>::type{};
    else
        return ddl_script<>{};
}

template <class Connection, table_type... Tables>
    requires(!table_type<Connection> && sizeof...(Tables) > 0)
void create_all(Connection& db, const Tables&... tables) {
    create_all(tables...).run(db);
}

template <class Connection, table_type... Tables>
    requires(!table_type<Connection> && sizeof...(Tables) > 0)
void drop_all(Connection& db, const Tables&... tables) {
    drop_all(tables...).run(db);
}

}  // namespace ctql
