// SPDX-License-Identifier: MIT
#pragma once
// CREATE TYPE ... AS ENUM / DROP TYPE IF EXISTS for an enum mapped with
// ctql::enum_names<E>::postgres_type (core/column_mapping.hpp), on PostgreSQL:
//
//   db(ctql::create_enum_type<mood>());   // CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')
//   db(ctql::create_table(diary));        // a column of type mood
//
// The type must exist before a table that uses it, and a table that uses it
// must be dropped before it. SQLite has no enum types (its column is TEXT):
// these statements do not compile for it.
#include <string_view>
#include <type_traits>

#include <ctql/core/column_mapping.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace detail {
template <class Writer>
constexpr void require_postgres_for_enum_type() {
    static_assert(Writer::dialect::name == std::string_view("postgresql"),
                  "ctql: CREATE TYPE ... AS ENUM is PostgreSQL's; on SQLite an enum column is TEXT and needs no type");
}
}  // namespace detail

template <detail::postgres_enum E>
struct create_enum_type_statement : statement_base<create_enum_type_statement<E>> {
    using result_row = void;
    using params = detail::type_list<>;
    static constexpr bool check() { return true; }

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::require_postgres_for_enum_type<Writer>();
        w.put("CREATE TYPE ");
        w.put(enum_names<E>::postgres_type);
        w.put(" AS ENUM (");
        bool first = true;
        for (std::string_view name : enum_names<E>::names) {
            w.put(first ? "'" : ", '");
            first = false;
            for (char c : name) {
                if (c == '\'') w.put('\'');
                w.put(c);
            }
            w.put('\'');
        }
        w.put(')');
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <detail::postgres_enum E>
struct drop_enum_type_statement : statement_base<drop_enum_type_statement<E>> {
    using result_row = void;
    using params = detail::type_list<>;
    static constexpr bool check() { return true; }

    template <class Writer>
    static constexpr void render(Writer& w) {
        detail::require_postgres_for_enum_type<Writer>();
        w.put("DROP TYPE IF EXISTS ");
        w.put(enum_names<E>::postgres_type);
    }
    template <class Visitor>
    constexpr void each_value(Visitor&) const {}
};

template <detail::postgres_enum E>
constexpr create_enum_type_statement<E> create_enum_type() {
    return {};
}
template <detail::postgres_enum E>
constexpr drop_enum_type_statement<E> drop_enum_type() {
    return {};
}

}  // namespace ctql
