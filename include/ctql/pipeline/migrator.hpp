// SPDX-License-Identifier: MIT
#pragma once
// Applies migrations (pipeline/migration.hpp) to a database, in order, and
// records each in a migrations table (schema_migrations unless another is
// given: id, checksum, applied_at, duration_ms), created on first use:
//
//   ctql::migrator m{db, migrations};                // db: a sqlite, postgres or engine connection, or an engine
//   for (const auto& s : m.status()) ...             // applied / pending / checksum changed / unknown
//   m.upgrade();                                     // every pending migration
//   m.upgrade("0003_add_index");                     // up to and including this one
//   m.downgrade("0001_create_events");               // undo the later ones, newest first
//   auto plan = ctql::migrator{db, migrations, {.dry_run = true}}.upgrade();   // the SQL, nothing run
//
// Everything that can be checked is checked before anything runs: the list
// (ids unique and in ascending order), the checksums of the applied
// migrations against the code, destructive steps (refused unless
// allow_destructive), steps that cannot run in a transaction, the role's
// rights to change the schema (PostgreSQL). Each migration then runs in a
// transaction of its own together with its row in the migrations table: a
// failing step rolls the whole migration back, and the later ones are not run.
//
// Two processes migrating the same database apply each migration once: each
// migration's transaction first takes a lock (PostgreSQL: an advisory
// transaction lock keyed by the migrations table's name; SQLite: BEGIN
// IMMEDIATE, the write lock) and then looks again whether it is applied.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/core/error.hpp>
#include <ctql/core/transaction_options.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/core/verbatim.hpp>
#include <ctql/pipeline/migration.hpp>
#include <ctql/pipeline/sql_template.hpp>
#include <ctql/schema/keys.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/stmt/ddl.hpp>
#include <ctql/stmt/delete.hpp>
#include <ctql/stmt/insert.hpp>
#include <ctql/stmt/select.hpp>

namespace ctql {

CTQL_TABLE(schema_migrations,
    (id,          std::string, primary_key),
    (checksum,    std::string),
    (applied_at,  timestamp),
    (duration_ms, std::int64_t));

// A table that can record migrations: schema_migrations, or one of the same
// columns (e.g. to keep two sets of migrations apart in one database).
template <class T>
concept migrations_table = table_type<T> && requires(const T& t) {
    requires std::is_same_v<typename std::remove_cvref_t<decltype(t.id)>::value_type, std::string>;
    requires std::is_same_v<typename std::remove_cvref_t<decltype(t.checksum)>::value_type, std::string>;
    requires std::is_same_v<typename std::remove_cvref_t<decltype(t.applied_at)>::value_type, timestamp>;
    requires std::is_same_v<typename std::remove_cvref_t<decltype(t.duration_ms)>::value_type, std::int64_t>;
    requires std::remove_cvref_t<decltype(t.id)>::is_primary_key;
};

// What a migrator refused or what failed, before or while migrating.
class migration_error : public error {
public:
    migration_error(const std::string& what, std::string id = {}, std::size_t step = 0,
                    std::optional<error_details> cause = std::nullopt)
        : error(what), id_(std::move(id)), step_(step), cause_(std::move(cause)) {}

    // The migration concerned (empty when the error concerns no single one).
    const std::string& migration_id() const noexcept { return id_; }
    // The step concerned, counting from 1 (0: none in particular).
    std::size_t step() const noexcept { return step_; }
    // The database's error, when the database refused something.
    const std::optional<error_details>& cause() const noexcept { return cause_; }

private:
    std::string id_;
    std::size_t step_;
    std::optional<error_details> cause_;
};

struct migrate_options {
    // Run steps that may lose data (DROP TABLE, DROP COLUMN, DELETE, ...);
    // without it such a step is refused before anything runs.
    bool allow_destructive = false;
    // Say what would run (migration_report::text()) and change nothing.
    bool dry_run = false;
};

enum class migration_state {
    applied,           // recorded, with the checksum the code has
    pending,           // in the code, not recorded
    checksum_changed,  // recorded, but the code's up steps have changed since
    unknown,           // recorded, but not in the code (applied by another version of the program)
};

struct migration_status {
    std::string id;
    migration_state state;
    std::string checksum;                     // the code's, for this database's dialect (empty when unknown)
    std::string applied_checksum;             // the recorded one (empty when pending)
    std::optional<timestamp> applied_at;      // UTC
    std::optional<std::int64_t> duration_ms;  // how long applying it took
};

// One migration applied or undone (or, in a dry run, that would be).
struct migration_run {
    std::string id;
    bool up = true;                // applied (true) or undone (false)
    std::vector<std::string> sql;  // its steps' SQL for the database's dialect, in order (none when skipped)
    std::int64_t duration_ms = 0;
    bool skipped = false;  // another process applied (or undid) it first: nothing was run
};

struct migration_report {
    std::vector<migration_run> runs;
    bool dry_run = false;

