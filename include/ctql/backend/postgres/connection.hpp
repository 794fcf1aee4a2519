// SPDX-License-Identifier: MIT
#pragma once
// A PostgreSQL connection (libpq) that runs ctql statements.
//
//   ctql::postgres::connection db{"postgresql://user@localhost/app"};   // URL or key=value conninfo
//   db(create_table(users));
//   for (const auto& row : db(query, arg<"min">(50.0))) ...           // binary results
//   for (const auto& row : db.stream(query, arg<"min">(50.0))) ...    // one row at a time
//   db(insert_into(users).columns(users.name, users.score), rows);     // COPY ... (FORMAT binary)
//   auto batch = db.pipeline(); batch(stmt, ...); ...; batch.sync();   // libpq pipeline mode
//
// Each statement type is prepared once per connection under a generated name
// (ctql_<n>) and reused; parameters and results travel in binary.
#include <libpq-fe.h>
#include <poll.h>

#include <cstdint>
#include <cstdlib>
#include <deque>
#include <memory>
#include <ranges>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/backend/postgres/binder.hpp>
#include <ctql/backend/postgres/codec.hpp>
#include <ctql/backend/postgres/copy_binary.hpp>
#include <ctql/backend/postgres/declared_outputs.hpp>
#include <ctql/backend/postgres/error.hpp>
#include <ctql/backend/postgres/result.hpp>
#include <ctql/backend/statement_slot.hpp>
#include <ctql/backend/transaction.hpp>
#include <ctql/core/error.hpp>
#include <ctql/core/verbatim.hpp>
#include <ctql/dialect/postgres.hpp>
#include <ctql/expr/parameter.hpp>
#include <ctql/expr/secret_values.hpp>
#include <ctql/render/writer.hpp>
#include <ctql/result/struct_mapping.hpp>
#include <ctql/stmt/copy.hpp>
#include <ctql/stmt/insert.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql::postgres {

class pipeline_batch;

// What sits between the program and the server.
enum class pooler_mode {
    none,         // a server connection of our own: statements are prepared once, by name
    transaction,  // a pooler in transaction mode (pgbouncer pool_mode=transaction): each
                  // transaction, or each statement outside one, may run on another server
                  // connection, so nothing may outlive it: no named prepared statements
                  // (each runs unnamed: parse, bind, execute in one round trip), no session SET
};

struct options {
    pooler_mode pooler = pooler_mode::none;
};

class connection : public ctql::detail::transaction_methods<connection, ctql::detail::direct_session<connection>> {
public:
    using dialect = ctql::dialect::postgres;

    explicit connection(const std::string& conninfo, options opts = {})
        : conn_(PQconnectdb(conninfo.c_str())), pooler_(opts.pooler) {
        if (conn_ == nullptr) {
            error_details details;
            details.message = "ctql: libpq could not allocate a connection";
            throw operational_error(std::move(details));
        }
        if (PQstatus(conn_) != CONNECTION_OK) {
            PGconn* failed = std::exchange(conn_, nullptr);
            error_details details;
            details.message =
                "cannot connect to PostgreSQL: " + detail::without_conninfo_secrets(trimmed(PQerrorMessage(failed)), conninfo);
            PQfinish(failed);
            throw operational_error(std::move(details));
        }
        // Quiet NOTICEs (e.g. "table already exists, skipping") instead of printing them to stderr.
        PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    }

    connection(connection&& other) noexcept
        : conn_(std::exchange(other.conn_, nullptr)),
          prepared_(std::move(other.prepared_)),
          outputs_checked_(std::move(other.outputs_checked_)),
          pooler_(other.pooler_),
          busy_(other.busy_),
          sessions_(std::move(other.sessions_)) {
        sessions_.follow(*this);
    }
    connection& operator=(connection&& other) noexcept {
        if (this != &other) {
            close();
            conn_ = std::exchange(other.conn_, nullptr);
            prepared_ = std::move(other.prepared_);
            outputs_checked_ = std::move(other.outputs_checked_);
            pooler_ = other.pooler_;
            busy_ = other.busy_;
            sessions_ = std::move(other.sessions_);
            sessions_.follow(*this);
        }
        return *this;
    }
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;
    ~connection() { close(); }

