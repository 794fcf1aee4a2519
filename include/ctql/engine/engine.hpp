// SPDX-License-Identifier: MIT
#pragma once
// An engine is a database address plus a connection pool, made from a URL and
// shared by the whole program (copies share one pool; use it from any thread):
//
//   auto db = ctql::create_engine("postgresql://app@localhost/app?pool_size=10");
//   auto conn = db.connect();                      // checked out; returned when it goes out of scope
//   for (const auto& row : conn(query, arg<"min">(5))) ...
//   db.transaction([&](ctql::connection& c) { c(insert); c(update); });   // commit, or roll back and rethrow
//   for (const auto& row : conn.stream(query)) ...     // one row at a time, flat memory, both backends
//   auto people = conn(query).as<person>();            // rows mapped onto a Boost.Hana struct
//   auto batch = conn.pipeline(); batch(stmt); batch.sync();   // PostgreSQL pipeline mode
//
// A statement carries its SQL for every dialect as compile-time constants; the
// connection picks the one for its backend at run time and renders nothing.
#include <charconv>
#include <chrono>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <ctql/backend/postgres/connection.hpp>
#include <ctql/backend/postgres/replication.hpp>
#include <ctql/backend/sqlite/connection.hpp>
#include <ctql/backend/transaction.hpp>
#include <ctql/core/error.hpp>
#include <ctql/core/verbatim.hpp>
#include <ctql/engine/logging.hpp>
#include <ctql/engine/pool.hpp>
#include <ctql/engine/read_replica.hpp>
#include <ctql/engine/url.hpp>
#include <ctql/expr/parameter.hpp>
#include <ctql/stmt/insert.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

enum class backend_kind { sqlite, postgresql };

// What a connection goes through when it returns to the pool, before the next
// user gets it. A transaction left open is always rolled back first.
enum class reset_on_return {
    rollback,        // nothing more: session settings (SET ...) stay for the next user
    reset_settings,  // PostgreSQL RESET ALL: every SET back to its default; prepared statements stay
    discard_all,     // PostgreSQL DISCARD ALL: a fresh session (settings, temporary tables, prepared
                     // statements, advisory locks, LISTEN); ctql prepares its statements again on use
};

struct engine_options {
    pool_options pool{};
    echo_options echo{};
    int sqlite_busy_timeout_ms = 5000;
    // SQLite has no session settings to reset: there every policy rolls back only.
    reset_on_return reset = reset_on_return::rollback;
    // PostgreSQL behind a pooler in transaction mode (URL: pooler=transaction).
    postgres::pooler_mode pooler = postgres::pooler_mode::none;
    // PostgreSQL: a streaming replica for selects (engine/read_replica.hpp).
    std::optional<read_replica_options> read_replica{};
};

// What an engine's pool holds right now.
struct pool_status {
    std::size_t idle;          // open and waiting in the pool
    std::size_t checked_out;   // handed out
    std::size_t overflow;      // open beyond pool_size
    std::size_t total_opened;  // ever
    std::size_t total_closed;  // ever
};

// The rows of a select run through an engine connection, read in full.
template <class Row>
class rows {
public:
    using value_type = Row;
    explicit rows(std::vector<Row> items) : items_(std::move(items)) {}

    auto begin() const { return items_.begin(); }
    auto end() const { return items_.end(); }
    std::size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    const Row& operator[](std::size_t i) const { return items_[i]; }
    const Row& front() const {
        if (items_.empty()) throw interface_error("ctql: front() on a result with no rows");
        return items_.front();
    }
    std::optional<Row> first() const {
        if (items_.empty()) return std::nullopt;
        return items_.front();
    }
    std::vector<Row> to_vector() && { return std::move(items_); }
    const std::vector<Row>& to_vector() const& { return items_; }

private:
    std::vector<Row> items_;
};

namespace detail {
// Reads the fields of a row already decoded, as a struct mapping reads a
// backend row (result/struct_mapping.hpp): each field is moved out once.
template <class Row>
struct row_field_reader {
    Row* row;
    template <class T>
    T operator()(int index) const {
        if constexpr (requires { typename Row::fields; }) {
            std::optional<T> out;
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                const auto take = [&]<std::size_t F>(std::integral_constant<std::size_t, F>) {
                    if constexpr (std::is_same_v<std::tuple_element_t<F, Row>, T>)
                        if (F == static_cast<std::size_t>(index)) out.emplace(std::move(get<F>(*row)));
                };
                (take(std::integral_constant<std::size_t, I>{}), ...);
            }(std::make_index_sequence<Row::size>{});
            return std::move(*out);
        } else {
            (void)index;
            return std::move(*row);
        }
    }
};
}  // namespace detail

