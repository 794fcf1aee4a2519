#pragma once
// SELECT [DISTINCT] ... FROM ... [JOIN ... ON ...] [WHERE] [GROUP BY] [HAVING]
// [ORDER BY] [LIMIT] [OFFSET]. Each method returns a new statement type with
// that clause filled in; the checks run as each clause is added, and once
// more for the whole statement before it renders or runs.
#include <cstdint>
#include <optional>
#include <type_traits>
#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/dialect/sqlite.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/order.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/result/row.hpp>
#include <ctql/schema/column.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses.hpp>
#include <ctql/stmt/statement.hpp>
#include <ctql/render/writer.hpp>

namespace ctql {

namespace detail {
// The member a selected expression contributes to a row, and that member's value type.
template <class E, class NullableTables>
constexpr auto selected_value_type() {
    using value_t = value_type_of<E>;
    if constexpr (column_type<E>) {
        if constexpr (contains_v<typename E::table, NullableTables>) return std::type_identity<make_optional_t<value_t>>{};
        else return std::type_identity<value_t>{};
    } else {
        return std::type_identity<value_t>{};
    }
}
template <class E, class NullableTables>
using selected_value_t = typename decltype(selected_value_type<E, NullableTables>())::type;

template <std::size_t I, class E, class NullableTables>
constexpr auto field_for() {
    using value_t = selected_value_t<E, NullableTables>;
    if constexpr (column_type<E>)
        return std::type_identity<row_field<I, typename E::template row_member<value_t>>>{};
    else
        return std::type_identity<row_field<I, unnamed_member<value_t>>>{};
}

template <class NullableTables, class Indices, class... Es>
struct make_row;
template <class NullableTables, std::size_t... I, class... Es>
struct make_row<NullableTables, std::index_sequence<I...>, Es...> {
    using type = row<typename decltype(field_for<I, Es, NullableTables>())::type...>;
};

template <class NullableTables, class... Es>
struct result_row_of {
    using type = typename make_row<NullableTables, std::index_sequence_for<Es...>, Es...>::type;
};
template <class NullableTables, class E>
struct result_row_of<NullableTables, E> {
    using type = selected_value_t<E, NullableTables>;
};

template <class Column, class Grouped>
constexpr bool check_grouped() {
    static_assert(rule::column_is_grouped<Column, Grouped>,
                  "ctql: a selected column is neither aggregated nor in GROUP BY; add it to group_by() or wrap "
                  "it in an aggregate such as max()");
    return true;
}
template <class Grouped, class... Columns>
constexpr bool all_grouped(type_list<Columns...>) {
    return (check_grouped<Columns, Grouped>() && ...);
}

}  // namespace detail

template <class... Es>
struct select_list {
    using tables = detail::union_t<typename Es::tables...>;
    using params = detail::concat_t<typename Es::params...>;
    using bare_columns = detail::union_t<typename Es::bare_columns...>;
    static constexpr bool has_aggregate = (Es::is_aggregate || ...);
    detail::value_list<Es...> items;

    template <class Writer>
    static constexpr void render(Writer& w) {
        bool first = true;
        ((w.put(first ? "" : ", "), render::node<Es>(w), first = false), ...);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        items.for_each([&](const auto& item) { item.each_value(visit); });
    }
    template <class NullableTables>
    using result_row = typename detail::result_row_of<NullableTables, Es...>::type;
    // Result column names, for mapping rows onto user structs.
    static constexpr std::array<std::string_view, sizeof...(Es)> names{[] {
        if constexpr (column_type<Es>) return Es::ctql_sql_name.view();
        else return std::string_view{};
    }()...};
};

template <bool Distinct, class Columns, class From, class Where, class Group, class Having, class Order, class Limit,
          class Offset>
struct select_statement;

namespace detail {
template <class Statement, class Kind, class Table>
struct pending_join;
}

template <bool Distinct, class Columns, class From, class Where, class Group, class Having, class Order, class Limit,
          class Offset>
struct select_statement
    : statement_base<select_statement<Distinct, Columns, From, Where, Group, Having, Order, Limit, Offset>> {
    Columns columns;
    From from_clause_;
    Where where_clause_;
    Group group_clause_;
    Having having_clause_;
    Order order_clause_;
    Limit limit_clause_;
    Offset offset_clause_;

    static constexpr bool has_from = !std::is_same_v<From, no_clause>;
    using available_tables = typename From::tables;
    using nullable_tables = typename From::nullable_tables;
    using result_row = typename Columns::template result_row<nullable_tables>;
    using params = detail::concat_t<typename Columns::params, typename From::params, typename Where::params,
                                    typename Group::params, typename Having::params, typename Order::params>;
    static constexpr auto column_names = Columns::names;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Distinct ? "SELECT DISTINCT " : "SELECT ");
        Columns::render(w);
        From::render(w);
        Where::render(w);
        Group::render(w);
        Having::render(w);
        Order::render(w);
        if constexpr (std::is_same_v<Limit, no_clause> && !std::is_same_v<Offset, no_clause> &&
                      std::is_same_v<typename Writer::dialect, dialect::sqlite>)
            w.put(" LIMIT -1");  // SQLite accepts OFFSET only after a LIMIT
        Limit::render(w);
        Offset::render(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        columns.each_value(visit);
        from_clause_.each_value(visit);
        where_clause_.each_value(visit);
        group_clause_.each_value(visit);
        having_clause_.each_value(visit);
        order_clause_.each_value(visit);
        limit_clause_.each_value(visit);
        offset_clause_.each_value(visit);
    }