    // Runs a statement. A select returns its rows; anything else returns the
    // number of rows it changed.
    template <statement Statement, named_argument_type... Arguments>
    auto operator()(const Statement& stmt, const Arguments&... args) {
        static_assert(Statement::check());
        if constexpr (arguments_match_v<Statement, Arguments...>) return run(stmt, args...);
    }

    // A select whose rows are read one at a time as the server sends them.
    template <statement Statement, named_argument_type... Arguments>
    auto stream(const Statement& stmt, const Arguments&... args) {
        static_assert(Statement::check());
        static_assert(returns_rows_v<Statement>, "ctql: stream() reads the rows of a select");
        if constexpr (arguments_match_v<Statement, Arguments...>) {
            const auto chosen = ctql::detail::choose_sql<dialect>(stmt);
            const std::string_view sql = chosen.text;
            ensure_idle();
            const std::string& name = ensure_prepared(stmt, chosen, args...);
            with_parameters([&](const auto& params) {
                const int sent = unnamed_statements()
                    ? PQsendQueryParams(conn_, sql.data(), params.size(), params.param_types(), params.param_values(),
                                        params.param_lengths(), params.param_formats(), 1)
                    : PQsendQueryPrepared(conn_, name.c_str(), params.size(), params.param_values(),
                                          params.param_lengths(), params.param_formats(), 1);
                if (sent != 1) detail::throw_connection_error(conn_, sql);
            }, stmt, args...);
            if (PQsetSingleRowMode(conn_) != 1) detail::throw_connection_error(conn_, sql);
            busy_ = true;
            return stream_result<Statement>(conn_, &busy_, sql);
        }
    }

    // Loads a range of rows (tuples, or structs adapted with Boost.Hana whose
    // members name the columns) with COPY in the binary format. COPY is
    // atomic: a bad row leaves none of the rows in the table.
    template <table_type Table, class... Columns, std::ranges::input_range Rows>
    std::int64_t operator()(const insert_columns_statement<Table, Columns...>&, Rows&& rows) {
        constexpr std::string_view sql = render::sql_text_v<copy_from_stdin<Table, Columns...>, dialect>;
        ensure_idle();
        std::int64_t written = 0;
        try {
            try {
                detail::copy_in_stream copy{conn_, std::string(sql)};
                for (const auto& r : rows) {
                    write_row<Columns...>(copy, r);
                    ++written;
                }
                return static_cast<std::int64_t>(copy.finish());
            } catch (const database_error&) {
                // The server names the row by its CONTEXT line; a value refused before
                // it was sent (text with a NUL byte) is the row being written.
                ctql::detail::rethrow_with_row(written);
            }
        } catch (const database_error&) {
            if constexpr ((Columns::is_secret || ...)) rethrow_without_secrets({true, {}});
            throw;
        }
    }

    // insert_into(t).columns(...) with ON CONFLICT or RETURNING, which COPY
    // cannot do: the prepared insert once per row, sent in pipeline mode (one
    // round trip for the lot), all in one transaction (a savepoint inside an
    // open one). Returns the rows changed, or with RETURNING the rows returned.
    template <table_type Table, class... Columns, class Conflict, class Returning, std::ranges::input_range Rows>
        requires(!std::is_same_v<Conflict, no_conflict> || !std::is_same_v<Returning, no_returning>)
    auto operator()(const statement_t<insert_kind, target_clause<keyword::insert_into, Table>, bulk_values<Columns...>,
                                      Conflict, Returning>& stmt,
                    Rows&& rows) {
        using bulk_t = std::remove_cvref_t<decltype(stmt)>;
        static_assert(bulk_t::check());
        ensure_idle();
        all_rows_or_none guard{*this};
        try {
            auto out = insert_pipelined<bulk_t, Columns...>(rows);
            guard.commit();
            return out;
        } catch (const database_error&) {
            if constexpr ((Columns::is_secret || ...)) rethrow_without_secrets({true, {}});
            throw;
        }
    }

    // Starts a batch of statements in pipeline mode; see pipeline_batch.
    pipeline_batch pipeline();

    // Runs SQL text that is not a ctql statement (schema changes, SET, BEGIN/COMMIT).
    void execute(verbatim text) {
        ensure_idle();
        const std::string sql(text.sql);
        detail::result_ptr r{PQexec(conn_, sql.c_str())};
        check(r.get(), sql);
    }

