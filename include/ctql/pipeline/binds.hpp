// SPDX-License-Identifier: MIT
#pragma once
// Named databases ("binds"): a program that talks to several databases names
// each one, says in a table's declaration which database holds the table, and
// lets a registry send every statement to the database of its tables.
//
//   CTQL_TABLE(events, (id, std::int64_t, ctql::primary_key), (kind, std::string));
//   CTQL_TABLE_BIND(events, "warehouse");                 // in the table's namespace, after it
//
//   ctql::bind_registry dbs;
//   dbs.add("default", ctql::create_engine("sqlite:///app.db"));
//   dbs.add("warehouse", ctql::create_engine("postgresql://etl@wh/events?password_env=WH_PW"));
//   dbs(insert_into(events).set(events.kind = "login"));   // runs on "warehouse"
//   dbs.transaction<events_t>([&](ctql::connection& c) { c(...); c(...); });
//
// A table without CTQL_TABLE_BIND belongs to the bind named "default"
// (ctql::default_bind). A statement's bind is found at compile time from every
// table it names: FROM and JOINs, the table an INSERT, UPDATE or DELETE
// writes, UPDATE ... FROM and DELETE ... USING, subqueries, derived tables and
// CTEs, the tables of a union. All of them must have the same bind, the
// default counting as a bind of its own: a statement reads and writes one
// database, so tables of two binds in one statement fail to compile, naming
// both binds and a table of each. A statement that names no table runs on the
// default bind. The check is made where a statement is routed by its bind
// (the registry's operator(), connect_for(), statement_bind_v).
//
// Bind names are lower-case ASCII letters, digits and '_', beginning with a
// letter, so that each is also a configuration section ([database.warehouse])
// and part of an environment variable (CTQL_DATABASE_WAREHOUSE_URL); see
// pipeline/database_config.hpp.
//
// The registry may be used from any number of threads at once, add() included:
// it hands out copies of its engines (which share their pools) under a lock.
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/core/error.hpp>
#include <ctql/core/fixed_string.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/engine/engine.hpp>
#include <ctql/expr/rules.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

// The bind of every table that names none.
inline constexpr std::string_view default_bind = "default";

namespace detail {
// Why `name` cannot name a bind, or an empty view when it can.
constexpr std::string_view bind_name_problem(std::string_view name) {
    if (name.empty()) return "a bind name is empty";
    if (!(name[0] >= 'a' && name[0] <= 'z')) return "a bind name begins with a lower-case letter a-z";
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return "a bind name holds only lower-case letters a-z, digits and '_'";
    return {};
}
}  // namespace detail

namespace rule {
template <class Table, class BindName>
inline constexpr bool bind_name_is_an_identifier = false;
template <class FirstBind, class TableOfFirst, class SecondBind, class TableOfSecond>
inline constexpr bool statement_tables_share_one_bind = false;
}  // namespace rule

namespace detail {
// What CTQL_TABLE_BIND returns: the bind's name, carried in the type.
template <fixed_string Name>
struct table_bind {
    static constexpr fixed_string name = Name;
};

template <class Table, fixed_string Name>
constexpr table_bind<Name> make_table_bind() {
    static_assert(table_type<Table>, "ctql: CTQL_TABLE_BIND names a table declared with CTQL_TABLE");
    if constexpr (!bind_name_problem(Name.view()).empty())
        static_assert(rule::bind_name_is_an_identifier<Table, ctql::name_of<Name>>,
                      "ctql: the bind name in CTQL_TABLE_BIND is not an identifier: use lower-case letters a-z, "
                      "digits and '_', beginning with a letter (it names a [database.<name>] section)");
    return {};
}

template <class Table>
constexpr auto bind_of() {
    if constexpr (requires(const Table& t) { ctql_table_bind(t); }) return decltype(ctql_table_bind(Table{})){};
    else return table_bind<"default">{};
}
template <class Table>
using bind_of_t = decltype(bind_of<Table>());
}  // namespace detail

// The bind a table belongs to: the name given by CTQL_TABLE_BIND, or "default".
template <table_type Table>
inline constexpr std::string_view table_bind_v = detail::bind_of_t<std::remove_cvref_t<Table>>::name.view();