    // The SQL, one statement a line, each migration under a comment naming it.
    std::string text() const {
        std::string out;
        for (const auto& run : runs) {
            out += "-- " + std::string(run.up ? "upgrade " : "downgrade ") + run.id +
                   (run.skipped ? " (done by another process meanwhile)" : "") + "\n";
            for (const auto& s : run.sql) out += s + ";\n";
        }
        return out;
    }
};

namespace detail {

template <class Conn>
concept has_backend = requires(Conn& c) { c.with_backend([](auto&) {}); };

template <class Conn>
concept connects = requires(Conn& c) { c.connect().with_backend([](auto&) {}); };

// f(backend connection): the connection itself, an engine connection's
// backend, or the backend of a connection checked out of an engine for the call.
template <class Conn, class F>
decltype(auto) with_migration_backend(Conn& conn, F&& f) {
    if constexpr (has_backend<Conn>) {
        return conn.with_backend(std::forward<F>(f));
    } else if constexpr (connects<Conn>) {
        auto checked_out = conn.connect();
        return checked_out.with_backend(std::forward<F>(f));
    } else {
        return f(conn);
    }
}

inline constexpr auto pg_role_rights =
    sql_template<"SELECT current_user::text AS role_name, current_schema()::text AS schema_name, "
                 "has_schema_privilege(current_schema(), 'CREATE') AS can_create">()
        .returns<result_column<"role_name", std::string>, result_column<"schema_name", std::optional<std::string>>,
                 result_column<"can_create", std::optional<bool>>>();

inline constexpr auto pg_table_rights =
    sql_template<"SELECT has_table_privilege(quote_ident(:table_name), 'INSERT') AND "
                 "has_table_privilege(quote_ident(:table_name), 'DELETE') AS can_record">()
        .inputs(param<"table_name", std::string>)
        .returns<result_column<"can_record", bool>>();

inline constexpr auto pg_current_role =
    sql_template<"SELECT current_user::text AS role_name">().returns<result_column<"role_name", std::string>>();

inline std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

inline std::string list_ids(const std::vector<migration>& list) {
    std::string out;
    for (const auto& m : list) out += (out.empty() ? "" : ", ") + m.id;
    return out.empty() ? "(none)" : out;
}

template <class Dialect>
constexpr std::string_view dialect_name() {
    if constexpr (std::is_same_v<Dialect, dialect::sqlite>) return "SQLite";
    else return "PostgreSQL";
}

}  // namespace detail

template <class Connection, migrations_table Table = schema_migrations_t>
class migrator {
public:
    // Checks the list now: ids not empty, unique and ascending.
    migrator(Connection& conn, std::vector<migration> list, migrate_options options = {}, const Table& = {})
        : conn_(&conn), list_(std::move(list)), options_(options) {
        for (std::size_t i = 0; i < list_.size(); ++i) {
            if (list_[i].id.empty())
                throw migration_error("ctql: migration number " + std::to_string(i + 1) +
                                      " of the list has an empty id; give each migration an id such as "
                                      "\"0001_create_events\"");
            if (i == 0) continue;
            const std::string& before = list_[i - 1].id;
            const std::string& id = list_[i].id;
            if (id == before)
                throw migration_error("ctql: the migration id " + detail::quoted(id) +
                                          " is in the list twice (numbers " + std::to_string(i) + " and " +
                                          std::to_string(i + 1) + "); each migration needs an id of its own",
                                      id);
            if (id < before)
                throw migration_error("ctql: the migrations are not in the order of their ids: " + detail::quoted(id) +
                                          " comes after " + detail::quoted(before) +
                                          " in the list but sorts before it; list them in ascending order (ids "
                                          "compare as text: pad numbers, \"0002\" < \"0010\")",
                                      id);
        }
    }

    const std::vector<migration>& migrations() const { return list_; }