    // Whether a table of this name is visible on the search path.
    bool has_table(std::string_view name) {
        ensure_idle();
        constexpr std::string_view sql = "SELECT to_regclass(quote_ident($1)) IS NOT NULL";
        const std::string value(name);
        const char* values[] = {value.c_str()};
        detail::result_ptr r{PQexecParams(conn_, sql.data(), 1, nullptr, values, nullptr, nullptr, 0)};
        check(r.get(), sql);
        return PQntuples(r.get()) == 1 && PQgetvalue(r.get(), 0, 0)[0] == 't';
    }

    // How many distinct statements this connection has prepared by name (none behind a transaction pooler).
    std::size_t prepared_statements() const {
        std::size_t n = 0;
        for (const auto& name : prepared_) n += name.empty() ? 0 : 1;
        return n;
    }

    pooler_mode pooler() const { return pooler_; }
    // Whether what a session holds (SET, session advisory locks, temporary
    // tables, prepared statements) lasts from one transaction to the next: not behind a transaction pooler.
    bool keeps_session_state() const { return pooler_ == pooler_mode::none; }
    // COMMIT. PostgreSQL answers a COMMIT of a transaction in which a
    // statement failed with ROLLBACK; that throws rather than pass for a commit.
    void commit() {
        ensure_idle();
        constexpr std::string_view sql = "COMMIT";
        detail::result_ptr r{PQexec(conn_, sql.data())};
        try {
            check(r.get(), sql);
        } catch (const operational_error& e) {
            if (is_open()) throw;
            error_details d = e.details();
            d.message = "the connection was lost during COMMIT, so whether the transaction was committed is "
                        "unknown: " + d.message;
            throw operational_error(std::move(d));
        }
        if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK") {
            error_details d;
            d.sqlstate = "25P02";
            d.sql = std::string(sql);
            d.message = "COMMIT did not commit: a statement of this transaction failed, so PostgreSQL rolled the "
                        "whole transaction back and stored nothing of it. To carry on after a statement that may "
                        "fail, run that statement in a savepoint (begin_nested()) and roll back only the savepoint";
            throw operational_error(std::move(d));
        }
    }

    // DISCARD ALL: the session as new (settings, temporary tables, prepared
    // statements, advisory locks, LISTEN); statements are prepared again on next use.
    void discard_session() {
        execute(verbatim{"DISCARD ALL"});
        prepared_.clear();
    }

    bool in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }
    // A statement failed inside the open transaction: PostgreSQL refuses
    // everything but ROLLBACK (or ROLLBACK TO SAVEPOINT) until it ends.
    bool in_failed_transaction() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }
    bool is_open() const { return conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK; }
    PGconn* native_handle() const { return conn_; }

