#pragma once
// The backends that shared test bodies run on. Each gives a connection to an
// empty database with the test schema created.
#include <ctql/postgres.hpp>
#include <ctql/sqlite.hpp>

#include "../postgres/pg_test_env.hpp"
#include "../test_schema.hpp"

namespace ctql_test {

template <class Connection, class... Tables>
void recreate(Connection& db, const Tables&... tables) {
    // Dropped in reverse so that referencing tables go first.
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        const auto all = std::forward_as_tuple(tables...);
        (db(ctql::drop_table(std::get<sizeof...(Tables) - 1 - I>(all))), ...);
    }(std::index_sequence_for<Tables...>{});
    (db(ctql::create_table(tables)), ...);
}

struct sqlite_backend {
    static constexpr const char* name = "sqlite";
    using connection = ctql::sqlite::connection;
    static connection open() { return connection{":memory:"}; }
};

struct postgres_backend {
    static constexpr const char* name = "postgres";
    using connection = ctql::postgres::connection;
    static connection open() { return connection{postgres_conninfo()}; }
};

template <class Backend>
typename Backend::connection fresh() {
    auto db = Backend::open();
    recreate(db, users, orders, all_types);
    return db;
}

}  // namespace ctql_test
