// One program, any database: the same code runs on SQLite or PostgreSQL,
// chosen by the URL alone (default: sqlite://, an in-memory database).
//
//   example_engine                                   # SQLite in memory
//   example_engine "postgresql://app@localhost/app"  # PostgreSQL
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include <ctql/engine.hpp>

CTQL_TABLE(tasks,
    (id,    std::int64_t, ctql::primary_key),
    (title, std::string),
    (done,  bool,         ctql::default_value<false>));

using namespace ctql;

int main(int argc, char** argv) {
    engine_options options;
    options.echo.enabled = true;  // log every statement, its values and its duration to stderr
    engine db = create_engine(argc > 1 ? argv[1] : "sqlite://", options);
    fmt::print("engine: {}\n", db.display_url());  // the password, if any, shows as ***

    {
        auto conn = db.connect();
        conn(drop_table(tasks));
        conn(create_table(tasks));
    }

    // All or nothing: the transaction commits when the function returns.
    db.transaction([](connection& conn) {
        conn(insert_into(tasks).set(tasks.title = "write the schema"));
        conn(insert_into(tasks).set(tasks.title = "run it everywhere"));
        conn(update(tasks).set(tasks.done = true).where(tasks.title == "write the schema"));
    });

    // An exception rolls the whole transaction back.
    try {
        db.transaction([](connection& conn) {
            conn(insert_into(tasks).set(tasks.title = "never stored"));
            throw std::runtime_error("changed my mind");
        });
    } catch (const std::runtime_error& e) {
        fmt::print("rolled back: {}\n", e.what());
    }

    auto conn = db.connect();
    for (const auto& [title, done] : conn(select(tasks.title, tasks.done).from(tasks).order_by(tasks.id)))
        fmt::print("[{}] {}\n", done ? 'x' : ' ', title);
    conn(drop_table(tasks));
}