private:
    friend struct ctql::detail::transaction_methods<connection, ctql::detail::direct_session<connection>>;
    const std::shared_ptr<ctql::detail::direct_session<connection>>& transaction_session() { return sessions_.get(*this); }

    friend class pipeline_batch;

    static std::string trimmed(const char* message) {
        std::string text = message != nullptr ? message : "";
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        return text;
    }

    void ensure_idle() const {
        if (busy_)
            throw interface_error(
                "ctql: this PostgreSQL connection is still streaming a result or running a pipeline; finish it "
                "before running another statement");
    }

    void check(const PGresult* r, std::string_view sql) {
        const ExecStatusType status = r != nullptr ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) detail::throw_result_error(r, conn_, sql);
    }

    // ctql's own prepared statement missing on a connection that prepared it,
    // or there already on one that had not: the symptom of a pooler in
    // transaction mode that ctql was not told about.
    static bool looks_like_a_transaction_pooler(const error_details& d) {
        return (d.sqlstate == "26000" || d.sqlstate == "42P05") && d.message.find("\"ctql_") != std::string::npos;
    }

    // Rethrows the database_error being handled with a hint saying what to do about that.
    [[noreturn]] static void rethrow_with_pooler_hint() {
        ctql::detail::rethrow_database_error([](const error_details& d) {
            error_details out = d;
            if (out.hint.empty())
                out.hint = "is a pooler in transaction mode (pgbouncer with pool_mode=transaction) between ctql and "
                           "PostgreSQL? It runs each transaction on whichever server connection is free, where the "
                           "statements ctql prepared by name are missing or taken: add pooler=transaction to the URL "
                           "(engine_options::pooler, postgres::options::pooler)";
            return out;
        });
    }

    // Rethrows the database_error being handled, scrubbed of the statement's
    // secret values: PostgreSQL quotes row values in messages such as
    // "Key (password)=(...) already exists".
    [[noreturn]] static void rethrow_without_secrets(const ctql::detail::secret_values& secrets) {
        if (!secrets.any) throw;
        ctql::detail::rethrow_database_error(
            [&](const error_details& d) { return ctql::detail::without_secrets(d, secrets.texts); });
    }

    // Calls f with the statement's binary parameter block.
    template <class F, class Statement, class... Arguments>
    static void with_parameters(F&& f, const Statement& stmt, const Arguments&... args) {
        constexpr int count = render::sql_text<Statement, dialect>::placeholder_count;
        detail::param_buffer<static_cast<std::size_t>(count)> params;
        const auto arguments = ctql::detail::make_argument_list(args...);
        detail::binder<decltype(params), Arguments...> bind{params, arguments};
        stmt.each_value(bind);
        params.set_count(bind.index);  // fewer than `count` where optional parts are switched off
        f(params);
    }

    // The cache slot of the statement's SQL variant.
    template <class Statement>
    static std::size_t slot_of(const ctql::detail::chosen_sql& chosen) {
        return ctql::detail::statement_slot<Statement>(chosen.variants) + chosen.variant;
    }

    bool unnamed_statements() const { return pooler_ == pooler_mode::transaction; }

    // The statement's prepared name, preparing it on first use with the
    // parameter types of this call (so that the server reads the binary values as sent).
    // Behind a transaction pooler nothing is prepared by name: the name
    // returned is empty, the unnamed statement's, and a statement's declared
    // outputs (if any) are checked on its first use.
    template <class Statement, class... Arguments>
    const std::string& ensure_prepared(const Statement& stmt, const ctql::detail::chosen_sql& chosen,
                                       const Arguments&... args) {
        const std::size_t slot = slot_of<Statement>(chosen);
        if (unnamed_statements()) {
            if constexpr (requires { Statement::checks_declared_outputs; }) {
                if constexpr (Statement::checks_declared_outputs) {
                    if (slot >= outputs_checked_.size()) outputs_checked_.resize(slot + 1);
                    if (!outputs_checked_[slot]) {
                        with_parameters([&](const auto& params) {
                            check_declared_outputs_unnamed<Statement>(chosen.text, params);
                        }, stmt, args...);
                        outputs_checked_[slot] = true;
                    }
                }
            }
            return unnamed_;
        }
        if (slot >= prepared_.size()) prepared_.resize(slot + 1);
        std::string& name = prepared_[slot];
        if (name.empty()) {
            const std::string_view sql = chosen.text;
            std::string candidate = "ctql_" + std::to_string(slot);
            with_parameters([&](const auto& params) {
                detail::result_ptr r{PQprepare(conn_, candidate.c_str(), sql.data(), params.size(), params.param_types())};
                try {
                    check(r.get(), sql);
                } catch (const database_error& e) {
                    if (looks_like_a_transaction_pooler(e.details())) rethrow_with_pooler_hint();
                    throw;
                }
            }, stmt, args...);
            if constexpr (requires { Statement::checks_declared_outputs; }) {
                if constexpr (Statement::checks_declared_outputs) check_declared_outputs<Statement>(candidate, sql);
            }
            name = std::move(candidate);
        }
        return name;
    }

    // A SQL template's declared outputs against the prepared statement, as
    // PostgreSQL describes it; on a mismatch the statement is deallocated, so
    // that the next call prepares and checks it again.
    template <class Statement>
    void check_declared_outputs(const std::string& name, std::string_view sql) {
        detail::result_ptr described{PQdescribePrepared(conn_, name.c_str())};
        check(described.get(), sql);
        try {
            detail::check_declared_outputs<Statement>(described.get(), sql);
        } catch (const programming_error&) {
            detail::result_ptr{PQexec(conn_, ("DEALLOCATE " + name).c_str())};
            throw;
        }
    }

    // The same check behind a transaction pooler: parse and describe the
    // unnamed statement in one pipeline, so that both reach the same server connection.
    template <class Statement, class Params>
    void check_declared_outputs_unnamed(std::string_view sql, const Params& params) {
        if (PQenterPipelineMode(conn_) != 1) detail::throw_connection_error(conn_, sql);
        // Leaves pipeline mode however this ends: a failed send left results
        // (and maybe no sync) behind, which are collected first.
        struct leave_pipeline {
            PGconn* conn;
            bool synced = false;
            ~leave_pipeline() {
                if (PQexitPipelineMode(conn) == 1) return;
                if (!synced) PQpipelineSync(conn);
                for (int attempts = 0; attempts < 64 && PQstatus(conn) == CONNECTION_OK; ++attempts) {
                    detail::result_ptr rest{PQgetResult(conn)};
                    if (!rest && PQexitPipelineMode(conn) == 1) return;
                }
            }
        } leave{conn_};
        if (PQsendPrepare(conn_, "", sql.data(), params.size(), params.param_types()) != 1 ||
            PQsendDescribePrepared(conn_, "") != 1 || PQpipelineSync(conn_) != 1)
            detail::throw_connection_error(conn_, sql);
        leave.synced = true;
        detail::result_ptr prepared{PQgetResult(conn_)};
        detail::result_ptr{PQgetResult(conn_)};  // the end of the prepare's results
        detail::result_ptr described{PQgetResult(conn_)};
        if (described) detail::result_ptr{PQgetResult(conn_)};
        // The sync: read it whatever happened, so the pipeline can be left.
        for (detail::result_ptr r{PQgetResult(conn_)}; r && PQresultStatus(r.get()) != PGRES_PIPELINE_SYNC;
             r.reset(PQgetResult(conn_))) {
        }
        check(prepared.get(), sql);
        check(described.get(), sql);
        detail::check_declared_outputs<Statement>(described.get(), sql);
    }

    template <class Statement, class... Arguments>
    auto run(const Statement& stmt, const Arguments&... args) {
        if (sessions_.guards_open()) ensure_transaction_intact(*sessions_.session());
        const auto chosen = ctql::detail::choose_sql<dialect>(stmt);
        const std::string_view sql = chosen.text;
        ensure_idle();
        const std::string& name = ensure_prepared(stmt, chosen, args...);
        detail::result_ptr r;
        with_parameters([&](const auto& params) {
            r.reset(unnamed_statements()
                        ? PQexecParams(conn_, sql.data(), params.size(), params.param_types(), params.param_values(),
                                       params.param_lengths(), params.param_formats(), 1)
                        : PQexecPrepared(conn_, name.c_str(), params.size(), params.param_values(),
                                         params.param_lengths(), params.param_formats(), 1));
        }, stmt, args...);
        try {
            check(r.get(), sql);
        } catch (const database_error& e) {
            if (looks_like_a_transaction_pooler(e.details())) rethrow_with_pooler_hint();  // quotes no values
            rethrow_without_secrets(ctql::detail::secret_values_of(stmt, args...));
        }
        if constexpr (returns_rows_v<Statement>) {
            // A write's RETURNING rows come as a vector, on every backend.
            if constexpr (Statement::is_query) return result<Statement>(std::move(r));
            else return result<Statement>(std::move(r)).to_vector();
        } else {
            return affected_rows(r.get());
        }
    }

    static std::int64_t affected_rows(const PGresult* r) {
        const char* text = PQcmdTuples(const_cast<PGresult*>(r));
        return text != nullptr && *text != '\0' ? std::strtoll(text, nullptr, 10) : 0;
    }

    // COPY BINARY carries no types, so each value is converted to exactly its column's type first.
    template <class Column, class Value>
    static decltype(auto) as_column_value(const Value& v) {
        using column_t = typename Column::value_type;
        using value_t = expression_t<Value>;
        static_assert(rule::assignable_types<Column, sql_type_of<Column>, value_t, sql_type_of<value_t>>,
                      "ctql: a row value's SQL type does not match its column's type");
        static_assert(rule::null_only_into_nullable_column<Column, value_t>,
                      "ctql: a row value may be NULL but its column is NOT NULL");
        static_assert(rule::value_fits_without_loss<Column, value_type_of<Column>, value_t, value_type_of<value_t>>,
                      "ctql: a row value may not fit its column: a narrowing conversion (such as std::int64_t "
                      "into a 32-bit column); convert it with ctql::narrow<T>(value), or declare the row type so");
        using base_t = base_type_t<column_t>;
        if constexpr (kind_of_v<column_t> == sql_kind::integer || kind_of_v<column_t> == sql_kind::real) {
            if constexpr (is_nullable_v<Value>)
                return v ? std::optional<base_t>(static_cast<base_t>(*v)) : std::optional<base_t>();
            else
                return static_cast<base_t>(v);
        } else {
            return (v);
        }
    }

    template <class... Columns, class Row>
    static void write_row(detail::copy_in_stream& copy, const Row& r) {
        if constexpr (reflectable_struct<Row>) {
            copy.write_row(as_column_value<Columns>(member_for<Columns>(r))...);
        } else {
            static_assert(std::tuple_size_v<Row> == sizeof...(Columns),
                          "ctql: each row needs exactly one value per column named in columns()");
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                using std::get;
                copy.write_row(as_column_value<Columns>(get<I>(r))...);
            }(std::make_index_sequence<sizeof...(Columns)>{});
        }
    }

    template <class Statement, class... Columns, class Rows>
    auto insert_pipelined(Rows& rows);

    template <class... Columns, class Buffer, class Row>
    static void set_row(Buffer& params, const Row& r) {
        std::size_t index = 0;
        if constexpr (reflectable_struct<Row>) {
            (params.set(index++, as_column_value<Columns>(member_for<Columns>(r))), ...);
        } else {
            static_assert(std::tuple_size_v<Row> == sizeof...(Columns),
                          "ctql: each row needs exactly one value per column named in columns()");
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                using std::get;
                (params.set(index++, as_column_value<Columns>(get<I>(r))), ...);
            }(std::make_index_sequence<sizeof...(Columns)>{});
        }
    }

    // BEGIN ... COMMIT around a batch of statements, or a savepoint when a
    // transaction is open already; rolled back unless committed.
    class all_rows_or_none {
    public:
        explicit all_rows_or_none(connection& c) : c_(c), nested_(c.in_transaction()) {
            c_.execute(verbatim{nested_ ? "SAVEPOINT ctql_rows" : "BEGIN"});
        }
        void commit() {
            c_.execute(verbatim{nested_ ? "RELEASE SAVEPOINT ctql_rows" : "COMMIT"});
            done_ = true;
        }
        ~all_rows_or_none() {
            if (done_ || !c_.is_open()) return;
            detail::result_ptr r{PQexec(c_.conn_, nested_ ? "ROLLBACK TO SAVEPOINT ctql_rows; RELEASE SAVEPOINT ctql_rows"
                                                            : "ROLLBACK")};
        }
        all_rows_or_none(const all_rows_or_none&) = delete;
        all_rows_or_none& operator=(const all_rows_or_none&) = delete;

    private:
        connection& c_;
        bool nested_;
        bool done_ = false;
    };

    template <class Column, class Row>
    static const auto& member_for(const Row& r) {
        constexpr std::size_t m = ctql::detail::member_index<Row>(Column::ctql_sql_name.view());
        static_assert(m < ctql::detail::member_count_v<Row>,
                      "ctql: the row struct has no member named like a column in columns()");
        return ctql::detail::member_ref<m>(r);
    }

    void close() noexcept {
        sessions_.detach();
        if (conn_ != nullptr) PQfinish(conn_);
        conn_ = nullptr;
    }

    PGconn* conn_ = nullptr;
    std::vector<std::string> prepared_;  // by statement slot; empty until prepared
    std::vector<bool> outputs_checked_;  // by statement slot, behind a transaction pooler
    static inline const std::string unnamed_{};
    pooler_mode pooler_ = pooler_mode::none;
    bool busy_ = false;
    ctql::detail::direct_session_owner<connection> sessions_;
};