    // Each migration of the code and of the migrations table, by id. Reads only.
    std::vector<migration_status> status() {
        return detail::with_migration_backend(*conn_, [&](auto& b) { return status_on(b); });
    }

    // Applies every pending migration.
    migration_report upgrade() {
        return detail::with_migration_backend(*conn_, [&](auto& b) { return upgrade_on(b, list_.size()); });
    }
    // Applies the pending migrations up to and including `target`.
    migration_report upgrade(std::string_view target) {
        const std::size_t at = index_of(target, "upgrade");
        return detail::with_migration_backend(*conn_, [&](auto& b) { return upgrade_on(b, at + 1); });
    }
    // Undoes the applied migrations after `target`, newest first; `target` stays applied.
    migration_report downgrade(std::string_view target) {
        const std::size_t at = index_of(target, "downgrade");
        return detail::with_migration_backend(*conn_, [&](auto& b) { return downgrade_on(b, at + 1); });
    }
    // Undoes every applied migration, newest first.
    migration_report downgrade_all() {
        return detail::with_migration_backend(*conn_, [&](auto& b) { return downgrade_on(b, 0); });
    }

private:
    struct applied_row {
        std::string checksum;
        timestamp applied_at;
        std::int64_t duration_ms;
    };
    using applied_map = std::map<std::string, applied_row, std::less<>>;

    std::size_t index_of(std::string_view target, std::string_view what) const {
        for (std::size_t i = 0; i < list_.size(); ++i)
            if (list_[i].id == target) return i;
        throw migration_error("ctql: " + std::string(what) + "(" + detail::quoted(target) +
                                  "): no migration of the list has this id; the ids are: " + detail::list_ids(list_),
                              std::string(target));
    }

    template <class Backend>
    using dialect_of = typename std::remove_cvref_t<Backend>::dialect;

    template <class Backend>
    static constexpr bool is_sqlite = std::is_same_v<dialect_of<Backend>, dialect::sqlite>;

    template <class Backend>
    static applied_map read_applied(Backend& b) {
        applied_map out;
        if (!b.has_table(Table::ctql_sql_name.view())) return out;
        const Table t{};
        for (auto&& row : b(select(t.id, t.checksum, t.applied_at, t.duration_ms).from(t)).to_vector())
            out.emplace(get<0>(row), applied_row{get<1>(row), get<2>(row), get<3>(row)});
        return out;
    }