// The rows of a select run through an engine connection, read in full, with
// what the select says about them: their column names (for to_frame and
// write_csv) and their mapping onto a struct, as<S>(). Converts to rows<Row>.
template <class Row, class Statement>
class statement_rows : public rows<Row> {
public:
    using statement = Statement;
    using rows<Row>::rows;

    // The same rows, each mapped onto a struct adapted with Boost.Hana
    // (members matched to columns by name, checked at compile time).
    template <class Struct>
    rows<Struct> as() && {
        static_assert(ctql::detail::check_mapping<Struct, Statement>());
        std::vector<Row> source = std::move(*this).to_vector();
        std::vector<Struct> out;
        out.reserve(source.size());
        for (Row& r : source)
            out.push_back(ctql::detail::struct_row<Statement, Struct>::decode(detail::row_field_reader<Row>{&r}));
        return rows<Struct>(std::move(out));
    }
};

namespace detail {
using sqlite_pool = queue_pool<sqlite::connection>;
using postgres_pool = queue_pool<postgres::connection>;

struct engine_state {
    url address;
    std::string display;  // the URL with its password hidden
    backend_kind kind;
    echo_options echo;
    std::unique_ptr<sqlite_pool> sqlite;
    std::unique_ptr<postgres_pool> postgres;
    // With a read replica: its own state (pool, URL), and where reads go.
    std::shared_ptr<engine_state> replica;
    std::unique_ptr<replica_router> router;

    // A lost connection usually means the server restarted or failed over:
    // the idle connections are as dead as the one that failed, so they are
    // closed now instead of failing one by one at their next use.
    void connection_lost() {
        if (sqlite) sqlite->dispose();
        if (postgres) postgres->dispose();
    }
};

// One checkout from the pool, owned jointly by the connection and the
// transactions begun on it: a transaction keeps its connection alive, so
// neither moving the connection nor letting it go first can leave the
// transaction pointing at nothing.
struct session : guard_book {
    using handle_type = std::variant<sqlite_pool::handle, postgres_pool::handle>;

    std::shared_ptr<engine_state> state;
    handle_type handle;
    int reads_on_primary = 0;  // read_your_writes() scopes open

    session(std::shared_ptr<engine_state> s, handle_type h) : state(std::move(s)), handle(std::move(h)) {}

    template <class F>
    decltype(auto) with_backend(F&& f) {
        try {
            return std::visit([&](auto& h) -> decltype(auto) { return f(*h); }, handle);
        } catch (const operational_error&) {
            discard_if_lost();
            throw;
        }
    }

    void discard_if_lost() {
        auto* pg = std::get_if<postgres_pool::handle>(&handle);
        if (pg == nullptr || (*pg)->is_open() || pg->invalidated()) return;
        pg->invalidate();
        state->connection_lost();
    }

    bool backend_in_transaction() {
        return std::visit([](auto& h) { return h->is_open() && h->in_transaction(); }, handle);
    }

    bool backend_is_open() {
        return std::visit([](auto& h) { return h->is_open(); }, handle);
    }
};

// The lag of the replica a session is connected to (engine/read_replica.hpp).
inline std::optional<std::chrono::milliseconds> replica_lag_of(session& replica) {
    return replica.with_backend([](auto& backend) -> std::optional<std::chrono::milliseconds> {
        if constexpr (std::is_same_v<std::decay_t<decltype(backend)>, postgres::connection>)
            return postgres::replication_lag(backend);
        else
            throw interface_error("ctql: read replicas are PostgreSQL's");  // create_engine makes no other
    });
}
}  // namespace detail

// A transaction guard of an engine's connection: rolls back unless
// committed. It shares its connection's checkout, so it stays valid when the
// connection is moved or destroyed first (backend/transaction.hpp).
using transaction = basic_transaction<detail::session>;