// A transaction guard of a postgres::connection (what begin() returns).
using transaction = basic_transaction<ctql::detail::direct_session<connection>>;

// Statements sent back to back in libpq's pipeline mode and confirmed by one
// sync: one round trip for the whole batch instead of one per statement.
// Results are read while sending, so a batch of any size cannot deadlock.
// Without an explicit transaction, everything up to a sync is one implicit
// transaction: when a statement fails, the batch's earlier work is rolled back too.
class pipeline_batch {
public:
    explicit pipeline_batch(connection& c) : c_(c) {
        c_.ensure_idle();
        if (PQenterPipelineMode(c_.conn_) != 1) detail::throw_connection_error(c_.conn_, "enter pipeline mode");
        if (PQsetnonblocking(c_.conn_, 1) != 0) detail::throw_connection_error(c_.conn_, "set non-blocking");
        c_.busy_ = true;
    }
    pipeline_batch(const pipeline_batch&) = delete;
    pipeline_batch& operator=(const pipeline_batch&) = delete;
    ~pipeline_batch() {
        if (!pending_.empty()) {
            try {
                sync();
            } catch (...) {
            }
        }
        PQsetnonblocking(c_.conn_, 0);
        PQexitPipelineMode(c_.conn_);
        c_.busy_ = false;
    }