    // The checks that need the whole statement: every selected column's table
    // is in FROM/JOIN, and grouping is consistent.
    static constexpr bool check() {
        detail::tables_available<Columns, available_tables>();
        detail::tables_available<Order, available_tables>();
        if constexpr (!std::is_same_v<Group, no_clause> || Columns::has_aggregate) {
            detail::all_grouped<typename Group::bare_columns>(typename Columns::bare_columns{});
            detail::all_grouped<typename Group::bare_columns>(typename Having::bare_columns{});
            detail::all_grouped<typename Group::bare_columns>(typename Order::bare_columns{});
        }
        return true;
    }

    template <table_type Table>
    constexpr auto from(const Table&) const {
        static_assert(!has_from, "ctql: this select already has a FROM clause; add more tables with .join()");
        return select_statement<Distinct, Columns, from_clause<Table>, Where, Group, Having, Order, Limit, Offset>{
            {}, columns, {}, where_clause_, group_clause_, having_clause_, order_clause_, limit_clause_,
            offset_clause_};
    }

    template <table_type Table>
    constexpr auto join(const Table&) const {
        static_assert(has_from, "ctql: write .from(table) before .join()");
        return detail::pending_join<select_statement, keyword::inner_join, Table>{*this};
    }
    template <table_type Table>
    constexpr auto left_join(const Table&) const {
        static_assert(has_from, "ctql: write .from(table) before .left_join()");
        return detail::pending_join<select_statement, keyword::left_join, Table>{*this};
    }

    template <class Kind, class Table, class Condition>
    constexpr auto add_join(const Condition& condition) const {
        using tables = detail::concat_t<available_tables, detail::type_list<Table>>;
        static_assert(detail::check_row_condition<Condition>());
        static_assert(detail::tables_available<Condition, tables>());
        using new_from = decltype(append_join<Kind, Table>(from_clause_, condition));
        return select_statement<Distinct, Columns, new_from, Where, Group, Having, Order, Limit, Offset>{
            {}, columns, append_join<Kind, Table>(from_clause_, condition), where_clause_, group_clause_,
            having_clause_, order_clause_, limit_clause_, offset_clause_};
    }

    template <sql_expression Condition>
    constexpr auto where(const Condition& condition) const {
        static_assert(has_from, "ctql: write .from(table) before .where()");
        static_assert(std::is_same_v<Where, no_clause>, "ctql: this select already has a WHERE clause; combine "
                                                        "conditions with && and ||");
        static_assert(detail::check_row_condition<Condition>());
        static_assert(detail::tables_available<Condition, available_tables>());
        using clause = condition_clause<keyword::where, Condition>;
        return select_statement<Distinct, Columns, From, clause, Group, Having, Order, Limit, Offset>{
            {}, columns, from_clause_, clause{condition}, group_clause_, having_clause_, order_clause_,
            limit_clause_, offset_clause_};
    }