namespace detail {
// Sends one statement event to the engine's sink, when echo is on and the
// statement was slow enough (or failed).
inline void emit_event(const engine_state& state, std::string_view sql, std::string_view parameters,
                       std::chrono::nanoseconds took, std::int64_t count, std::string_view error) {
    const echo_options& echo = state.echo;
    if (!echo.enabled) return;
    if (echo.slow_threshold && took < *echo.slow_threshold && error.empty()) return;
    // The error text names the SQL already; only its first line goes into the log.
    const std::string first_line = printable(error.substr(0, error.find('\n')));
    statement_event event{state.display, sql, parameters, took, count, first_line};
    (echo.sink ? echo.sink : stderr_sink())(event);
}

template <class Statement>
std::string_view sql_for(backend_kind kind, const Statement& stmt) {
    return kind == backend_kind::sqlite ? ctql::detail::choose_sql<dialect::sqlite>(stmt).text
                                        : ctql::detail::choose_sql<dialect::postgres>(stmt).text;
}

// What a stream holds on the heap, so that the iterators into the backend's
// result stay valid when the stream object moves.
template <class Statement>
struct stream_state {
    using sqlite_rows = sqlite::result<Statement>;
    using postgres_rows = postgres::stream_result<Statement>;

    // Declared first, destroyed last: the backend result needs its connection checked out.
    std::shared_ptr<session> owner;
    std::optional<sqlite_rows> lite;
    std::optional<postgres_rows> pg;
    typename sqlite_rows::iterator lite_at{};
    typename postgres_rows::iterator pg_at{};
    bool taken = false;  // begin() or to_vector() was called
    bool done = false;   // the last row was read, or reading failed: logged already

    std::string_view sql;
    std::string parameters;  // only when echo is on
    std::chrono::steady_clock::time_point start{};
    std::int64_t count = 0;

    stream_state() = default;
    stream_state(const stream_state&) = delete;
    stream_state& operator=(const stream_state&) = delete;
    ~stream_state() {
        if (!done && owner) log({});  // left before the end: the rows read so far
    }

    bool has_row() const {
        return lite ? lite_at != std::default_sentinel : pg_at != std::default_sentinel;
    }
    typename Statement::result_row& row() const { return lite ? *lite_at : *pg_at; }

    // Runs a step of reading; a failure is logged, and a lost connection
    // discards the pool's idle connections, as for any statement.
    template <class F>
    void guarded(F&& f) {
        try {
            f();
        } catch (const operational_error& e) {
            done = true;
            owner->discard_if_lost();
            log(e.what());
            throw;
        } catch (const std::exception& e) {
            done = true;
            log(e.what());
            throw;
        }
    }

    void next() {
        guarded([&] {
            if (lite) ++lite_at;
            else ++pg_at;
        });
        if (has_row()) ++count;
        else finish();
    }

    void finish() {
        if (done) return;
        done = true;
        log({});
    }

    void log(std::string_view error) {
        if (!owner->state->echo.enabled) return;
        emit_event(*owner->state, sql, parameters, std::chrono::steady_clock::now() - start, count, error);
    }
};
}  // namespace detail

// The rows of a select read one at a time as the database produces them, so
// that memory stays flat for any number of rows: SQLite steps the statement,
// PostgreSQL reads in single-row mode. Single pass; while it is open its
// connection runs nothing else on PostgreSQL. Leaving before the end stops
// the query (PostgreSQL cancels it). With echo on, the statement is logged
// when its rows end (or reading fails, or the stream is dropped), with the
// rows read.
template <class Statement, class Value = typename Statement::result_row>
class row_stream {
public:
    using value_type = Value;
    using statement = Statement;

    row_stream(row_stream&&) noexcept = default;
    row_stream& operator=(row_stream&&) noexcept = default;

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Value;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        explicit iterator(row_stream* owner) : owner_(owner) {}
        Value& operator*() const { return owner_->current(); }
        Value* operator->() const { return &owner_->current(); }
        iterator& operator++() {
            owner_->advance();
            return *this;
        }
        void operator++(int) { ++*this; }
        bool operator==(std::default_sentinel_t) const { return owner_ == nullptr || !owner_->state_->has_row(); }

    private:
        row_stream* owner_ = nullptr;
    };

    // Rows stream by once: a second pass finds them gone, and says so.
    iterator begin() {
        take();
        if (state_->has_row()) convert();
        else state_->finish();
        return iterator{this};
    }
    std::default_sentinel_t end() { return {}; }

    std::vector<Value> to_vector() {
        std::vector<Value> out;
        for (auto it = begin(); it != end(); ++it) out.push_back(std::move(*it));
        return out;
    }

    // The same rows, each mapped onto a struct adapted with Boost.Hana.
    template <class Struct>
    row_stream<Statement, Struct> as() && {
        static_assert(ctql::detail::check_mapping<Struct, Statement>());
        if (state_->taken) throw_read_twice();
        return row_stream<Statement, Struct>(std::move(state_));
    }