    // Queues a statement; its outcome is known at sync().
    template <statement Statement, named_argument_type... Arguments>
    void operator()(const Statement& stmt, const Arguments&... args) {
        static_assert(Statement::check());
        static_assert(!returns_rows_v<Statement>, "ctql: a pipeline runs statements that return no rows");
        if constexpr (arguments_match_v<Statement, Arguments...>) queue(stmt, args...);
    }

    // Sends the sync and waits for every queued statement. Returns the rows
    // changed by each, in order; throws the first failure after reading all.
    std::vector<std::int64_t> sync() {
        if (PQpipelineSync(c_.conn_) != 1) detail::throw_connection_error(c_.conn_, "pipeline sync");
        pending_.push_back({kind::sync, {}, 0});
        while (!pending_.empty()) {
            flush();
            read_available(true);
        }
        std::vector<std::int64_t> changed = std::move(changed_);
        changed_.clear();
        if (failure_) {
            auto failure = std::move(failure_);
            failure_ = nullptr;
            std::rethrow_exception(failure);
        }
        return changed;
    }

private:
    enum class kind { prepare, query, sync };
    struct item {
        kind what;
        std::string_view sql;
        std::size_t slot;
        // Hidden from the statement's error, if it fails; null unless it binds secret values.
        std::unique_ptr<const ctql::detail::secret_values> secrets{};
    };

