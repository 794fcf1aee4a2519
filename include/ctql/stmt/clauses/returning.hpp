// SPDX-License-Identifier: MIT
#pragma once
// RETURNING expressions: the rows an INSERT, UPDATE or DELETE wrote, typed as
// a select's rows are.
//   insert_into(users).set(users.name = "Ada").returning(users.id)       one std::int64_t per row
//   update(users).set(...).where(...).returning(users.id, users.score)   rows with members id and score
// Only the written table's columns: SQLite allows nothing else (not even the
// tables of UPDATE ... FROM), so ctql asks the same of both backends.
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/result/row_type.hpp>
#include <ctql/stmt/clauses/clause.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace rule {
template <class Table, class Expression, class TargetTable>
inline constexpr bool returning_reads_target_table = std::is_same_v<Table, TargetTable>;
}  // namespace rule

namespace detail {
template <class Expression, class Target, class... Tables>
constexpr bool check_returning_tables(type_list<Tables...>) {
    static_assert((rule::returning_reads_target_table<Tables, Expression, Target> && ...),
                  "ctql: RETURNING may only name columns of the table the statement writes to");
    return true;
}
}  // namespace detail

template <class... Es>
struct returning_columns : detail::clause_defaults {
    using slot = detail::returning_slot;
    using params = detail::concat_t<typename Es::params...>;
    using result_row = detail::row_type_t<detail::type_list<>, Es...>;
    static constexpr auto names = detail::selected_names<Es...>;

    detail::value_list<Es...> items;

    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(" RETURNING ");
        detail::render_selected_items<Es...>(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        items.for_each([&](const auto& item) { item.each_value(visit); });
    }
};

struct no_returning : detail::clause_defaults {
    using slot = detail::returning_slot;
    using result_row = void;
    static constexpr bool names = false;

    template <class Statement>
    struct methods {
        template <sql_expression... Es>
        constexpr auto returning(const Es&... es) const {
            static_assert(sizeof...(Es) > 0, "ctql: returning() needs at least one column or expression");
            using target = typename Statement::template clause_t<detail::target_slot>::table;
            static_assert((detail::check_returning_tables<Es, target>(typename Es::tables{}) && ...));
            static_assert((rule::not_an_aggregate<Es, sql_type_of<Es>> && ...),
                          "ctql: RETURNING cannot hold an aggregate: it returns one row per row written");
            return static_cast<const Statement&>(*this).replace(
                returning_columns<Es...>{{}, detail::make_value_list(es...)});
        }
    };
};

namespace detail {
// What an INSERT, UPDATE or DELETE returns: the rows of its RETURNING, or
// (void) the number of rows it changed.
template <class Clauses>
using returning_of = clause_in_t<returning_slot, Clauses>;

struct writing_kind {
    template <class Clauses>
    using result_row = typename returning_of<Clauses>::result_row;
    template <class Clauses>
    static constexpr auto column_names = returning_of<Clauses>::names;
    static constexpr bool is_query = false;
    template <class Clauses>
    static constexpr std::size_t column_count = 0;
};
}  // namespace detail

}  // namespace ctql