private:
    friend class connection;
    template <class, class>
    friend class row_stream;
    using row_type = typename Statement::result_row;

    explicit row_stream(std::unique_ptr<detail::stream_state<Statement>> state) : state_(std::move(state)) {}

    [[noreturn]] static void throw_read_twice() {
        throw interface_error(
            "ctql: this stream was read already: rows stream by once; keep them with to_vector() to go over them "
            "again");
    }
    void take() {
        if (state_->taken) throw_read_twice();
        state_->taken = true;
    }

    Value& current() {
        if constexpr (std::is_same_v<Value, row_type>) return state_->row();
        else return *converted_;
    }
    void convert() {
        if constexpr (!std::is_same_v<Value, row_type>)
            converted_ = ctql::detail::struct_row<Statement, Value>::decode(
                detail::row_field_reader<row_type>{&state_->row()});
    }
    void advance() {
        state_->next();
        if (state_->has_row()) convert();
    }

    std::unique_ptr<detail::stream_state<Statement>> state_;
    std::optional<Value> converted_;  // the current row as a struct (unused for rows)
};

// Statements sent back to back in PostgreSQL's pipeline mode and confirmed
// by one sync (postgres::pipeline_batch, through an engine connection). With
// echo on, each statement is logged at sync, with the rows it changed (or
// the batch's failure).
class pipeline_batch {
public:
    pipeline_batch(pipeline_batch&&) noexcept = default;

    // Queues a statement that returns no rows; its outcome is known at sync().
    template <statement Statement, named_argument_type... Arguments>
    void operator()(const Statement& stmt, const Arguments&... args) {
        guarded([&] { (*batch_)(stmt, args...); });
        if (session_->state->echo.enabled)
            queued_.push_back({detail::sql_for(backend_kind::postgresql, stmt), detail::format_parameters(stmt, args...)});
    }

    // Sends the sync and waits for every queued statement: the rows each
    // changed, in order; throws the first failure after reading all.
    std::vector<std::int64_t> sync() {
        const auto start = std::chrono::steady_clock::now();
        std::vector<queued> logged = std::move(queued_);
        queued_.clear();
        std::vector<std::int64_t> changed;
        try {
            guarded([&] { changed = batch_->sync(); });
        } catch (const std::exception& e) {
            for (const queued& q : logged)
                detail::emit_event(*session_->state, q.sql, q.parameters, std::chrono::steady_clock::now() - start, 0,
                                   e.what());
            throw;
        }
        for (std::size_t i = 0; i < logged.size(); ++i)
            detail::emit_event(*session_->state, logged[i].sql, logged[i].parameters,
                               std::chrono::steady_clock::now() - start, i < changed.size() ? changed[i] : 0, {});
        return changed;
    }

private:
    friend class connection;
    struct queued {
        std::string_view sql;
        std::string parameters;
    };

    pipeline_batch(std::shared_ptr<detail::session> session, postgres::connection& backend)
        : session_(std::move(session)) {
        guarded([&] { batch_ = std::make_unique<postgres::pipeline_batch>(backend); });
    }

    template <class F>
    void guarded(F&& f) {
        try {
            f();
        } catch (const operational_error&) {
            session_->discard_if_lost();
            throw;
        }
    }

    // Declared first, destroyed last: the batch needs its connection checked out.
    std::shared_ptr<detail::session> session_;
    std::unique_ptr<postgres::pipeline_batch> batch_;
    std::vector<queued> queued_;
};

// A connection checked out of an engine's pool; it goes back when destroyed
// (and when the last transaction begun on it has ended). One that broke (its
// server went away) is discarded instead of reused.
class connection : public detail::transaction_methods<connection, detail::session> {
public:
    connection(connection&&) noexcept = default;
    connection& operator=(connection&&) noexcept = default;

    // Runs a statement. A select returns its rows (read in full); anything
    // else returns the number of rows it changed.
    template <statement Statement, named_argument_type... Arguments>
    auto operator()(const Statement& stmt, const Arguments&... args) {
        static_assert(Statement::check());
        if constexpr (arguments_match_v<Statement, Arguments...>) {
            const auto run = [&](auto& backend) {
                if constexpr (returns_rows_v<Statement>) {
                    using row_t = typename Statement::result_row;
                    using rows_t = statement_rows<row_t, Statement>;
                    if constexpr (Statement::is_query) return rows_t(backend(stmt, args...).to_vector());
                    else return rows_t(backend(stmt, args...));  // a write's RETURNING: a vector already
                } else {
                    return backend(stmt, args...);
                }
            };
            if constexpr (returns_rows_v<Statement>) {
                if constexpr (Statement::is_query) {
                    if (detail::session* replica = read_session()) {
                        try {
                            return logged(*replica, run, stmt, args...);
                        } catch (const operational_error&) {
                            if (replica->backend_is_open()) throw;
                            replica_lost();  // a select may run again: on the primary
                        }
                    }
                }
            }
            return logged(*session_, run, stmt, args...);
        }
    }