namespace detail {
// The tables a statement names, found by going through the template
// arguments of its type: clauses, expressions and the queries inside them.
// Each node is visited once per type, so the cost is one small instantiation
// per distinct node. A table may be listed more than once.
template <class T>
struct named_tables;
template <class T>
using named_tables_t = typename named_tables<T>::type;

template <class List>
struct named_tables_of_list {
    using type = type_list<>;
};
template <class... Ts>
struct named_tables_of_list<type_list<Ts...>> {
    using type = concat_t<named_tables_t<Ts>...>;
};

// The template arguments of a node, for the shapes ctql's templates have
// (C++20 has no template parameter that takes types and values alike).
template <class T>
struct argument_tables {
    using type = type_list<>;
};
template <template <class...> class K, class... A>
struct argument_tables<K<A...>> {
    using type = concat_t<named_tables_t<A>...>;
};
template <template <auto, class...> class K, auto V, class... A>
struct argument_tables<K<V, A...>> {
    using type = concat_t<named_tables_t<A>...>;
};
template <template <auto, auto, class...> class K, auto V, auto W, class... A>
struct argument_tables<K<V, W, A...>> {
    using type = concat_t<named_tables_t<A>...>;
};
template <template <class, auto, class...> class K, class B, auto V, class... A>
struct argument_tables<K<B, V, A...>> {
    using type = concat_t<named_tables_t<B>, named_tables_t<A>...>;
};
template <template <class, auto, auto, class...> class K, class B, auto V, auto W, class... A>
struct argument_tables<K<B, V, W, A...>> {
    using type = concat_t<named_tables_t<B>, named_tables_t<A>...>;
};
template <template <class, class, auto, class...> class K, class B, class C, auto V, class... A>
struct argument_tables<K<B, C, V, A...>> {
    using type = concat_t<named_tables_t<B>, named_tables_t<C>, named_tables_t<A>...>;
};

template <class T>
constexpr bool stored_table = table_type<T> && requires { typename T::ctql_columns; } &&
                              !requires { typename T::ctql_source; };

template <class T>
constexpr auto find_named_tables() {
    if constexpr (!std::is_same_v<T, std::remove_cvref_t<T>>) {
        return named_tables_t<std::remove_cvref_t<T>>{};
    } else if constexpr (stored_table<T>) {
        return type_list<T>{};
    } else if constexpr (table_type<T> && requires { typename T::ctql_source; }) {
        return type_list<typename T::ctql_source>{};  // an alias is its table
    } else if constexpr (requires { typename T::tables; }) {
        // Columns are no template: their table is in `tables`.
        return concat_t<typename named_tables_of_list<typename T::tables>::type, typename argument_tables<T>::type>{};
    } else {
        return typename argument_tables<T>::type{};
    }
}

template <class T>
struct named_tables {
    using type = decltype(find_named_tables<T>());
};

// The index of the first table whose bind differs from the first table's, or
// the number of tables when they all agree.
template <class... Tables>
constexpr std::size_t first_other_bind(type_list<Tables...>) {
    constexpr std::size_t n = sizeof...(Tables);
    if constexpr (n == 0) {
        return 0;
    } else {
        const std::string_view binds[] = {table_bind_v<Tables>...};
        for (std::size_t i = 1; i < n; ++i)
            if (binds[i] != binds[0]) return i;
        return n;
    }
}

template <class Statement>
constexpr std::string_view find_statement_bind() {
    using tables = union_t<named_tables_t<Statement>>;
    if constexpr (tables::size == 0) {
        return default_bind;
    } else {
        constexpr std::size_t other = first_other_bind(tables{});
        using first = nth_t<0, tables>;
        if constexpr (other != tables::size) {
            using second = nth_t<other, tables>;
            static_assert(rule::statement_tables_share_one_bind<ctql::name_of<bind_of_t<first>::name>, first,
                                                                ctql::name_of<bind_of_t<second>::name>, second>,
                          "ctql: this statement uses tables of two binds (named in "
                          "rule::statement_tables_share_one_bind<bind, table, other bind, other table>); a "
                          "statement runs on one database: split it, or declare the tables with one bind");
        }
        return table_bind_v<first>;
    }
}
}  // namespace detail

// The bind a statement runs on: that of all its tables (which must agree), or
// "default" for a statement that names no table.
template <statement Statement>
inline constexpr std::string_view statement_bind_v = detail::find_statement_bind<std::remove_cvref_t<Statement>>();

