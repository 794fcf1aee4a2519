// Who may migrate, and migrating from two places at once: an admin role runs
// the migrations and a user role only reads and writes data (two real
// PostgreSQL roles, created and dropped by the test); two connections
// upgrading at the same time apply each migration once (SQLite and PostgreSQL).
#include <catch2/catch.hpp>

#include <cstdint>
#include <exception>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <ctql/engine.hpp>
#include <ctql/pipeline/migrations.hpp>

#include "../common/engines.hpp"
#include "../common/raw_sql.hpp"
#include "../common/sqlite_file.hpp"
#include "../postgres/pg_test_env.hpp"
#include "../common/error_text.hpp"

namespace mig_roles {
CTQL_TABLE(notes,
    (id,   std::int64_t, ctql::primary_key),
    (body, std::string));
}  // namespace mig_roles

using namespace ctql;
using mig_roles::notes;

namespace {
std::vector<migration> app_migrations() {
    return {
        {.id = "0001_notes", .up = {create_table(notes)}, .down = {drop_table(notes)}},
        {.id = "0002_tags", .up = {sql_step("CREATE TABLE tags (name TEXT PRIMARY KEY)")}, .down = {sql_step("DROP TABLE tags")}},
    };
}

// The test server's URL with another user: postgresql://postgres@/ctql_test?... -> postgresql://<role>@/...
std::string url_as(const std::string& role) {
    std::string url = ctql_test::postgres_url();
    const std::string from = "postgresql://postgres@";
    REQUIRE(url.starts_with(from));
    return "postgresql://" + role + "@" + url.substr(from.size());
}

// Two roles and a schema owned by the admin one; dropped again when the test ends, however it ends.
struct two_roles {
    ctql_test::owned_conn super = ctql_test::connect_test_db();

    two_roles() {
        drop();
        for (const char* sql : {
                 "CREATE ROLE ctql_mig_admin LOGIN",
                 "CREATE ROLE ctql_mig_user LOGIN",
                 "GRANT CONNECT ON DATABASE ctql_test TO ctql_mig_admin, ctql_mig_user",
                 "CREATE SCHEMA mig_app AUTHORIZATION ctql_mig_admin",
                 "GRANT USAGE ON SCHEMA mig_app TO ctql_mig_user",
                 // What the admin creates there, the user may read and write, and nothing more.
                 "ALTER DEFAULT PRIVILEGES FOR ROLE ctql_mig_admin IN SCHEMA mig_app "
                 "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ctql_mig_user",
                 "ALTER ROLE ctql_mig_admin SET search_path = mig_app",
                 "ALTER ROLE ctql_mig_user SET search_path = mig_app",
             })
            ctql_test::exec(super.get(), sql);
    }
    ~two_roles() {
        try {
            drop();
        } catch (...) {
            // reported by the next run's drop(), which fails loudly
        }
    }
    two_roles(const two_roles&) = delete;
    two_roles& operator=(const two_roles&) = delete;

    void drop() {
        ctql_test::exec(super.get(), "DROP SCHEMA IF EXISTS mig_app CASCADE");
        for (const std::string role : {"ctql_mig_admin", "ctql_mig_user"}) {
            if (ctql_test::scalar_text(super.get(), "SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'") == "0")
                continue;
            ctql_test::exec(super.get(), "DROP OWNED BY " + role);
            ctql_test::exec(super.get(), "DROP ROLE " + role);
        }
    }
};
}  // namespace

