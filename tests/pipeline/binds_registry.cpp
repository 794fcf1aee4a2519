// A registry of engines by bind name, with a SQLite and a PostgreSQL
// database: each statement runs on the database of its tables' bind, which
// raw SQL on both databases confirms.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <ctql/engine.hpp>
#include <ctql/pipeline/binds.hpp>

#include "../common/engines.hpp"
#include "../common/raw_sql.hpp"
#include "../common/sqlite_file.hpp"
#include "../common/error_text.hpp"

CTQL_TABLE(binds_notes,
    (id,   std::int64_t, ctql::primary_key),
    (text, std::string));

CTQL_TABLE(binds_events,
    (id,   std::int64_t, ctql::primary_key),
    (kind, std::string));
CTQL_TABLE_BIND(binds_events, "warehouse");

using namespace ctql;
using ctql_test::postgres_url;

namespace {
// Both tables, empty, in one database: a row in the wrong one would be seen.
void recreate_both(engine db) {
    auto c = db.connect();
    c(drop_table(binds_notes));
    c(drop_table(binds_events));
    c(create_table(binds_notes));
    c(create_table(binds_events));
}

std::string raw_count(engine db, const std::string& table) {
    auto c = db.connect();
    return c.with_backend([&](auto& backend) {
        return ctql_test::raw_scalar_text(backend, "SELECT count(*) FROM " + table).value_or("NULL");
    });
}

struct two_databases {
    ctql_test::sqlite_file file{"binds_registry"};
    engine lite = create_engine(file.url());
    engine pg = create_engine(postgres_url());
    two_databases() {
        recreate_both(lite);
        recreate_both(pg);
    }
};
}  // namespace

TEST_CASE("a statement runs on the engine of its tables' bind, SQLite or PostgreSQL") {
    two_databases dbs;
    // Both ways round: the default bind on SQLite and warehouse on PostgreSQL, then the reverse.
    for (const bool default_on_sqlite : {true, false}) {
        INFO("default on " << (default_on_sqlite ? "SQLite" : "PostgreSQL"));
        recreate_both(dbs.lite);
        recreate_both(dbs.pg);
        engine default_db = default_on_sqlite ? dbs.lite : dbs.pg;
        engine warehouse_db = default_on_sqlite ? dbs.pg : dbs.lite;
        bind_registry registry;
        registry.add("default", default_db).add("warehouse", warehouse_db);

        CHECK(registry(insert_into(binds_events).set(binds_events.kind = "login")) == 1);
        CHECK(registry(insert_into(binds_events).set(binds_events.kind = "logout")) == 1);
        CHECK(registry(insert_into(binds_notes).set(binds_notes.text = "hello")) == 1);
        // A bulk insert of rows goes the same way.
        const std::vector<std::tuple<std::string>> more{{"view"}, {"click"}};
        CHECK(registry(insert_into(binds_events).columns(binds_events.kind), more) == 2);
        CHECK(raw_count(warehouse_db, "binds_events") == "4");
        CHECK(registry(delete_from(binds_events).where(binds_events.kind == "view" || binds_events.kind == "click")) == 2);

        CHECK(raw_count(warehouse_db, "binds_events") == "2");
        CHECK(raw_count(default_db, "binds_events") == "0");
        CHECK(raw_count(default_db, "binds_notes") == "1");
        CHECK(raw_count(warehouse_db, "binds_notes") == "0");

        // Selects return their rows as a connection's do, with parameters.
        const auto kinds = registry(select(binds_events.kind)
                                        .from(binds_events)
                                        .where(binds_events.kind != param<"skip", std::string>)
                                        .order_by(binds_events.kind.asc()),
                                    arg<"skip">(std::string{"nothing"}));
        REQUIRE(kinds.size() == 2);
        CHECK(kinds[0] == "login");
        CHECK(kinds[1] == "logout");
        CHECK(registry(update(binds_events).set(binds_events.kind = "exit").where(binds_events.kind == "logout")) == 1);
        CHECK(registry(delete_from(binds_notes).all_rows()) == 1);
        CHECK(raw_count(default_db, "binds_notes") == "0");
        CHECK(warehouse_db.connect().with_backend([](auto& backend) {
            return ctql_test::raw_scalar_text(backend, "SELECT kind FROM binds_events WHERE id = 2");
        }) == "exit");

        CHECK(registry.engine_for<binds_events_t>().display_url() == warehouse_db.display_url());
        CHECK(registry.engine_for(select(binds_notes.id).from(binds_notes)).display_url() == default_db.display_url());
        CHECK(registry.connect_for(select(binds_events.id).from(binds_events)).backend() == warehouse_db.backend());
    }
}