    template <class Backend>
    std::vector<migration_status> status_on(Backend& b) {
        using D = dialect_of<Backend>;
        const applied_map applied = read_applied(b);
        std::vector<migration_status> out;
        for (const migration& m : list_) {
            migration_status s{m.id, migration_state::pending, m.template checksum<D>(), {}, {}, {}};
            if (const auto found = applied.find(m.id); found != applied.end()) {
                s.state = found->second.checksum == s.checksum ? migration_state::applied : migration_state::checksum_changed;
                s.applied_checksum = found->second.checksum;
                s.applied_at = found->second.applied_at;
                s.duration_ms = found->second.duration_ms;
            }
            out.push_back(std::move(s));
        }
        for (const auto& entry : applied) {
            const std::string& id = entry.first;  // a name, not a binding: lambdas capture it (clang 14)
            const applied_row& row = entry.second;
            const bool known = std::any_of(list_.begin(), list_.end(), [&](const migration& m) { return m.id == id; });
            if (!known)
                out.push_back({id, migration_state::unknown, {}, row.checksum, row.applied_at, row.duration_ms});
        }
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b2) { return a.id < b2.id; });
        return out;
    }

    // The recorded migrations must be the code's, unchanged.
    template <class Backend>
    void check_applied(const applied_map& applied, std::string_view what) const {
        using D = dialect_of<Backend>;
        for (const auto& entry : applied) {
            const std::string& id = entry.first;
            const applied_row& row = entry.second;
            const auto m = std::find_if(list_.begin(), list_.end(), [&](const migration& x) { return x.id == id; });
            if (m == list_.end())
                throw migration_error("ctql: " + std::string(what) + " refused before anything ran: the database has the migration " +
                                          detail::quoted(id) +
                                          " applied, which this program's list does not have (a newer version of "
                                          "the program applied it?); the list has: " + detail::list_ids(list_),
                                      id);
            const std::string code = m->template checksum<D>();
            if (code != row.checksum)
                throw migration_error("ctql: " + std::string(what) + " refused before anything ran: the migration " +
                                          detail::quoted(id) + " was applied with checksum " + row.checksum +
                                          ", and its up steps in the code now have checksum " + code +
                                          ": an applied migration must not change; undo the edit and put the "
                                          "change in a new migration",
                                      id);
        }
    }

    // What would stop a migration's steps: refused before anything runs.
    template <class Backend>
    void check_runnable(const migration& m, bool up) const {
        using D = dialect_of<Backend>;
        const migration_steps& list = up ? m.up : m.down;
        const std::string direction = up ? "up" : "down";
        for (std::size_t k = 0; k < list.size(); ++k) {
            const auto& text = list[k].template sql<D>();
            if (!text) continue;
            const std::string where = "migration " + detail::quoted(m.id) + " " + direction + " step " +
                                      std::to_string(k + 1) + " (" + *text + ")";
            if (list[k].destructive() && !options_.allow_destructive)
                throw migration_error("ctql: " + where +
                                          " may lose data, so nothing was run; to run it, migrate with "
                                          "ctql::migrate_options{.allow_destructive = true} (after a backup)",
                                      m.id, k + 1);
            if (m.transactional) {
                if (const auto reason = detail::outside_transaction_only<D>(*text))
                    throw migration_error("ctql: " + where + " cannot run in the migration's transaction on " +
                                              std::string(detail::dialect_name<D>()) + ": " + *reason +
                                              "; nothing was run. Put it in a migration of its own with "
                                              ".transactional = false",
                                          m.id, k + 1);
            }
        }
    }

    template <class Backend>
    static transaction_options begin_options() {
        transaction_options o;
        // The write lock first: a second process waits here, then finds the migration applied.
        if constexpr (is_sqlite<Backend>) o.sqlite_mode = sqlite_begin_mode::immediate;
        return o;
    }

    static std::int64_t lock_key() {
        static const std::int64_t key = static_cast<std::int64_t>(
            detail::fnv1a64("ctql migrations " + std::string(Table::ctql_sql_name.view())));
        return key;
    }

    // Inside a migration's transaction: waits for any other migrator of this table.
    template <class Backend>
    static void lock_in_transaction(Backend& b) {
        if constexpr (!is_sqlite<Backend>)
            b.execute(verbatim{"SELECT pg_advisory_xact_lock(" + std::to_string(lock_key()) + ")"});
    }

    template <class Backend>
    static bool is_recorded(Backend& b, const std::string& id) {
        const Table t{};
        return b(select(count()).from(t).where(t.id == id)).to_vector().front() > 0;
    }

    template <class Backend>
    static std::string current_role(Backend& b) {
        if constexpr (is_sqlite<Backend>) return {};
        else return b(detail::pg_current_role).to_vector().front();
    }

    // PostgreSQL: a role that may not change the schema is refused before anything runs.
    template <class Backend>
    static void check_rights(Backend& b) {
        if constexpr (!is_sqlite<Backend>) {
            const auto rights = b(detail::pg_role_rights).to_vector().front();
            const std::string role = get<0>(rights);
            const std::optional<std::string> schema = get<1>(rights);
            if (!schema)
                throw migration_error("ctql: the role " + detail::quoted(role) +
                                      " cannot run migrations: no schema of its search_path exists to create "
                                      "tables in; nothing was run");
            if (!get<2>(rights).value_or(false))
                throw migration_error("ctql: the role " + detail::quoted(role) +
                                      " lacks the rights to run DDL: it has no CREATE privilege on schema " +
                                      detail::quoted(*schema) +
                                      ", so it cannot run migrations (nothing was run). Run them as the admin "
                                      "role, which owns the schema; this role may still read and write data");
            if (b.has_table(Table::ctql_sql_name.view()) &&
                !b(detail::pg_table_rights, arg<"table_name">(std::string(Table::ctql_sql_name.view())))
                     .to_vector()
                     .front())
                throw migration_error("ctql: the role " + detail::quoted(role) +
                                      " cannot record migrations: it may not insert into and delete from the "
                                      "migrations table " + detail::quoted(Table::ctql_sql_name.view()) +
                                      " (nothing was run); run migrations as the admin role");
        }
    }

    template <class Backend>
    static void ensure_table(Backend& b) {
        if (b.has_table(Table::ctql_sql_name.view())) return;
        auto tx = b.begin(begin_options<Backend>());
        lock_in_transaction(b);
        b(create_table(Table{}));
        tx.commit();
    }

    template <class Backend>
    static void ensure_no_transaction(Backend& b, std::string_view what) {
        if (b.in_transaction())
            throw migration_error("ctql: " + std::string(what) +
                                  "() runs each migration in a transaction of its own, and this connection has a "
                                  "transaction open: commit or roll it back first; nothing was run");
    }

    template <class Backend>
    static void record(Backend& b, const migration& m, bool up, const std::string& checksum, std::int64_t ms) {
        const Table t{};
        if (up) {
            const auto now = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
            b(insert_into(t)
                  .set(t.id = m.id, t.checksum = checksum, t.applied_at = now, t.duration_ms = ms)
                  .on_conflict(t.id)
                  .do_nothing());
        } else {
            b(delete_from(t).where(t.id == m.id));
        }
    }

    // The error for a step that the database refused, or (step 0) for what the migrator did around the steps.
    template <class Backend>
    [[noreturn]] static void step_failed(Backend& b, const migration& m, bool up, std::size_t step,
                                         std::size_t steps, std::string_view phase, const database_error& e) {
        using D = dialect_of<Backend>;
        const std::string direction = up ? "up" : "down";
        std::string what = "ctql: migration " + detail::quoted(m.id) + " " + direction + " ";
        if (step == 0) what += "failed " + std::string(phase);
        else what += "step " + std::to_string(step) + " of " + std::to_string(steps) + " failed";
        if (m.transactional) {
            what += "; the migration was rolled back whole (not recorded), and no later migration was run";
        } else {
            what += "; the migration is not transactional: ";
            what += step > 1 ? "steps 1 to " + std::to_string(step - 1) + " took effect and stay, " : std::string();
            what += "it was not recorded, and no later migration was run";
        }
        if constexpr (!is_sqlite<Backend>) {
            if (e.sqlstate() == "42501") {
                std::string role;
                try {
                    role = current_role(b);
                } catch (const error&) {
                    role = "(unknown)";
                }
                what += ". The role " + detail::quoted(role) +
                        " lacks the rights to run this DDL: run migrations as the admin role";
            }
        }
        what += ". " + std::string(detail::dialect_name<D>()) + " said: " + e.what();
        throw migration_error(what, m.id, step, e.details());
    }

    template <class Backend>
    void run_one(Backend& b, const migration& m, bool up, migration_report& report) {
        using D = dialect_of<Backend>;
        const migration_steps& list = up ? m.up : m.down;
        const std::string checksum = m.template checksum<D>();
        migration_run run{m.id, up, {}, 0, false};
        for (const auto& s : list)
            if (const auto& text = s.template sql<D>()) run.sql.push_back(*text);
        std::size_t step = 0;
        const std::string table_name = detail::quoted(Table::ctql_sql_name.view());
        std::string phase = "while taking the migrations lock";
        const auto start = std::chrono::steady_clock::now();
        const auto elapsed_ms = [&] {
            return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
        };
        if (m.transactional) {
            auto tx = b.begin(begin_options<Backend>());
            try {
                lock_in_transaction(b);
                phase = "while reading " + table_name;
                if (is_recorded(b, m.id) != up) {
                    for (step = 1; step <= list.size(); ++step)
                        if (const auto& text = list[step - 1].template sql<D>()) b.execute(verbatim{*text});
                    step = 0;
                    run.duration_ms = elapsed_ms();
                    phase = "while being recorded in " + table_name;
                    record(b, m, up, checksum, run.duration_ms);
                    phase = "at COMMIT";
                    tx.commit();
                } else {
                    run.skipped = true;
                    run.sql.clear();
                    tx.rollback();
                }
            } catch (const database_error& e) {
                try {
                    tx.rollback();
                } catch (const error&) {
                    // ended already: the database rolled it back itself
                }
                step_failed(b, m, up, step, list.size(), phase, e);
            }
        } else {
            // No transaction around the steps: on PostgreSQL a session lock keeps other migrators out meanwhile.
            struct session_lock {
                Backend& b;
                bool held = false;
                ~session_lock() {
                    if (!held) return;
                    try {
                        b.execute(verbatim{"SELECT pg_advisory_unlock(" + std::to_string(lock_key()) + ")"});
                    } catch (const error&) {
                        // a lost connection has released it
                    }
                }
            } lock{b};
            try {
                if constexpr (!is_sqlite<Backend>) {
                    if (!b.keeps_session_state())
                        throw interface_error(
                            "ctql: migration \"" + m.id + "\" is not transactional, so the migrator holds a session "
                            "advisory lock while it runs, which a pooler in transaction mode cannot keep "
                            "(pooler=transaction): run migrations over a direct connection to the server");
                    b.execute(verbatim{"SELECT pg_advisory_lock(" + std::to_string(lock_key()) + ")"});
                    lock.held = true;
                }
                phase = "while reading " + table_name;
                if (is_recorded(b, m.id) == up) {
                    run.skipped = true;
                    run.sql.clear();
                    report.runs.push_back(std::move(run));
                    return;
                }
                for (step = 1; step <= list.size(); ++step)
                    if (const auto& text = list[step - 1].template sql<D>()) b.execute(verbatim{*text});
                step = 0;
                run.duration_ms = elapsed_ms();
                phase = "while being recorded in " + table_name;
                auto tx = b.begin(begin_options<Backend>());
                record(b, m, up, checksum, run.duration_ms);
                tx.commit();
            } catch (const database_error& e) {
                step_failed(b, m, up, step, list.size(), phase, e);
            }
        }
        report.runs.push_back(std::move(run));
    }

    template <class Backend>
    migration_report plan(Backend&, const std::vector<const migration*>& todo, bool up) const {
        using D = dialect_of<Backend>;
        migration_report report;
        report.dry_run = true;
        for (const migration* m : todo) {
            migration_run run{m->id, up, {}, 0, false};
            for (const auto& s : up ? m->up : m->down)
                if (const auto& text = s.template sql<D>()) run.sql.push_back(*text);
            report.runs.push_back(std::move(run));
        }
        return report;
    }

    template <class Backend>
    migration_report upgrade_on(Backend& b, std::size_t count) {
        ensure_no_transaction(b, "upgrade");
        const applied_map applied = read_applied(b);
        check_applied<Backend>(applied, "upgrade");
        std::vector<const migration*> todo;
        for (std::size_t i = 0; i < count; ++i)
            if (!applied.contains(list_[i].id)) todo.push_back(&list_[i]);
        // A migration added before one applied already would run out of order.
        for (const migration* m : todo)
            for (const auto& [id, row] : applied)
                if (id > m->id)
                    throw migration_error("ctql: upgrade refused before anything ran: the migration " +
                                              detail::quoted(m->id) + " is pending, but the later migration " +
                                              detail::quoted(id) +
                                              " is applied already, so it would run out of order; give it an id "
                                              "after the last applied one",
                                          m->id);
        for (const migration* m : todo) check_runnable<Backend>(*m, true);
        if (options_.dry_run) return plan(b, todo, true);
        migration_report report;
        if (todo.empty()) return report;
        check_rights(b);
        ensure_table(b);
        for (const migration* m : todo) run_one(b, *m, true, report);
        return report;
    }

    template <class Backend>
    migration_report downgrade_on(Backend& b, std::size_t keep) {
        ensure_no_transaction(b, "downgrade");
        const applied_map applied = read_applied(b);
        check_applied<Backend>(applied, "downgrade");
        std::vector<const migration*> todo;
        for (std::size_t i = list_.size(); i > keep; --i)
            if (applied.contains(list_[i - 1].id)) todo.push_back(&list_[i - 1]);
        for (const migration* m : todo) {
            if (m->down.empty())
                throw migration_error("ctql: downgrade refused before anything ran: the migration " +
                                          detail::quoted(m->id) +
                                          " has no down steps, so it cannot be undone; give it .down steps, or "
                                          "downgrade to it or a later one",
                                      m->id);
            check_runnable<Backend>(*m, false);
        }
        if (options_.dry_run) return plan(b, todo, false);
        migration_report report;
        if (todo.empty()) return report;
        check_rights(b);
        for (const migration* m : todo) run_one(b, *m, false, report);
        return report;
    }

    Connection* conn_;
    std::vector<migration> list_;
    migrate_options options_;
};

template <class Connection>
migrator(Connection&, std::vector<migration>, migrate_options = {}) -> migrator<Connection>;
template <class Connection, migrations_table Table>
migrator(Connection&, std::vector<migration>, migrate_options, const Table&) -> migrator<Connection, Table>;

}  // namespace ctql
