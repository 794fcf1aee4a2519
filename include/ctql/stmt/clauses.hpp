#pragma once
// Clauses that statements are built from. An absent clause is `no_clause`;
// filling one replaces its type, so a statement's type is its whole shape.
#include <cstdint>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

struct no_clause {
    using tables = detail::type_list<>;
    using nullable_tables = detail::type_list<>;
    using params = detail::type_list<>;
    using bare_columns = detail::type_list<>;
    template <class Writer>
    static constexpr void render(Writer&) {}
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

// A keyword followed by a comma-separated list of items.
template <class Keyword, class... Items>
struct list_clause {
    using tables = detail::union_t<typename Items::tables...>;
    using params = detail::concat_t<typename Items::params...>;
    using bare_columns = detail::union_t<typename Items::bare_columns...>;
    detail::value_list<Items...> items;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Keyword::text);
        bool first = true;
        ((w.put(first ? "" : ", "), render::node<Items>(w), first = false), ...);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        items.for_each([&](const auto& item) { item.each_value(visit); });
    }
};

// A keyword followed by one condition (WHERE, HAVING).
template <class Keyword, class Condition>
struct condition_clause {
    using tables = typename Condition::tables;
    using params = typename Condition::params;
    using bare_columns = typename Condition::bare_columns;
    Condition condition;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Keyword::text);
        render::node<Condition>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        condition.each_value(visit);
    }
};

namespace keyword {
struct where { static constexpr std::string_view text = " WHERE "; };
struct having { static constexpr std::string_view text = " HAVING "; };
struct group_by { static constexpr std::string_view text = " GROUP BY "; };
struct order_by { static constexpr std::string_view text = " ORDER BY "; };
struct limit { static constexpr std::string_view text = " LIMIT "; };
struct offset { static constexpr std::string_view text = " OFFSET "; };
struct inner_join { static constexpr std::string_view text = " JOIN "; static constexpr bool nullable = false; };
struct left_join { static constexpr std::string_view text = " LEFT JOIN "; static constexpr bool nullable = true; };
}  // namespace keyword

// LIMIT / OFFSET with a run-time count: a bound parameter like every value.
template <class Keyword>
struct count_clause {
    using tables = detail::type_list<>;
    using params = detail::type_list<>;
    using bare_columns = detail::type_list<>;
    std::int64_t count;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Keyword::text);
        w.placeholder();
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        visit(count);
    }
};

// LIMIT / OFFSET with a compile-time count, written into the SQL text.
template <class Keyword, std::int64_t Count>
struct constant_count_clause {
    using tables = detail::type_list<>;
    using params = detail::type_list<>;
    using bare_columns = detail::type_list<>;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Keyword::text);
        w.put_signed(Count);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <class Kind, table_type Table, class Condition>
struct join_item {
    using table = Table;
    using kind = Kind;
    using params = typename Condition::params;
    Condition condition;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Kind::text);
        w.identifier(Table::ctql_sql_name.view());
        w.put(" ON ");
        render::node<Condition>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        condition.each_value(visit);
    }
};

template <table_type Table, class... Joins>
struct from_clause {
    using tables = detail::type_list<Table, typename Joins::table...>;
    using params = detail::concat_t<typename Joins::params...>;
    // Tables whose columns may be NULL in a result because they are left-joined.
    using nullable_tables =
        detail::concat_t<std::conditional_t<Joins::kind::nullable, detail::type_list<typename Joins::table>,
                                            detail::type_list<>>...>;
    detail::value_list<Joins...> joins;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(" FROM ");
        w.identifier(Table::ctql_sql_name.view());
        (Joins::render(w), ...);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        joins.for_each([&](const auto& join) { join.each_value(visit); });
    }
};

namespace rule {
template <class Table, class Expression, class TablesInFrom>
inline constexpr bool table_is_in_from = detail::contains_v<Table, TablesInFrom>;
template <class Column, class GroupByColumns>
inline constexpr bool column_is_grouped = detail::contains_v<Column, GroupByColumns>;
template <class Table, class Expression, class TargetTable>
inline constexpr bool column_belongs_to_target_table = std::is_same_v<Table, TargetTable>;
}  // namespace rule

namespace detail {
// Each check asserts with its own message and then returns true, so that a
// failure is reported once, by the sentence, not again by its caller.
template <class Expression, class Provided, class... Tables>
constexpr bool check_tables_available(type_list<Tables...>) {
    static_assert((rule::table_is_in_from<Tables, Expression, Provided> && ...),
                  "ctql: a column's table is not in this statement's FROM or JOIN; add it with .from(table) "
                  "or .join(table).on(...)");
    return true;
}
template <class Expression, class Provided>
constexpr bool tables_available() {
    return check_tables_available<Expression, Provided>(typename Expression::tables{});
}

// UPDATE and DELETE read and write one table only.
template <class Expression, class Target, class... Tables>
constexpr bool check_target_table_only(type_list<Tables...>) {
    static_assert((rule::column_belongs_to_target_table<Tables, Expression, Target> && ...),
                  "ctql: an update or delete may only use columns of the table it changes");
    return true;
}
template <class Expression, class Target>
constexpr bool target_table_only() {
    return check_target_table_only<Expression, Target>(typename Expression::tables{});
}

template <class Condition>
constexpr bool check_condition() {
    static_assert(rule::boolean_condition<Condition, sql_type_of<Condition>>,
                  "ctql: a WHERE, HAVING or ON condition must be boolean (a comparison or a boolean column)");
    return true;
}

// WHERE and ON filter rows before grouping, so aggregates belong in HAVING.
template <class Condition>
constexpr bool check_row_condition() {
    check_condition<Condition>();
    static_assert(rule::not_an_aggregate<Condition, sql_type_of<Condition>>,
                  "ctql: an aggregate cannot be used in WHERE or ON; filter groups with .having()");
    return true;
}
}  // namespace detail

}  // namespace ctql