    // Reads on the primary while the scope lives, as every statement in a
    // transaction is: for reading what this connection has just written,
    // which a replica may not have replayed yet. Scopes nest.
    class read_your_writes_scope {
    public:
        read_your_writes_scope(const read_your_writes_scope&) = delete;
        read_your_writes_scope& operator=(const read_your_writes_scope&) = delete;
        ~read_your_writes_scope() { --session_->reads_on_primary; }

    private:
        friend class connection;
        explicit read_your_writes_scope(std::shared_ptr<detail::session> s) : session_(std::move(s)) {
            ++session_->reads_on_primary;
        }
        std::shared_ptr<detail::session> session_;
    };
    [[nodiscard]] read_your_writes_scope read_your_writes() { return read_your_writes_scope{session_}; }

    // Whether the next select would go to the engine's read replica.
    bool reads_on_replica() { return read_session() != nullptr; }

    // insert_into(t).columns(...) with a range of rows: all stored or none.
    template <table_type Table, class... Columns, std::ranges::input_range Rows>
    std::int64_t operator()(const insert_columns_statement<Table, Columns...>& stmt, Rows&& rows_to_insert) {
        return logged(*session_, [&](auto& backend) { return backend(stmt, rows_to_insert); }, stmt);
    }

    // The same with ON CONFLICT or RETURNING: the rows changed, or those returned.
    template <table_type Table, class... Columns, class Conflict, class Returning, std::ranges::input_range Rows>
        requires(!std::is_same_v<Conflict, no_conflict> || !std::is_same_v<Returning, no_returning>)
    auto operator()(const statement_t<insert_kind, target_clause<keyword::insert_into, Table>, bulk_values<Columns...>,
                                      Conflict, Returning>& stmt,
                    Rows&& rows_to_insert) {
        return logged(*session_, [&](auto& backend) { return backend(stmt, rows_to_insert); }, stmt);
    }

    // Runs f with the backend connection (ctql::sqlite::connection& or
    // ctql::postgres::connection&): for streaming, pipelines, struct mapping.
    template <class F>
    decltype(auto) with_backend(F&& f) {
        return session_->with_backend(std::forward<F>(f));
    }

    // A select whose rows are read one at a time as the database produces
    // them (row_stream): flat memory for any number of rows, on both backends.
    template <statement Statement, named_argument_type... Arguments>
    auto stream(const Statement& stmt, const Arguments&... args) {
        static_assert(Statement::check());
        static_assert(returns_rows_v<Statement> && Statement::is_query, "ctql: stream() reads the rows of a select");
        if constexpr (arguments_match_v<Statement, Arguments...>) {
            ensure_transaction_intact();
            detail::session* replica = read_session();
            const std::shared_ptr<detail::session>& source = replica != nullptr ? replica_ : session_;
            auto state = std::make_unique<detail::stream_state<Statement>>();
            state->owner = source;
            state->sql = detail::sql_for(session_->state->kind, stmt);
            if (session_->state->echo.enabled) {
                state->parameters = detail::format_parameters(stmt, args...);
                state->start = std::chrono::steady_clock::now();
            }
            auto& opened = *state;
            opened.guarded([&] {
                if (auto* lite = std::get_if<detail::sqlite_pool::handle>(&source->handle)) {
                    opened.lite.emplace((**lite)(stmt, args...));
                    opened.lite_at = opened.lite->begin();
                } else {
                    auto& pg = std::get<detail::postgres_pool::handle>(source->handle);
                    opened.pg.emplace((*pg).stream(stmt, args...));
                    opened.pg_at = opened.pg->begin();
                }
            });
            if (opened.has_row()) opened.count = 1;
            return row_stream<Statement>(std::move(state));
        }
    }

    // Statements in PostgreSQL's pipeline mode: one round trip for a batch.
    // SQLite has no pipeline mode: there it throws interface_error.
    pipeline_batch pipeline() {
        ensure_transaction_intact();
        auto* pg = std::get_if<detail::postgres_pool::handle>(&session_->handle);
        if (pg == nullptr)
            throw interface_error("ctql: pipeline() needs PostgreSQL, and this connection's engine (" +
                                  session_->state->display +
                                  ") is SQLite, which has no pipeline mode: run the statements one by one, in a "
                                  "transaction");
        return pipeline_batch{session_, **pg};
    }

