// SPDX-License-Identifier: MIT
#pragma once
// A SQLite connection that runs ctql statements.
//
//   ctql::sqlite::connection db{":memory:"};
//   db(create_table(users));
//   for (const auto& row : db(query, arg<"min">(50.0))) ...
//
// Each statement type is prepared once per connection, on first use, and
// kept; running it again binds and steps the cached handle.
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <ranges>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/backend/sqlite/binder.hpp>
#include <ctql/backend/sqlite/codec.hpp>
#include <ctql/backend/sqlite/declared_outputs.hpp>
#include <ctql/backend/sqlite/error.hpp>
#include <ctql/backend/sqlite/result.hpp>
#include <ctql/backend/sqlite/row_chunk.hpp>
#include <ctql/backend/sqlite/storable_check.hpp>
#include <ctql/backend/statement_slot.hpp>
#include <ctql/backend/transaction.hpp>
#include <ctql/core/error.hpp>
#include <ctql/core/verbatim.hpp>
#include <ctql/dialect/sqlite.hpp>
#include <ctql/expr/parameter.hpp>
#include <ctql/result/struct_mapping.hpp>
#include <ctql/stmt/copy.hpp>
#include <ctql/stmt/insert.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql::sqlite {

struct options {
    // How long a statement waits for another connection's lock before failing with SQLITE_BUSY.
    int busy_timeout_ms = 5000;
    bool foreign_keys = true;
    bool read_only = false;
    bool create = true;
};

class connection : public ctql::detail::transaction_methods<connection, ctql::detail::direct_session<connection>> {
public:
    using dialect = ctql::dialect::sqlite;