TEST_CASE("the admin role migrates; the user role writes data but is refused a migration, naming its role",
          "[postgres][migrations]") {
    two_roles roles;
    {
        auto admin = create_engine(url_as("ctql_mig_admin"));
        auto user = create_engine(url_as("ctql_mig_user"));
        auto as_admin = admin.connect();
        auto as_user = user.connect();

        CHECK(migrator{as_admin, app_migrations()}.upgrade().runs.size() == 2);
        CHECK(ctql_test::scalar_text(roles.super.get(),
                                     "SELECT tableowner FROM pg_tables WHERE schemaname = 'mig_app' AND tablename = 'notes'") ==
              "ctql_mig_admin");

        // The user role reads and writes data.
        CHECK(as_user(insert_into(notes).set(notes.body = "written by the user role")) == 1);
        CHECK(as_user(select(count()).from(notes)).front() == 1);
        // And may look at the migrations' status.
        const auto status = migrator{as_user, app_migrations()}.status();
        REQUIRE(status.size() == 2);
        CHECK(status[1].state == migration_state::applied);

        // A new migration run as the user role is refused before anything runs.
        auto more = app_migrations();
        more.push_back({.id = "0003_archive",
                        .up = {sql_step("CREATE TABLE archive (id BIGINT)"), sql_step("ALTER TABLE notes ADD COLUMN kept BOOLEAN")}});
        const std::string refused = ctql_test::error_text([&] { migrator{as_user, more}.upgrade(); });
        CHECK_THAT(refused, Catch::Contains("the role \"ctql_mig_user\" lacks the rights to run DDL: it has no CREATE "
                                            "privilege on schema \"mig_app\", so it cannot run migrations (nothing "
                                            "was run). Run them as the admin role"));
        CHECK(ctql_test::scalar_text(roles.super.get(), "SELECT count(*) FROM mig_app.schema_migrations") == "2");
        CHECK(ctql_test::scalar_text(roles.super.get(), "SELECT to_regclass('mig_app.archive') IS NULL") == "t");

        // Given CREATE on the schema, the user role passes that check, and the database refuses the
        // ALTER of a table the admin role owns: the migration is rolled back whole, archive included.
        ctql_test::exec(roles.super.get(), "GRANT CREATE ON SCHEMA mig_app TO ctql_mig_user");
        const std::string denied = ctql_test::error_text([&] { migrator{as_user, more}.upgrade(); });
        CHECK_THAT(denied, Catch::Contains("migration \"0003_archive\" up step 2 of 2 failed; the migration was rolled "
                                           "back whole") &&
                               Catch::Contains("The role \"ctql_mig_user\" lacks the rights to run this DDL: run "
                                               "migrations as the admin role") &&
                               Catch::Contains("must be owner of table notes") && Catch::Contains("42501"));
        CHECK(ctql_test::scalar_text(roles.super.get(), "SELECT count(*) FROM mig_app.schema_migrations") == "2");
        CHECK(ctql_test::scalar_text(roles.super.get(), "SELECT to_regclass('mig_app.archive') IS NULL") == "t");

        // The admin role applies it.
        CHECK(migrator{as_admin, more}.upgrade().runs.size() == 1);
        CHECK(ctql_test::scalar_text(roles.super.get(), "SELECT count(*) FROM mig_app.schema_migrations") == "3");
    }
    // The roles go again, with what they own and were granted (as they do when the test fails).
    roles.drop();
    CHECK(ctql_test::scalar_text(roles.super.get(),
                                 "SELECT count(*) FROM pg_roles WHERE rolname IN ('ctql_mig_admin', 'ctql_mig_user')") == "0");
}

namespace {
// Migrations that count their own runs in mig_runs (a second run of one would add a second row),
// each holding its lock for a while, so that two migrators overlap.
std::vector<migration> counted_migrations() {
    const auto slow = [](const std::string& table) {
        return sql_step("CREATE TABLE " + table +
                        " AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000) "
                        "SELECT x FROM c");
    };
    return {
        {.id = "0001", .up = {sql_step("CREATE TABLE mig_runs (id TEXT)"), sql_step("INSERT INTO mig_runs VALUES ('0001')")}},
        {.id = "0002", .up = {slow("mig_big_a"), sql_step("INSERT INTO mig_runs VALUES ('0002')")}},
        {.id = "0003", .up = {slow("mig_big_b"), sql_step("INSERT INTO mig_runs VALUES ('0003')")}},
    };
}

template <class Engine>
void upgrade_from_two_threads(Engine& engine) {
    std::vector<migration_report> reports(2);
    std::vector<std::string> errors(2);
    std::vector<std::thread> threads;
    for (int i = 0; i < 2; ++i) {
        threads.emplace_back([&, i] {
            try {
                auto conn = engine.connect();
                reports[i] = migrator{conn, counted_migrations()}.upgrade();
            } catch (const std::exception& e) {
                errors[i] = e.what();
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(errors[0].empty());
    CHECK(errors[1].empty());
    INFO(errors[0] << "\n" << errors[1]);
    // Each migration ran once: in one thread, skipped or not even planned in the other.
    std::size_t applied = 0;
    for (const auto& r : reports)
        for (const auto& run : r.runs) applied += run.skipped ? 0 : 1;
    CHECK(applied == 3);
    auto conn = engine.connect();
    CHECK(conn(select(count()).from(schema_migrations)).front() == 3);
}
}  // namespace

TEST_CASE("two connections upgrading SQLite at once apply each migration once", "[migrations]") {
    ctql_test::sqlite_file file{"migrations_race"};
    auto engine = create_engine(file.url("?busy_timeout=30000"));
    upgrade_from_two_threads(engine);
    ctql::sqlite::connection db{file.path};
    CHECK(ctql_test::raw_rows(db, "SELECT id FROM mig_runs ORDER BY id") ==
          std::vector<ctql_test::raw_row>{{"0001"}, {"0002"}, {"0003"}});
}

TEST_CASE("two connections upgrading PostgreSQL at once apply each migration once", "[postgres][migrations]") {
    auto engine = create_engine(ctql_test::postgres_url());
    {
        auto conn = engine.connect();
        for (const char* t : {"schema_migrations", "mig_runs", "mig_big_a", "mig_big_b"})
            conn.execute(verbatim{std::string("DROP TABLE IF EXISTS ") + t});
    }
    upgrade_from_two_threads(engine);
    postgres::connection db{ctql_test::postgres_conninfo()};
    CHECK(ctql_test::raw_rows(db, "SELECT id FROM mig_runs ORDER BY id") ==
          std::vector<ctql_test::raw_row>{{"0001"}, {"0002"}, {"0003"}});
}