    template <class Statement, class... Arguments>
    void queue(const Statement& stmt, const Arguments&... args) {
        const auto chosen = ctql::detail::choose_sql<connection::dialect>(stmt);
        const std::string_view sql = chosen.text;
        const std::size_t slot = connection::slot_of<Statement>(chosen);
        connection::with_parameters([&](const auto& params) {
            send_prepared(sql, slot, params,
                          ctql::detail::binds_secrets(stmt) ? std::make_unique<const ctql::detail::secret_values>(
                                                                  ctql::detail::secret_values_of(stmt, args...))
                                                            : nullptr);
        }, stmt, args...);
    }

    // Sends the statement prepared in `slot` (preparing it first, the first
    // time) with a parameter block, then reads whatever results are in.
    template <class Params>
    void send_prepared(std::string_view sql, std::size_t slot, const Params& params,
                       std::unique_ptr<const ctql::detail::secret_values> secrets) {
        int sent = 0;
        if (c_.unnamed_statements()) {
            sent = PQsendQueryParams(c_.conn_, sql.data(), params.size(), params.param_types(), params.param_values(),
                                     params.param_lengths(), params.param_formats(), 1);
        } else {
            if (slot >= c_.prepared_.size()) c_.prepared_.resize(slot + 1);
            std::string& name = c_.prepared_[slot];
            if (name.empty()) {
                name = "ctql_" + std::to_string(slot);
                if (PQsendPrepare(c_.conn_, name.c_str(), sql.data(), params.size(), params.param_types()) != 1)
                    detail::throw_connection_error(c_.conn_, sql);
                pending_.push_back({kind::prepare, sql, slot});
            }
            sent = PQsendQueryPrepared(c_.conn_, name.c_str(), params.size(), params.param_values(),
                                       params.param_lengths(), params.param_formats(), 1);
        }
        if (sent != 1) detail::throw_connection_error(c_.conn_, sql);
        pending_.push_back({kind::query, sql, slot, std::move(secrets)});
        flush();
        read_available(false);
    }

    // Pushes queued bytes to the server; when the socket is full, reads
    // results meanwhile so the server never blocks writing them.
    void flush() {
        for (;;) {
            const int rc = PQflush(c_.conn_);
            if (rc == 0) return;
            if (rc < 0) detail::throw_connection_error(c_.conn_, "pipeline flush");
            wait_socket(true);
            read_available(false);
        }
    }

    void wait_socket(bool for_write) {
        pollfd fd{PQsocket(c_.conn_), static_cast<short>(POLLIN | (for_write ? POLLOUT : 0)), 0};
        ::poll(&fd, 1, -1);
    }

