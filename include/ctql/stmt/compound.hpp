// SPDX-License-Identifier: MIT
#pragma once
// Set operations on whole selects, ordered and limited as a whole:
//   union_(a, b)   union_all(a, b)   intersect(a, b)   except(a, b)
//   union_all(a, b).order_by(users.name.desc()).limit<10>()
// The selects have the same number of columns, of the same types; the rows
// are those of the first select's type. ORDER BY names columns of the first
// select and is written by position (ORDER BY 2 DESC), which both dialects
// read alike.
//
// Nesting: SQLite reads set operations left to right, PostgreSQL ranks
// INTERSECT above the others; so that both read a nest alike, the right
// operand is a plain select, and INTERSECT's left one a select or an INTERSECT.
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/expr/order.hpp>
#include <ctql/stmt/checks.hpp>
#include <ctql/stmt/clauses/clause.hpp>
#include <ctql/stmt/clauses/paging.hpp>
#include <ctql/stmt/select.hpp>
#include <ctql/stmt/statement.hpp>
#include <ctql/stmt/subquery.hpp>

namespace ctql {

namespace set_op {
struct union_distinct { static constexpr std::string_view text = " UNION "; };
struct union_all { static constexpr std::string_view text = " UNION ALL "; };
struct intersect { static constexpr std::string_view text = " INTERSECT "; };
struct except { static constexpr std::string_view text = " EXCEPT "; };
}  // namespace set_op

namespace detail {
struct compound_slot {};

// The select list (a select_columns) of a query: of its first select, for a set operation.
template <class Query>
using select_list_of = typename Query::kind::template select_list<typename Query::clause_list>;

template <class Columns>
struct select_list_values;
template <bool D, class... Es>
struct select_list_values<select_columns<D, Es...>> {
    using type = type_list<value_type_of<Es>...>;
};

template <class Left, class Right>
constexpr bool check_same_columns() {
    using left_values = typename select_list_values<select_list_of<Left>>::type;
    using right_values = typename select_list_values<select_list_of<Right>>::type;
    static_assert(left_values::size == right_values::size,
                  "ctql: the selects of a union, intersect or except have different numbers of columns");
    if constexpr (left_values::size == right_values::size) {
        static_assert(std::is_same_v<left_values, right_values>,
                      "ctql: the selects of a union, intersect or except have columns of different types (or one "
                      "is nullable where the other is not); cast() or coalesce() one of them");
    }
    return true;
}

template <class Query>
constexpr bool unordered_and_unlimited() {
    if constexpr (std::is_same_v<typename Query::kind, select_kind>) {
        return !has_clause<Query, order_by_slot>() &&
               std::is_same_v<typename Query::template clause_t<paging_slot>, no_paging>;
    } else {
        return true;
    }
}
}  // namespace detail

template <class Op, class Left, class Right>
struct compound_clause : detail::clause_defaults {
    using slot = detail::compound_slot;
    using op = Op;
    using left = Left;
    using right = Right;
    using params = detail::concat_t<typename Left::params, typename Right::params>;

    Left left_query;
    Right right_query;

    template <class Writer>
    static constexpr void render(Writer& w) {
        Left::render(w);
        w.put(Op::text);
        Right::render(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        left_query.each_value(visit);
        right_query.each_value(visit);
    }
};

// ORDER BY of a set operation: each key is a column of the first select, by position.
template <class Columns, class... Items>
struct compound_order_by : detail::clause_defaults {
    using slot = detail::order_by_slot;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(" ORDER BY ");
        bool first = true;
        ((w.put(first ? "" : ", "), render_item<Items>(w), first = false), ...);
    }

private:
    template <class Item, class Writer>
    static constexpr void render_item(Writer& w) {
        w.put_number(position<typename Item::operand_type>());
        Item::render_direction(w);
    }
    template <class E>
    static constexpr std::size_t position() {
        return position_in<E>(typename select_list_types<Columns>::type{});
    }
    template <class C>
    struct select_list_types;
    template <bool D, class... Es>
    struct select_list_types<select_columns<D, Es...>> {
        using type = detail::type_list<Es...>;
    };
    template <class E, class... Es>
    static constexpr std::size_t position_in(detail::type_list<Es...>) {
        std::size_t i = 0, found = 0;
        ((++i, std::is_same_v<E, Es> && found == 0 ? found = i : 0), ...);
        return found;
    }
};

template <class Columns>
struct no_compound_order_by : detail::clause_defaults {
    using slot = detail::order_by_slot;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <class... Items>
        constexpr auto order_by(const Items&... items) const {
            static_assert(sizeof...(Items) > 0, "ctql: order_by() needs at least one column");
            static_assert((selected<typename decltype(to_order_item(items))::operand_type>() && ...));
            return static_cast<const Statement&>(*this).replace(
                compound_order_by<Columns, decltype(to_order_item(items))...>{});
        }