    explicit connection(const std::string& path, const options& opts = {}) {
        int flags = SQLITE_OPEN_URI | (opts.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
        if (opts.create && !opts.read_only) flags |= SQLITE_OPEN_CREATE;
        const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            error_details details;
            details.message = "cannot open SQLite database \"" + path + "\": " +
                              (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
            details.code = db_ != nullptr ? sqlite3_extended_errcode(db_) : rc;
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw operational_error(std::move(details));
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, opts.busy_timeout_ms);
        if (opts.foreign_keys) execute(verbatim{"PRAGMA foreign_keys = ON"});
        // LIKE matches case as PostgreSQL's does (and as SQL says); ilike() folds it.
        execute(verbatim{"PRAGMA case_sensitive_like = ON"});
    }

    connection(connection&& other) noexcept
        : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)), sessions_(std::move(other.sessions_)) {
        sessions_.follow(*this);
    }
    connection& operator=(connection&& other) noexcept {
        if (this != &other) {
            close();
            db_ = std::exchange(other.db_, nullptr);
            cache_ = std::move(other.cache_);
            sessions_ = std::move(other.sessions_);
            sessions_.follow(*this);
        }
        return *this;
    }
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection() { close(); }

    // Runs a statement. A select returns its rows (a lazy range); anything else
    // runs to completion and returns the number of rows it changed.
    template <statement Statement, named_argument_type... Arguments>
    auto operator()(const Statement& stmt, const Arguments&... args) {
        static_assert(Statement::check());
        if constexpr (arguments_match_v<Statement, Arguments...> && detail::check_storable_statement<Statement>())
            return run(stmt, args...);
    }

    // Runs `insert_into(t).columns(...)` for every row of `rows` (tuples, or
    // structs adapted with Boost.Hana whose members name the columns), all
    // inside one savepoint: either every row is stored or none is. Rows go
    // in chunks, several per INSERT (multi_row_insert); the rest one by one.
    template <table_type Table, class... Columns, std::ranges::input_range Rows>
    std::int64_t operator()(const insert_columns_statement<Table, Columns...>& stmt, Rows&& rows) {
        using single_t = insert_columns_statement<Table, Columns...>;
        using chunk_t = multi_row_insert<Table, bulk_chunk_rows<sizeof...(Columns)>, Columns...>;
        constexpr std::string_view single_sql = single_t::template sql<dialect>();
        constexpr std::string_view chunk_sql = render::sql_text_v<chunk_t, dialect>;
        (void)stmt;
        savepoint guard{*this};
        detail::row_chunk<Rows, bulk_chunk_rows<sizeof...(Columns)>> chunk;
        std::int64_t inserted = 0;
        std::int64_t at = 0;  // the row being read or stored, which an error names
        const auto insert_one = [&](const auto& r) {
            at = inserted;
            auto [st, busy] = acquire<single_t>(single_sql);
            detail::statement_lease lease{db_, st, busy, single_sql};
            bind_row<single_t, Columns...>(st, single_sql, r);
            step_to_done(st, single_sql);
            sqlite3_reset(st);
            ++inserted;
        };
        try {
            for (auto&& r : rows) {
                const bool full = chunk.add(r);
                at = inserted + static_cast<std::int64_t>(chunk.size());
                if (!full) continue;
                auto [st, busy] = acquire<chunk_t>(chunk_sql);
                detail::statement_lease lease{db_, st, busy, chunk_sql};
                for (std::size_t i = 0; i < chunk.size(); ++i)
                    bind_row<single_t, Columns...>(st, chunk_sql, chunk[i], static_cast<int>(i * sizeof...(Columns)));
                // A failed INSERT undoes itself alone; its rows again one by one name the row at fault.
                if (const int rc = sqlite3_step(st); rc == SQLITE_DONE) {
                    inserted += static_cast<std::int64_t>(chunk.size());
                } else {
                    // Unless SQLite rolled the whole transaction back (SQLITE_FULL, I/O errors):
                    // then rows run one by one would each commit on their own.
                    if (!in_transaction()) {
                        at = inserted;
                        detail::throw_error(db_, rc, chunk_sql);
                    }
                    sqlite3_reset(st);
                    for (std::size_t i = 0; i < chunk.size(); ++i) insert_one(chunk[i]);
                }
                sqlite3_reset(st);
                chunk.clear();
                at = inserted;
            }
            for (std::size_t i = 0; i < chunk.size(); ++i) insert_one(chunk[i]);
        } catch (const database_error&) {
            ctql::detail::rethrow_with_row(at);  // the savepoint rolls every row back
        }
        guard.release();
        return inserted;
    }

    // insert_into(t).columns(...) with ON CONFLICT or RETURNING, once per row
    // of `rows`, all inside one savepoint. Returns the rows changed, or with
    // RETURNING the rows returned.
    template <table_type Table, class... Columns, class Conflict, class Returning, std::ranges::input_range Rows>
        requires(!std::is_same_v<Conflict, no_conflict> || !std::is_same_v<Returning, no_returning>)
    auto operator()(const statement_t<insert_kind, target_clause<keyword::insert_into, Table>, bulk_values<Columns...>,
                                      Conflict, Returning>& stmt,
                    Rows&& rows) {
        using bulk_t = std::remove_cvref_t<decltype(stmt)>;
        static_assert(bulk_t::check());
        constexpr std::string_view sql = bulk_t::template sql<dialect>();
        savepoint guard{*this};
        std::int64_t done = 0;
        std::conditional_t<returns_rows_v<bulk_t>, std::vector<typename bulk_t::result_row>, std::int64_t> out{};
        try {
            for (const auto& r : rows) {
                auto [st, busy] = acquire<bulk_t>(sql);
                detail::statement_lease lease{db_, st, busy, sql};
                bind_row<bulk_t, Columns...>(st, sql, r);
                if constexpr (returns_rows_v<bulk_t>) {
                    for (auto& returned : result<bulk_t>(std::move(lease))) out.push_back(std::move(returned));
                } else {
                    step_to_done(st, sql);
                    out += static_cast<std::int64_t>(sqlite3_changes64(db_));
                }
                ++done;
            }
        } catch (const database_error&) {
            ctql::detail::rethrow_with_row(done);  // the savepoint rolls every row back
        }
        guard.release();
        return out;
    }

    // Runs SQL text that is not a ctql statement: schema migrations, pragmas.
    void execute(verbatim text) {
        const std::string sql(text.sql);
        char* message = nullptr;
        const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
        if (rc != SQLITE_OK) {
            sqlite3_free(message);
            detail::throw_error(db_, rc, sql);
        }
    }

    // Whether the main database has a table of this name.
    bool has_table(std::string_view name) {
        constexpr std::string_view sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1";
        sqlite3_stmt* st = prepare(sql);
        sqlite3_bind_text(st, 1, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
        const int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) detail::throw_error(db_, rc, sql);
        return rc == SQLITE_ROW;
    }

    std::int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
    // How many distinct statements this connection has prepared and kept.
    std::size_t prepared_statements() const {
        std::size_t n = 0;
        for (const auto& entry : cache_) n += entry && entry->st != nullptr ? 1 : 0;
        return n;
    }
    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
    // SQLite has no aborted-transaction state: after a failed statement the
    // transaction either goes on or was rolled back whole (in_transaction()
    // is false then).
    static constexpr bool in_failed_transaction() { return false; }
    bool is_open() const { return db_ != nullptr; }
    // COMMIT. When it fails with SQLITE_BUSY the transaction stays open
    // (in_transaction()) and the commit may be tried again.
    void commit() { execute(verbatim{"COMMIT"}); }
    sqlite3* native_handle() const { return db_; }