    // Consumes whatever results have arrived; with `block`, waits for at least one.
    void read_available(bool block) {
        if (pending_.empty()) return;
        if (PQconsumeInput(c_.conn_) != 1) detail::throw_connection_error(c_.conn_, "pipeline read");
        while (!pending_.empty()) {
            if (PQisBusy(c_.conn_)) {
                if (!block) return;
                wait_socket(false);
                if (PQconsumeInput(c_.conn_) != 1) detail::throw_connection_error(c_.conn_, "pipeline read");
                continue;
            }
            detail::result_ptr r{PQgetResult(c_.conn_)};
            item& front = pending_.front();
            if (!r) {
                if (front.what != kind::sync) {
                    pending_.pop_front();  // the end of one statement's results
                    continue;
                }
                if (!block) return;  // the sync's confirmation has not arrived yet
                wait_socket(false);
                if (PQconsumeInput(c_.conn_) != 1) detail::throw_connection_error(c_.conn_, "pipeline read");
                continue;
            }
            const ExecStatusType status = PQresultStatus(r.get());
            if (front.what == kind::sync) {
                if (status == PGRES_PIPELINE_SYNC) pending_.pop_front();
                continue;
            }
            if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
                if (front.what == kind::query) {
                    changed_.push_back(connection::affected_rows(r.get()));
                    if (rows_sink_ != nullptr && status == PGRES_TUPLES_OK) rows_sink_(rows_context_, std::move(r));
                }
            } else {
                if (front.what == kind::prepare) c_.prepared_[front.slot].clear();
                if (!failure_ && status != PGRES_PIPELINE_ABORTED) failed_query_ = static_cast<std::int64_t>(changed_.size());
                if (front.what == kind::query) changed_.push_back(0);
                if (!failure_ && status != PGRES_PIPELINE_ABORTED) {
                    try {
                        try {
                            detail::throw_result_error(r.get(), c_.conn_, front.sql);
                        } catch (const database_error&) {
                            if (front.secrets) connection::rethrow_without_secrets(*front.secrets);
                            throw;
                        }
                    } catch (...) {
                        failure_ = std::current_exception();
                    }
                }
            }
        }
    }

    connection& c_;
    std::deque<item> pending_;
    std::vector<std::int64_t> changed_;
    std::exception_ptr failure_;
    // The statement that failed first, counting queued statements from 0; -1 while none has.
    std::int64_t failed_query_ = -1;
    // Where the rows of each statement's result go (a bulk insert's RETURNING); none by default.
    void (*rows_sink_)(void* context, detail::result_ptr rows) = nullptr;
    void* rows_context_ = nullptr;

    friend class connection;
};

// Sends one prepared insert per row through a pipeline; a failure names its row.
template <class Statement, class... Columns, class Rows>
auto connection::insert_pipelined(Rows& rows) {
    constexpr std::string_view sql = Statement::template sql<dialect>();
    const std::size_t slot = slot_of<Statement>({0, 1, sql});
    std::conditional_t<returns_rows_v<Statement>, std::vector<typename Statement::result_row>, std::int64_t> out{};
    pipeline_batch batch{*this};
    if constexpr (returns_rows_v<Statement>) {
        batch.rows_context_ = &out;
        batch.rows_sink_ = [](void* context, detail::result_ptr r) {
            auto& returned = *static_cast<std::vector<typename Statement::result_row>*>(context);
            for (auto& row : result<Statement>(std::move(r)).to_vector()) returned.push_back(std::move(row));
        };
    }
    std::int64_t sent = 0;
    try {
        for (const auto& r : rows) {
            detail::param_buffer<sizeof...(Columns)> params;
            set_row<Columns...>(params, r);
            batch.send_prepared(sql, slot, params, nullptr);
            ++sent;
        }
    } catch (const database_error&) {
        // A value refused before it was sent (text with a NUL byte) is the row being written.
        ctql::detail::rethrow_with_row(sent);
    }
    std::vector<std::int64_t> changed;
    try {
        changed = batch.sync();
    } catch (const database_error&) {
        ctql::detail::rethrow_with_row(batch.failed_query_);
    }
    if constexpr (!returns_rows_v<Statement>) {
        for (const std::int64_t n : changed) out += n;
    }
    return out;
}

inline pipeline_batch connection::pipeline() { return pipeline_batch{*this}; }

}  // namespace ctql::postgres
