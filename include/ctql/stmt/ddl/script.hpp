// SPDX-License-Identifier: MIT
#pragma once
// A list of DDL statements run in order in one transaction: what create_all,
// drop_all and create_indexes return.
//
//   constexpr auto schema = ctql::create_all(users, orders);
//   schema.run(db);                                   // BEGIN; CREATE ...; CREATE ...; COMMIT
//   for (auto sql : schema.sql<ctql::dialect::postgres>()) fmt::print("{};\n", sql);
//
// Each statement is an ordinary statement (prepared, logged, cached as any
// other); the list is a type, so its SQL texts are constants too.
#include <array>
#include <cstddef>
#include <string_view>

#include <ctql/stmt/statement.hpp>

namespace ctql {

template <statement... Statements>
struct ddl_script {
    static constexpr std::size_t size = sizeof...(Statements);

    template <class Dialect>
    static constexpr std::array<std::string_view, size> sql() {
        return {Statements::template sql<Dialect>()...};
    }

    template <class F>
    static constexpr void for_each(F&& f) {
        (f(Statements{}), ...);
    }

    // Runs every statement on `db` (any connection: sqlite, postgres, an
    // engine's) in one transaction, or in a savepoint inside an open one:
    // all of them take effect, or none.
    template <class Connection>
    void run(Connection& db) const {
        db.transaction([&] { (static_cast<void>(db(Statements{})), ...); });
    }

    // The same statements without IF NOT EXISTS / IF EXISTS: each fails when
    // what it creates exists already, or what it drops does not.
    constexpr ddl_script<typename Statements::unconditional...> must_not_exist() const
        requires(Statements::creates && ...)
    {
        return {};
    }
    constexpr ddl_script<typename Statements::unconditional...> must_exist() const
        requires(!Statements::creates && ...)
    {
        return {};
    }
};

}  // namespace ctql