    void execute(verbatim text) {
        ensure_transaction_intact();
        with_backend([&](auto& backend) { backend.execute(text); });
    }

    backend_kind backend() const { return session_->state->kind; }
    bool in_transaction() const { return session_->backend_in_transaction(); }

private:
    friend class engine;

    connection(std::shared_ptr<detail::engine_state> state, detail::session::handle_type handle)
        : session_(std::make_shared<detail::session>(std::move(state), std::move(handle))) {}

    friend struct detail::transaction_methods<connection, detail::session>;
    const std::shared_ptr<detail::session>& transaction_session() const { return session_; }
    void ensure_transaction_intact() { transaction_methods::ensure_transaction_intact(*session_); }

    // Runs `run` on the backend of `on` (this connection's session, or its
    // replica session), logging it when echo is on.
    template <class Run, class Statement, class... Arguments>
    auto logged(detail::session& on, Run&& run, const Statement& stmt, const Arguments&... args) {
        ensure_transaction_intact();
        if (!on.state->echo.enabled) return on.with_backend(run);
        const auto start = std::chrono::steady_clock::now();
        try {
            auto out = on.with_backend(run);
            std::int64_t count;
            if constexpr (std::is_integral_v<decltype(out)>) count = out;
            else count = static_cast<std::int64_t>(out.size());
            log(on, stmt, std::chrono::steady_clock::now() - start, count, {}, args...);
            return out;
        } catch (const std::exception& e) {
            log(on, stmt, std::chrono::steady_clock::now() - start, 0, e.what(), args...);
            throw;
        }
    }

    // The replica session a select goes to now, opened on first use; null
    // when it goes to the primary (engine/read_replica.hpp says when).
    detail::session* read_session() {
        const auto& replica_state = session_->state->replica;
        if (!replica_state || session_->reads_on_primary > 0 || !session_->open_guards.empty() || in_transaction())
            return nullptr;
        const auto open = [&] {
            if (!replica_)
                replica_ = std::make_shared<detail::session>(replica_state, replica_state->postgres->checkout());
        };
        try {
            const bool use = session_->state->router->reads_on_replica([&] {
                open();
                return detail::replica_lag_of(*replica_);
            });
            if (!use) return nullptr;
            open();
            return replica_.get();
        } catch (const operational_error&) {
            replica_lost();
            return nullptr;
        }
    }

    void replica_lost() {
        replica_.reset();
        session_->state->router->unreachable();
    }

    template <class Statement, class... Arguments>
    static void log(const detail::session& on, const Statement& stmt, std::chrono::nanoseconds took, std::int64_t count,
                    std::string_view error, const Arguments&... args) {
        const detail::engine_state& state = *on.state;
        if (state.echo.slow_threshold && took < *state.echo.slow_threshold && error.empty()) return;
        detail::emit_event(state, detail::sql_for(state.kind, stmt), detail::format_parameters(stmt, args...), took,
                           count, error);
    }

    std::shared_ptr<detail::session> session_;
    std::shared_ptr<detail::session> replica_;  // checked out from the replica's pool on the first routed select
};

class engine {
public:
    backend_kind backend() const { return state_->kind; }
    const url& address() const { return state_->address; }
    // The URL with its password shown as ***, for logs and messages.
    const std::string& display_url() const { return state_->display; }

    connection connect() {
        if (state_->kind == backend_kind::sqlite)
            return connection{state_, state_->sqlite->checkout()};
        return connection{state_, state_->postgres->checkout()};
    }

    // Runs fn(connection&) on a connection of its own, in a transaction:
    // commits when it returns, rolls back and rethrows when it throws.
    // Returns what fn returns.
    template <class F>
    decltype(auto) transaction(F&& fn, const transaction_options& options = {}) {
        connection conn = connect();
        return conn.transaction(std::forward<F>(fn), options);
    }

    pool_status status() const {
        const auto convert = [](const auto& s) {
            return pool_status{s.idle, s.checked_out, s.overflow, s.total_opened, s.total_closed};
        };
        return state_->kind == backend_kind::sqlite ? convert(state_->sqlite->stats())
                                                    : convert(state_->postgres->stats());
    }

    // Closes the idle connections; checked-out ones close when returned.
    void dispose() {
        if (state_->sqlite) state_->sqlite->dispose();
        if (state_->postgres) state_->postgres->dispose();
        if (state_->replica) state_->replica->postgres->dispose();
    }

    bool has_read_replica() const { return state_->replica != nullptr; }
    // The replica's URL with its password shown as ***.
    const std::string& replica_display_url() const {
        require_replica("replica_display_url()");
        return state_->replica->display;
    }

