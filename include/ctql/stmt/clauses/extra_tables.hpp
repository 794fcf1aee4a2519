// SPDX-License-Identifier: MIT
#pragma once
// The other tables an UPDATE or DELETE reads to choose its rows and values:
//   update(orders).set(orders.note = users.name).from(users).where(orders.user_id == users.id)
//   delete_from(orders).using_(users).where(orders.user_id == users.id && users.banned)
// UPDATE ... FROM is written alike by both databases. SQLite has no
// DELETE ... USING; its dialect writes the same delete with WHERE EXISTS
// (dialect/sqlite.hpp).
#include <string_view>
#include <type_traits>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_list.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/clauses/clause.hpp>
#include <ctql/stmt/clauses/from.hpp>

namespace ctql {

namespace keyword {
struct update_from { static constexpr std::string_view text = " FROM "; };
struct delete_using { static constexpr std::string_view text = " USING "; };
}  // namespace keyword

namespace rule {
template <class Table, class TargetTable>
inline constexpr bool extra_table_is_not_the_target = !std::is_same_v<Table, TargetTable>;
}  // namespace rule

template <class Keyword, class... Tables>
struct extra_tables : detail::clause_defaults {
    using slot = detail::extra_tables_slot;
    using provided = detail::type_list<Tables...>;
    using params = detail::concat_t<detail::table_params_t<Tables>...>;

    detail::value_list<Tables...> tables_read;

    // The tables alone, comma-separated: the SQLite dialect moves them into a subquery.
    template <class Writer>
    static constexpr void render_tables(Writer& w) {
        bool first = true;
        ((w.put(first ? "" : ", "), detail::render_table_reference<Tables>(w), first = false), ...);
    }
    template <class Writer>
    static constexpr void render(Writer& w) {
        w.put(Keyword::text);
        render_tables(w);
    }
    template <class Visitor>
    constexpr void each_value(Visitor& visit) const {
        tables_read.for_each([&](const auto& table) { detail::table_values(table, visit); });
    }
};

namespace detail {
template <class Keyword, class Statement, class... Tables>
constexpr auto with_extra_tables(const Statement& statement, const Tables&... tables) {
    using target = typename Statement::template clause_t<target_slot>::table;
    static_assert(sizeof...(Tables) > 0, "ctql: name at least one table");
    static_assert((rule::extra_table_is_not_the_target<Tables, target> && ...),
                  "ctql: the table being changed is named again; to read it a second time, alias() it");
    static_assert(requires { requires Statement::template clause_t<where_slot>::rows_unchosen; },
                  "ctql: name the other tables before .where()");
    return statement.replace(extra_tables<Keyword, Tables...>{{}, make_value_list(tables...)});
}
}  // namespace detail

struct no_update_from : detail::clause_defaults {
    using slot = detail::extra_tables_slot;
    using provided = detail::type_list<>;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <table_type... Tables>
        constexpr auto from(const Tables&... tables) const {
            return detail::with_extra_tables<keyword::update_from>(static_cast<const Statement&>(*this), tables...);
        }
    };
};

struct no_delete_using : detail::clause_defaults {
    using slot = detail::extra_tables_slot;
    using provided = detail::type_list<>;
    static constexpr bool empty = true;

    template <class Statement>
    struct methods {
        template <table_type... Tables>
        constexpr auto using_(const Tables&... tables) const {
            return detail::with_extra_tables<keyword::delete_using>(static_cast<const Statement&>(*this), tables...);
        }
    };
};

}  // namespace ctql