TEST_CASE("a registry transaction commits on the bind's database, and rolls back when its function throws") {
    two_databases dbs;
    bind_registry registry;
    registry.add("default", dbs.lite).add("warehouse", dbs.pg);

    const auto id = registry.transaction<binds_events_t>([](connection& c) {
        c(insert_into(binds_events).set(binds_events.kind = "a"));
        c(insert_into(binds_events).set(binds_events.kind = "b"));
        return c(select(max(binds_events.id)).from(binds_events)).front();
    });
    CHECK(id == 2);
    CHECK(raw_count(dbs.pg, "binds_events") == "2");

    CHECK_THROWS_WITH(registry.transaction<binds_events_t>([](connection& c) {
        c(insert_into(binds_events).set(binds_events.kind = "c"));
        throw std::runtime_error("stop");
    }), "stop");
    CHECK(raw_count(dbs.pg, "binds_events") == "2");

    CHECK_THROWS_WITH(registry.transaction("default", [](connection& c) {
        c(insert_into(binds_notes).set(binds_notes.text = "lost"));
        throw std::runtime_error("stop");
    }), "stop");
    CHECK(raw_count(dbs.lite, "binds_notes") == "0");
    registry.transaction("default", [](connection& c) { c(insert_into(binds_notes).set(binds_notes.text = "kept")); });
    CHECK(raw_count(dbs.lite, "binds_notes") == "1");
}

TEST_CASE("a bind that is not registered is an interface_error naming it and the binds registered") {
    bind_registry registry;
    CHECK(ctql_test::error_text([&] { registry(select(binds_notes.id).from(binds_notes)); }) ==
          "ctql: no database is registered for the bind \"default\"; none is registered");
    registry.add("default", create_engine("sqlite://")).add("reporting", create_engine("sqlite://"));
    CHECK(ctql_test::error_text([&] { registry(insert_into(binds_events).set(binds_events.kind = "x")); }) ==
          "ctql: no database is registered for the bind \"warehouse\"; the registered binds are: default, reporting");
    CHECK(ctql_test::error_text([&] { registry.transaction<binds_events_t>([](connection&) {}); }) ==
          "ctql: no database is registered for the bind \"warehouse\"; the registered binds are: default, reporting");
    CHECK(ctql_test::error_text([&] { registry.connect("nowhere"); }) ==
          "ctql: no database is registered for the bind \"nowhere\"; the registered binds are: default, reporting");
    CHECK_THROWS_AS(registry.engine("nowhere"), interface_error);
    CHECK(registry.contains("reporting"));
    CHECK_FALSE(registry.contains("warehouse"));
    CHECK(registry.names() == std::vector<std::string>{"default", "reporting"});
}

TEST_CASE("a bind is registered once, under a name that can be a configuration section") {
    bind_registry registry;
    registry.add("default", create_engine("sqlite://"));
    CHECK(ctql_test::error_text([&] { registry.add("default", create_engine("sqlite://")); }) ==
          "ctql: the bind \"default\" is registered already (to sqlite://); register each bind once");
    CHECK(ctql_test::error_text([&] { registry.add("Warehouse", create_engine("sqlite://")); }) ==
          "ctql: cannot register the bind \"Warehouse\": a bind name begins with a lower-case letter a-z");
    CHECK(ctql_test::error_text([&] { registry.add("ware-house", create_engine("sqlite://")); }) ==
          "ctql: cannot register the bind \"ware-house\": a bind name holds only lower-case letters a-z, digits "
          "and '_'");
    CHECK(ctql_test::error_text([&] { registry.add("", create_engine("sqlite://")); }) ==
          "ctql: cannot register the bind \"\": a bind name is empty");
    CHECK(registry.names() == std::vector<std::string>{"default"});
}

TEST_CASE("threads route statements through one registry at the same time") {
    two_databases dbs;
    bind_registry registry;
    registry.add("default", dbs.lite).add("warehouse", dbs.pg);
    const bind_registry copy = registry;  // copies share the engines
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            const bind_registry& r = t % 2 == 0 ? registry : copy;
            for (int i = 0; i < 25; ++i) {
                r(insert_into(binds_events).set(binds_events.kind = "t"));
                r(insert_into(binds_notes).set(binds_notes.text = "t"));
            }
        });
    for (auto& t : threads) t.join();
    CHECK(raw_count(dbs.pg, "binds_events") == "100");
    CHECK(raw_count(dbs.lite, "binds_notes") == "100");
    CHECK(raw_count(dbs.lite, "binds_events") == "0");
    CHECK(raw_count(dbs.pg, "binds_notes") == "0");
}