    template <sql_expression... Es>
    constexpr auto group_by(const Es&... es) const {
        static_assert(has_from, "ctql: write .from(table) before .group_by()");
        static_assert(sizeof...(Es) > 0, "ctql: group_by() needs at least one column");
        static_assert((detail::tables_available<Es, available_tables>() && ...));
        using clause = list_clause<keyword::group_by, Es...>;
        return select_statement<Distinct, Columns, From, Where, clause, Having, Order, Limit, Offset>{
            {}, columns, from_clause_, where_clause_, clause{detail::make_value_list(es...)}, having_clause_, order_clause_, limit_clause_,
            offset_clause_};
    }

    template <sql_expression Condition>
    constexpr auto having(const Condition& condition) const {
        static_assert(!std::is_same_v<Group, no_clause>, "ctql: write .group_by() before .having()");
        static_assert(detail::check_condition<Condition>());
        static_assert(detail::tables_available<Condition, available_tables>());
        using clause = condition_clause<keyword::having, Condition>;
        return select_statement<Distinct, Columns, From, Where, Group, clause, Order, Limit, Offset>{
            {}, columns, from_clause_, where_clause_, group_clause_, clause{condition}, order_clause_,
            limit_clause_, offset_clause_};
    }

    template <class... Items>
    constexpr auto order_by(const Items&... items) const {
        static_assert(sizeof...(Items) > 0, "ctql: order_by() needs at least one column");
        using clause = list_clause<keyword::order_by, decltype(to_order_item(items))...>;
        return select_statement<Distinct, Columns, From, Where, Group, Having, clause, Limit, Offset>{
            {}, columns, from_clause_, where_clause_, group_clause_, having_clause_, clause{detail::make_value_list(to_order_item(items)...)},
            limit_clause_, offset_clause_};
    }

    // A run-time row count, bound as a parameter.
    constexpr auto limit(std::int64_t count) const {
        return with_limit(count_clause<keyword::limit>{count});
    }
    // A compile-time row count, written into the SQL text.
    template <std::int64_t Count>
    constexpr auto limit() const {
        return with_limit(constant_count_clause<keyword::limit, Count>{});
    }
    constexpr auto offset(std::int64_t count) const {
        return with_offset(count_clause<keyword::offset>{count});
    }
    template <std::int64_t Count>
    constexpr auto offset() const {
        return with_offset(constant_count_clause<keyword::offset, Count>{});
    }

    constexpr auto distinct() const {
        return select_statement<true, Columns, From, Where, Group, Having, Order, Limit, Offset>{
            {}, columns, from_clause_, where_clause_, group_clause_, having_clause_, order_clause_, limit_clause_,
            offset_clause_};
    }

private:
    template <class Kind, class Table, class Condition, class FromTable, class... Joins>
    static constexpr auto append_join(const from_clause<FromTable, Joins...>& from, const Condition& condition) {
        return from_clause<FromTable, Joins..., join_item<Kind, Table, Condition>>{
            detail::append_value(from.joins, join_item<Kind, Table, Condition>{condition})};
    }
    template <class Clause>
    constexpr auto with_limit(Clause clause) const {
        static_assert(std::is_same_v<Limit, no_clause>, "ctql: this select already has a LIMIT");
        return select_statement<Distinct, Columns, From, Where, Group, Having, Order, Clause, Offset>{
            {}, columns, from_clause_, where_clause_, group_clause_, having_clause_, order_clause_, clause,
            offset_clause_};
    }
    template <class Clause>
    constexpr auto with_offset(Clause clause) const {
        static_assert(std::is_same_v<Offset, no_clause>, "ctql: this select already has an OFFSET");
        return select_statement<Distinct, Columns, From, Where, Group, Having, Order, Limit, Clause>{
            {}, columns, from_clause_, where_clause_, group_clause_, having_clause_, order_clause_, limit_clause_,
            clause};
    }
};

namespace detail {
template <class Statement, class Kind, class Table>
struct pending_join {
    Statement statement;
    template <sql_expression Condition>
    constexpr auto on(const Condition& condition) const {
        return statement.template add_join<Kind, Table>(condition);
    }
};
}  // namespace detail

template <sql_expression... Es>
constexpr auto select(const Es&... es) {
    static_assert(sizeof...(Es) > 0, "ctql: select() needs at least one column or expression");
    return select_statement<false, select_list<Es...>, no_clause, no_clause, no_clause, no_clause, no_clause,
                            no_clause, no_clause>{{}, {detail::make_value_list(es...)}, {}, {}, {}, {}, {}, {}, {}};
}

}  // namespace ctql