    private:
        template <class E>
        static constexpr bool selected() {
            static_assert(contains<E>(typename no_compound_order_by::template list<Columns>::type{}),
                          "ctql: a union, intersect or except is ordered by the columns its first select selects");
            return true;
        }
    };

    template <class C>
    struct list;
    template <bool D, class... Es>
    struct list<select_columns<D, Es...>> {
        using type = detail::type_list<Es...>;
    };
    template <class E, class... Es>
    static constexpr bool contains(detail::type_list<Es...>) {
        return (std::is_same_v<E, Es> || ...);
    }
};

struct compound_kind {
    template <class Clauses>
    using compound_of = detail::clause_in_t<detail::compound_slot, Clauses>;
    template <class Clauses>
    using select_list = detail::select_list_of<typename compound_of<Clauses>::left>;

    template <class Clauses>
    using result_row = typename compound_of<Clauses>::left::result_row;
    template <class Clauses>
    static constexpr auto column_names = compound_of<Clauses>::left::column_names;
    static constexpr bool is_query = true;
    template <class Clauses>
    static constexpr std::size_t column_count = compound_of<Clauses>::left::column_count;

    template <class S>
    using outer_tables = detail::union_t<detail::outer_tables_t<typename compound_of<typename S::clause_list>::left>,
                                         detail::outer_tables_t<typename compound_of<typename S::clause_list>::right>>;

    template <class S>
    static constexpr bool check() {
        using compound = compound_of<typename S::clause_list>;
        return compound::left::check() && compound::right::check();
    }
    template <class S>
    static constexpr bool check_as_subquery() {
        using compound = compound_of<typename S::clause_list>;
        return compound::left::kind::template check_as_subquery<typename compound::left>() &&
               compound::right::kind::template check_as_subquery<typename compound::right>();
    }
};

namespace detail {
template <class Query>
constexpr bool is_compound() {
    return std::is_same_v<typename Query::kind, compound_kind>;
}

template <class Op, class Left, class Right>
constexpr auto make_compound(const Left& left, const Right& right) {
    static_assert(Left::is_query && Right::is_query, "ctql: set operations combine selects");
    static_assert(unordered_and_unlimited<Left>() && unordered_and_unlimited<Right>(),
                  "ctql: order and limit the whole union, intersect or except, not one of its selects");
    static_assert(!is_compound<Right>(),
                  "ctql: nest set operations on the left: union_(union_(a, b), c), not union_(a, union_(b, c))");
    if constexpr (std::is_same_v<Op, set_op::intersect> && is_compound<Left>()) {
        static_assert(std::is_same_v<typename Left::template clause_t<compound_slot>::op, set_op::intersect>,
                      "ctql: intersect() of a union or except reads differently in SQLite and PostgreSQL; "
                      "intersect the selects first, then unite them");
    }
    static_assert(check_same_columns<Left, Right>());
    using columns = select_list_of<Left>;
    using clause = compound_clause<Op, Left, Right>;
    using statement = statement_t<compound_kind, clause, no_compound_order_by<columns>, no_paging>;
    return statement{{}, {}, typename statement::storage{{clause{{}, left, right}}, {}, {}}};
}
}  // namespace detail

template <class Left, class Right>
constexpr auto union_(const Left& left, const Right& right) {
    return detail::make_compound<set_op::union_distinct>(left, right);
}
template <class Left, class Right>
constexpr auto union_all(const Left& left, const Right& right) {
    return detail::make_compound<set_op::union_all>(left, right);
}
template <class Left, class Right>
constexpr auto intersect(const Left& left, const Right& right) {
    return detail::make_compound<set_op::intersect>(left, right);
}
template <class Left, class Right>
constexpr auto except(const Left& left, const Right& right) {
    return detail::make_compound<set_op::except>(left, right);
}

}  // namespace ctql