    // Where reads went at the last check, and the replica's lag then.
    replica_status read_replica_status() const {
        require_replica("read_replica_status()");
        return state_->router->status();
    }

    // Asks the replica now how far behind it is (a connection from the
    // replica's pool, one round trip); throws operational_error when it cannot
    // be reached. nullopt: it has replayed nothing since it started and has more to replay.
    std::optional<std::chrono::milliseconds> replica_lag() {
        require_replica("replica_lag()");
        detail::session replica{state_->replica, state_->replica->postgres->checkout()};
        return detail::replica_lag_of(replica);
    }

private:
    friend engine create_engine(std::string_view, engine_options);
    explicit engine(std::shared_ptr<detail::engine_state> state) : state_(std::move(state)) {}

    void require_replica(std::string_view what) const {
        if (!state_->replica)
            throw interface_error("ctql: " + std::string(what) + " needs a read replica, and the engine for " +
                                  state_->display + " has none (engine_options::read_replica)");
    }
    std::shared_ptr<detail::engine_state> state_;
};

namespace detail {
[[noreturn]] inline void bad_option(const url& address, std::string_view key, std::string_view value, std::string_view expected) {
    throw interface_error("ctql: engine option " + std::string(key) + "=" + std::string(value) + " in " +
                          address.to_string() + " is not " + std::string(expected));
}

inline std::int64_t integer_option(const url& address, std::string_view key, std::string_view value) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc{} || end != value.data() + value.size()) bad_option(address, key, value, "a whole number");
    return n;
}

inline bool boolean_option(const url& address, std::string_view key, std::string_view value) {
    if (value == "true" || value == "1" || value == "yes" || value == "on") return true;
    if (value == "false" || value == "0" || value == "no" || value == "off") return false;
    bad_option(address, key, value, "true or false");
}

// Pool and echo settings given in the URL's query override the options passed in code.
inline void apply_url_options(const url& address, engine_options& options) {
    for (const auto& [key, value] : address.query) {
        if (key == "pool_size") {
            const auto n = integer_option(address, key, value);
            if (n < 1) bad_option(address, key, value, "at least 1");
            options.pool.pool_size = static_cast<std::size_t>(n);
        } else if (key == "max_overflow") {
            const auto n = integer_option(address, key, value);
            if (n < 0) bad_option(address, key, value, "0 or more");
            options.pool.max_overflow = static_cast<std::size_t>(n);
        } else if (key == "pool_timeout") {
            const auto n = integer_option(address, key, value);
            if (n < 0) bad_option(address, key, value, "0 or more seconds");
            options.pool.timeout = std::chrono::seconds(n);
        } else if (key == "pool_recycle") {
            const auto n = integer_option(address, key, value);
            if (n < 0) options.pool.recycle.reset();
            else options.pool.recycle = std::chrono::seconds(n);
        } else if (key == "pool_pre_ping") {
            options.pool.pre_ping = boolean_option(address, key, value);
        } else if (key == "echo") {
            options.echo.enabled = boolean_option(address, key, value);
        } else if (key == "busy_timeout") {
            options.sqlite_busy_timeout_ms = static_cast<int>(integer_option(address, key, value));
        } else if (key == "pool_reset_on_return") {
            if (value == "rollback") options.reset = reset_on_return::rollback;
            else if (value == "reset") options.reset = reset_on_return::reset_settings;
            else if (value == "discard") options.reset = reset_on_return::discard_all;
            else bad_option(address, key, value, "rollback, reset or discard");
        } else if (key == "pooler") {
            if (value == "none") options.pooler = postgres::pooler_mode::none;
            else if (value == "transaction") options.pooler = postgres::pooler_mode::transaction;
            else bad_option(address, key, value, "none or transaction (a pooler in session mode is none)");
        }
    }
    if (options.pooler == postgres::pooler_mode::transaction) {
        if (address.dialect != "postgresql")
            throw interface_error("ctql: pooler=transaction in " + address.to_string() +
                                  " is for PostgreSQL behind a pooler such as pgbouncer; SQLite has none");
        if (options.reset != reset_on_return::rollback)
            throw interface_error("ctql: pool_reset_on_return=reset or discard resets session state, which a pooler "
                                  "in transaction mode does not keep for a client (pooler=transaction in " +
                                  address.to_string() + "): leave it at rollback");
    }
}