private:
    friend struct ctql::detail::transaction_methods<connection, ctql::detail::direct_session<connection>>;
    const std::shared_ptr<ctql::detail::direct_session<connection>>& transaction_session() { return sessions_.get(*this); }

    template <class Statement, class... Arguments>
    auto run(const Statement& stmt, const Arguments&... args) {
        if (sessions_.guards_open()) ensure_transaction_intact(*sessions_.session());
        const auto chosen = ctql::detail::choose_sql<dialect>(stmt);
        const std::string_view sql = chosen.text;
        const std::size_t slot = ctql::detail::statement_slot<Statement>(chosen.variants) + chosen.variant;
        auto [st, busy] = acquire_slot(slot, sql);
        if constexpr (requires { Statement::checks_declared_outputs; }) {
            if constexpr (Statement::checks_declared_outputs) check_declared_outputs<Statement>(slot, st, busy, sql);
        }
        const auto arguments = ctql::detail::make_argument_list(args...);
        if constexpr (returns_rows_v<Statement>) {
            detail::statement_lease lease{db_, st, busy, sql};
            detail::binder<true, Arguments...> bind{db_, st, sql, arguments};
            stmt.each_value(bind);
            // A write's RETURNING rows are read now: the write is done when the call returns.
            if constexpr (Statement::is_query) return result<Statement>(std::move(lease));
            else return result<Statement>(std::move(lease)).to_vector();
        } else {
            detail::statement_lease lease{db_, st, busy, sql};
            detail::binder<false, Arguments...> bind{db_, st, sql, arguments};
            stmt.each_value(bind);
            step_to_done(st, sql);
            return static_cast<std::int64_t>(sqlite3_changes64(db_));
        }
    }


    // Rows per multi-row INSERT: 64, fewer for wide rows so that a statement
    // stays within 999 parameters (SQLite's limit before 3.32).
    template <std::size_t ColumnCount>
    static constexpr std::size_t bulk_chunk_rows = std::clamp<std::size_t>(999 / ColumnCount, 1, 64);

    struct cache_entry {
        sqlite3_stmt* st = nullptr;
        bool busy = false;
        bool outputs_checked = false;  // a SQL template's declared outputs (pipeline/sql_template.hpp)
    };

    // A SQL template's declared outputs against the prepared statement, once
    // per cached statement; on a mismatch the statement goes back unused.
    template <class Statement>
    void check_declared_outputs(std::size_t slot, sqlite3_stmt* st, bool* busy, std::string_view sql) {
        cache_entry& entry = *cache_[slot];
        if (entry.outputs_checked) return;
        try {
            detail::check_declared_outputs<Statement>(st, sql);
        } catch (const programming_error&) {
            detail::statement_lease{db_, st, busy, sql};
            throw;
        }
        entry.outputs_checked = true;
    }

    // Rolls back to its start unless released; nests inside an open transaction.
    class savepoint {
    public:
        explicit savepoint(connection& c) : c_(c) { c_.execute(verbatim{"SAVEPOINT ctql_rows"}); }
        void release() {
            c_.execute(verbatim{"RELEASE SAVEPOINT ctql_rows"});
            done_ = true;
        }
        ~savepoint() {
            if (done_) return;
            sqlite3_exec(c_.db_, "ROLLBACK TO SAVEPOINT ctql_rows; RELEASE SAVEPOINT ctql_rows", nullptr, nullptr,
                         nullptr);
        }
        savepoint(const savepoint&) = delete;
        savepoint& operator=(const savepoint&) = delete;

    private:
        connection& c_;
        bool done_ = false;
    };

    template <class Statement>
    std::pair<sqlite3_stmt*, bool*> acquire(std::string_view sql) {
        return acquire_slot(ctql::detail::statement_slot<Statement>(), sql);
    }

    std::pair<sqlite3_stmt*, bool*> acquire_slot(std::size_t slot, std::string_view sql) {
        if (slot >= cache_.size()) cache_.resize(slot + 1);
        if (!cache_[slot]) cache_[slot] = std::make_unique<cache_entry>();
        cache_entry& entry = *cache_[slot];
        if (entry.st == nullptr) entry.st = prepare(sql);
        if (!entry.busy) {
            entry.busy = true;
            return {entry.st, &entry.busy};
        }
        // The cached handle is still iterating an earlier result: use a one-off.
        return {prepare(sql), nullptr};
    }

    sqlite3_stmt* prepare(std::string_view sql) {
        sqlite3_stmt* st = nullptr;
        const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                          &st, nullptr);
        if (rc != SQLITE_OK) detail::throw_error(db_, rc, sql);
        return st;
    }

    void step_to_done(sqlite3_stmt* st, std::string_view sql) {
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        }
        if (rc != SQLITE_DONE) detail::throw_error(db_, rc, sql);
    }

    // Binds one row's values to the parameters after the first `before`.
    template <class Statement, class... Columns, class Row>
    void bind_row(sqlite3_stmt* st, std::string_view sql, const Row& r, int before = 0) {
        if constexpr (reflectable_struct<Row>) {
            int index = before;
            (detail::bind(db_, st, ++index, member_for<Columns>(r), sql), ...);
        } else {
            static_assert(std::tuple_size_v<Row> == sizeof...(Columns),
                          "ctql: each row needs exactly one value per column named in columns()");
            bind_tuple<Columns...>(st, sql, r, before, std::make_index_sequence<sizeof...(Columns)>{});
        }
    }

    template <class... Columns, class Row, std::size_t... I>
    void bind_tuple(sqlite3_stmt* st, std::string_view sql, const Row& r, int before, std::index_sequence<I...>) {
        using std::get;
        (check_row_value<Columns, std::remove_cvref_t<std::tuple_element_t<I, Row>>>(), ...);
        (detail::bind(db_, st, before + static_cast<int>(I) + 1, get<I>(r), sql), ...);
    }

    template <class Column, class Row>
    static const auto& member_for(const Row& r) {
        constexpr std::size_t m = ctql::detail::member_index<Row>(Column::ctql_sql_name.view());
        static_assert(m < ctql::detail::member_count_v<Row>,
                      "ctql: the row struct has no member named like a column in columns()");
        check_row_value<Column, ctql::detail::member_type_t<Row, m>>();
        return ctql::detail::member_ref<m>(r);
    }

    template <class Column, class Value>
    static constexpr void check_row_value() {
        using value_t = expression_t<Value>;
        static_assert(rule::assignable_types<Column, sql_type_of<Column>, value_t, sql_type_of<value_t>>,
                      "ctql: a row value's SQL type does not match its column's type");
        static_assert(rule::null_only_into_nullable_column<Column, value_t>,
                      "ctql: a row value may be NULL but its column is NOT NULL");
        static_assert(rule::value_fits_without_loss<Column, value_type_of<Column>, value_t, value_type_of<value_t>>,
                      "ctql: a row value may not fit its column: a narrowing conversion (such as std::int64_t "
                      "into a 32-bit column); convert it with ctql::narrow<T>(value), or declare the row type so");
    }

    void close() noexcept {
        sessions_.detach();
        if (db_ == nullptr) return;
        for (auto& entry : cache_)
            if (entry) sqlite3_finalize(entry->st);
        cache_.clear();
        sqlite3_close_v2(db_);
        db_ = nullptr;
    }

    sqlite3* db_ = nullptr;
    // Entries live on the heap, each at a fixed address: an open result's
    // lease points at its entry's `busy` flag, and running a statement not
    // yet used while rows are being read grows this vector.
    std::vector<std::unique_ptr<cache_entry>> cache_;
    ctql::detail::direct_session_owner<connection> sessions_;
};

// A transaction guard of a sqlite::connection (what begin() returns).
using transaction = basic_transaction<ctql::detail::direct_session<connection>>;

}  // namespace ctql::sqlite
