#pragma once
// The databases the task history tests run on: a SQLite file in WAL mode
// (several connections, as several workers would have) and the test
// PostgreSQL server, each with the history's tables dropped first.
#include <exception>
#include <memory>
#include <string>

#include <ctql/engine.hpp>
#include <ctql/pipeline/task_history.hpp>

#include "../common/engines.hpp"
#include "../common/sqlite_file.hpp"

namespace ctql_test {

inline void drop_history_tables(ctql::engine& db) {
    auto c = db.connect();
    ctql::drop_all(c, ctql::history::tasks, ctql::history::task_parameters, ctql::history::task_events);
}

struct history_on_sqlite {
    static constexpr const char* name = "sqlite";
    std::unique_ptr<sqlite_file> file = std::make_unique<sqlite_file>("history");
    ctql::engine db = make();
    ctql::engine make() {
        auto e = ctql::create_engine(file->url("?pool_size=4"));
        e.connect().execute(ctql::verbatim{"PRAGMA journal_mode=WAL"});
        return e;
    }
};

// The test database is shared: the history's tables are dropped afterwards,
// so that tests with a table of their own named tasks find none there.
struct history_on_postgres {
    static constexpr const char* name = "postgres";
    ctql::engine db = make();
    history_on_postgres() = default;
    history_on_postgres(const history_on_postgres&) = delete;
    history_on_postgres& operator=(const history_on_postgres&) = delete;
    ~history_on_postgres() {
        try {
            drop_history_tables(db);
        } catch (const std::exception&) {
            // A test that failed on a lost connection has failed already.
        }
    }
    static ctql::engine make() {
        auto e = ctql::create_engine(postgres_url() + (postgres_url().find('?') == std::string::npos ? "?" : "&") +
                                     "pool_size=4");
        drop_history_tables(e);
        return e;
    }
};

}  // namespace ctql_test