// What sqlite3_open_v2 gets: a file: URI carrying the URL's query arguments
// for SQLite (mode=ro, cache=shared, ...). The path and the arguments were
// percent-decoded when the URL was read, so they are encoded again: a '%',
// '?', '#' or '&' in a file name must stay part of the name.
inline std::string sqlite_target(const url& address) {
    if (address.is_memory()) return ":memory:";
    using url_text::percent_encode;
    // "file:" + "//" + "/abs" keeps a path that begins "//" from reading as a host.
    std::string target = "file:" + std::string(address.database.starts_with('/') ? "//" : "") +
                         percent_encode(address.database, "/");
    char separator = '?';
    for (const auto& [key, value] : address.query) {
        if (url::is_engine_option(key)) continue;
        target.append(1, separator).append(percent_encode(key)).append("=").append(percent_encode(value));
        separator = '&';
    }
    return target;
}

// A connection goes back to the pool with no transaction open, and with its
// session reset as the engine's policy says.
template <class Connection>
void reset_for_next_user(Connection& c, reset_on_return policy) {
    if (c.in_transaction()) c.execute(verbatim{"ROLLBACK"});
    if constexpr (std::is_same_v<Connection, postgres::connection>) {
        if (policy == reset_on_return::reset_settings) c.execute(verbatim{"RESET ALL"});
        if (policy == reset_on_return::discard_all) c.discard_session();
    }
}

template <class Connection>
bool ping(Connection& c) {
    try {
        c.execute(verbatim{"SELECT 1"});
        return true;
    } catch (const error&) {
        return false;
    }
}

inline std::unique_ptr<postgres_pool> make_postgres_pool(const url& address, const engine_options& options) {
    const postgres::options connection_options{.pooler = options.pooler};
    return std::make_unique<postgres_pool>(
        [conninfo = address.libpq_conninfo(), connection_options] {
            return postgres::connection{conninfo, connection_options};
        },
        options.pool, [](postgres::connection& c) { return c.is_open() && ping(c); },
        [reset = options.reset](postgres::connection& c) {
            if (!c.is_open()) throw operational_error(error_details{"connection lost", {}, 0, {}, {}, {}});
            reset_for_next_user(c, reset);
        });
}
}  // namespace detail

// Makes an engine from a URL: sqlite:// (memory), sqlite:///relative.db,
// sqlite:////absolute.db, postgresql://user:password@host:port/database?...
inline engine create_engine(std::string_view text, engine_options options = {}) {
    url address = resolve_password(parse_url(text));
    detail::apply_url_options(address, options);
    auto state = std::make_shared<detail::engine_state>();
    state->display = address.to_string();
    state->echo = options.echo;
    if (address.dialect == "sqlite") {
        state->kind = backend_kind::sqlite;
        sqlite::options sqlite_options;
        sqlite_options.busy_timeout_ms = options.sqlite_busy_timeout_ms;
        const std::string target = detail::sqlite_target(address);
        if (address.is_memory()) {
            // Each in-memory connection would be its own empty database: share one.
            options.pool.pool_size = 1;
            options.pool.max_overflow = 0;
        }
        state->sqlite = std::make_unique<detail::sqlite_pool>(
            [target, sqlite_options] { return sqlite::connection{target, sqlite_options}; }, options.pool,
            [](sqlite::connection& c) { return detail::ping(c); },
            [reset = options.reset](sqlite::connection& c) { detail::reset_for_next_user(c, reset); });
    } else {
        state->kind = backend_kind::postgresql;
        state->postgres = detail::make_postgres_pool(address, options);
        if (options.read_replica) {
            url replica_address = resolve_password(parse_url(options.read_replica->url));
            if (replica_address.dialect != "postgresql")
                throw interface_error("ctql: the read replica of " + state->display + " must be a postgresql:// URL, not " +
                                      replica_address.to_string());
            engine_options replica_options = options;  // the primary's pool settings, unless the replica's URL says
            replica_options.read_replica.reset();
            detail::apply_url_options(replica_address, replica_options);
            auto replica = std::make_shared<detail::engine_state>();
            replica->kind = backend_kind::postgresql;
            replica->display = replica_address.to_string();
            replica->echo = replica_options.echo;
            replica->postgres = detail::make_postgres_pool(replica_address, replica_options);
            replica->address = std::move(replica_address);
            state->replica = std::move(replica);
            state->router = std::make_unique<detail::replica_router>(*options.read_replica);
        }
    }
    if (options.read_replica && !state->replica)
        throw interface_error("ctql: read replicas are PostgreSQL's; the engine for " + state->display + " is SQLite");
    state->address = std::move(address);
    return engine{std::move(state)};
}

}  // namespace ctql