// Engines by bind name; statements go to the engine of their tables' bind.
class bind_registry {
public:
    bind_registry() = default;
    bind_registry(const bind_registry& other) : engines_(other.snapshot()) {}
    bind_registry& operator=(const bind_registry& other) {
        if (this != &other) {
            auto copied = other.snapshot();
            std::unique_lock lock{mutex_};
            engines_ = std::move(copied);
        }
        return *this;
    }

    // Registers an engine under a bind name; a name is registered once.
    bind_registry& add(std::string_view name, ctql::engine db) {
        if (const auto problem = detail::bind_name_problem(name); !problem.empty())
            throw interface_error("ctql: cannot register the bind \"" + std::string{name} + "\": " +
                                  std::string{problem});
        std::unique_lock lock{mutex_};
        const auto [at, added] = engines_.emplace(std::string{name}, std::move(db));
        if (!added)
            throw interface_error("ctql: the bind \"" + std::string{name} + "\" is registered already (to " +
                                  at->second.display_url() + "); register each bind once");
        return *this;
    }

    bool contains(std::string_view name) const {
        std::shared_lock lock{mutex_};
        return engines_.find(name) != engines_.end();
    }

    // The registered bind names, sorted.
    std::vector<std::string> names() const {
        std::shared_lock lock{mutex_};
        std::vector<std::string> out;
        for (const auto& entry : engines_) out.push_back(entry.first);
        return out;
    }

    // The engine of a bind (a copy sharing the registered engine's pool).
    ctql::engine engine(std::string_view name) const {
        std::shared_lock lock{mutex_};
        const auto at = engines_.find(name);
        if (at == engines_.end()) throw_unknown(name);
        return at->second;
    }

    template <table_type Table>
    ctql::engine engine_for() const {
        return engine(table_bind_v<Table>);
    }
    template <statement Statement>
    ctql::engine engine_for(const Statement&) const {
        return engine(statement_bind_v<Statement>);
    }

    ctql::connection connect(std::string_view name) const { return engine(name).connect(); }

    // A connection to the database of the statement's bind.
    template <statement Statement>
    ctql::connection connect_for(const Statement& stmt) const {
        return engine_for(stmt).connect();
    }

    // Runs a statement on the engine of its bind, as a connection runs it: a
    // select returns its rows, anything else the number of rows it changed;
    // arguments are named parameters, or the rows of insert_into(t).columns(...).
    template <statement Statement, class... Arguments>
    auto operator()(const Statement& stmt, Arguments&&... args) const {
        ctql::connection conn = connect_for(stmt);
        return conn(stmt, std::forward<Arguments>(args)...);
    }

    // fn(ctql::connection&) in a transaction on the database of Table's bind,
    // or of the bind named: commits when fn returns, rolls back and rethrows
    // when it throws. Statements run on that connection go to that database
    // whatever their tables: check them with statement_bind_v when in doubt.
    template <table_type Table, class F>
    decltype(auto) transaction(F&& fn, const transaction_options& options = {}) const {
        return engine_for<Table>().transaction(std::forward<F>(fn), options);
    }
    template <class F>
    decltype(auto) transaction(std::string_view name, F&& fn, const transaction_options& options = {}) const {
        return engine(name).transaction(std::forward<F>(fn), options);
    }

private:
    std::map<std::string, ctql::engine, std::less<>> snapshot() const {
        std::shared_lock lock{mutex_};
        return engines_;
    }

    [[noreturn]] void throw_unknown(std::string_view name) const {
        std::string known;
        for (const auto& entry : engines_) known += (known.empty() ? "" : ", ") + entry.first;
        throw interface_error("ctql: no database is registered for the bind \"" + std::string{name} + "\"; " +
                              (known.empty() ? std::string{"none is registered"}
                                             : "the registered binds are: " + known));
    }

    mutable std::shared_mutex mutex_;
    std::map<std::string, ctql::engine, std::less<>> engines_;
};

}  // namespace ctql

// Names the bind (database) of a table declared with CTQL_TABLE; write it in
// the table's namespace, after the table and before statements use it.
#define CTQL_TABLE_BIND(table_name, bind_name)                                      \
    constexpr auto ctql_table_bind(const table_name##_t&) {                        \
        return ::ctql::detail::make_table_bind<table_name##_t, bind_name>();        \
    }                                                                              \
    static_assert(::ctql::table_type<table_name##_t>, "ctql: CTQL_TABLE_BIND names a table declared with CTQL_TABLE")
