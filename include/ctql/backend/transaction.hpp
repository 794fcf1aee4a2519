// SPDX-License-Identifier: MIT
#pragma once
// Transactions, one implementation for every connection: sqlite::connection,
// postgres::connection and the engine's pooled connection.
//
//   auto tx = db.begin();                      // BEGIN; rolled back unless committed
//   db(insert_into(users).set(...));
//   tx.commit();
//
//   db.transaction([&] { db(...); db(...); }); // commits, or rolls back and rethrows
//   auto inner = db.begin_nested();            // SAVEPOINT inside an open transaction
//   db.begin({.isolation = ctql::isolation_level::serializable, .read_only = true});
//   db.begin({.sqlite_mode = ctql::sqlite_begin_mode::immediate});   // SQLite: take the write lock now
//
// A guard shares its connection's transaction state (a `Session`) instead of
// pointing at the connection object, so that moving the connection, or
// closing it first, cannot leave the guard pointing at nothing.
#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/core/error.hpp>
#include <ctql/core/transaction_options.hpp>
#include <ctql/core/verbatim.hpp>

namespace ctql {

namespace detail {

// The open transaction guards of one connection, outermost first, by serial
// number: a guard at level n is open while open_guards[n - 1] is its own
// number. Ending one ends those nested inside it too, as COMMIT and ROLLBACK do.
struct guard_book {
    std::vector<std::uint64_t> open_guards;
    std::uint64_t guards_made = 0;

    std::size_t open_guard(std::uint64_t& serial) {
        serial = ++guards_made;
        open_guards.push_back(serial);
        return open_guards.size();
    }
};

// The session of a connection that is its own object (not pooled): it points
// at the connection, which keeps the pointer current when it moves and clears
// it when it closes (closing rolls back whatever was open).
template <class Connection>
struct direct_session : guard_book {
    Connection* connection = nullptr;

    template <class F>
    decltype(auto) with_backend(F&& f) {
        if (connection == nullptr)
            throw interface_error("ctql: the connection of this transaction has been closed or destroyed, which "
                                  "rolled the transaction back");
        return f(*connection);
    }
    bool backend_in_transaction() const {
        return connection != nullptr && connection->is_open() && connection->in_transaction();
    }
};

// A direct connection's handle on its session, made on first begin(). The
// connection calls follow() after it moves and detach() when it closes.
template <class Connection>
class direct_session_owner {
public:
    direct_session_owner() = default;
    direct_session_owner(direct_session_owner&& other) noexcept : session_(std::move(other.session_)) {}
    direct_session_owner& operator=(direct_session_owner&& other) noexcept {
        if (this != &other) {
            detach();
            session_ = std::move(other.session_);
        }
        return *this;
    }
    ~direct_session_owner() { detach(); }

    const std::shared_ptr<direct_session<Connection>>& get(Connection& owner) {
        if (!session_) session_ = std::make_shared<direct_session<Connection>>();
        session_->connection = &owner;
        return session_;
    }
    // The connection object now lives at `owner` (it was moved).
    void follow(Connection& owner) noexcept {
        if (session_) session_->connection = &owner;
    }
    // The connection closed: the database rolled back what was open, and its guards have ended.
    void detach() noexcept {
        if (session_) session_->connection = nullptr;
        session_.reset();
    }
    // A guard is open, so the database should be in a transaction.
    bool guards_open() const { return session_ && !session_->open_guards.empty(); }
    direct_session<Connection>* session() const { return session_.get(); }

private:
    std::shared_ptr<direct_session<Connection>> session_;
};

}  // namespace detail

// A transaction guard: rolls back unless committed. Made by begin() (BEGIN /
// COMMIT) or begin_nested() (SAVEPOINT / RELEASE inside an open transaction).
template <class Session>
class basic_transaction {
public:
    basic_transaction(std::shared_ptr<Session> s, std::string savepoint)
        : session_(std::move(s)), savepoint_(std::move(savepoint)) {
        level_ = session_->open_guard(serial_);
    }
    basic_transaction(basic_transaction&& other) noexcept
        : session_(std::move(other.session_)),
          level_(other.level_),
          serial_(other.serial_),
          savepoint_(std::move(other.savepoint_)) {}
    basic_transaction& operator=(basic_transaction&&) = delete;
    basic_transaction(const basic_transaction&) = delete;

    ~basic_transaction() {
        if (ended()) return;
        try {
            rollback();
        } catch (...) {
            // A failed rollback leaves a broken connection; a pool discards it.
        }
    }

    // Throws unless the transaction really committed, and then it has ended.
    // If the commit failed and the database still holds the transaction open
    // (SQLite's SQLITE_BUSY), it stays active: commit() may be tried again.
    void commit() {
        if (ended()) throw interface_error("ctql: commit() on a transaction that already ended");
        session_->with_backend([&](auto& backend) {
            if (!backend.is_open() || !backend.in_transaction()) {
                end();
                error_details d;
                d.message = "ctql: nothing was committed: the database rolled this transaction back after an "
                            "earlier error (or lost the connection)";
                throw operational_error(std::move(d));
            }
            if (!savepoint_.empty()) {
                if (backend.in_failed_transaction()) {
                    error_details d;
                    d.sqlstate = "25P02";
                    d.message = "ctql: cannot release the savepoint: a statement inside it failed; roll the savepoint "
                                "back (rollback(), or let the guard go) and the outer transaction can go on";
                    throw operational_error(std::move(d));
                }
                backend.execute(verbatim{"RELEASE SAVEPOINT " + savepoint_});
                end();
                return;
            }
            try {
                backend.commit();  // throws if PostgreSQL turned it into a ROLLBACK
            } catch (...) {
                if (!backend.is_open() || !backend.in_transaction()) end();
                throw;
            }
            end();
        });
    }

    // Ends the transaction; nothing to do if the database already rolled it back.
    void rollback() {
        if (ended()) throw interface_error("ctql: rollback() on a transaction that already ended");
        session_->with_backend([&](auto& backend) {
            if (!backend.is_open() || !backend.in_transaction()) {
                end();  // the database has rolled it back already
                return;
            }
            try {
                if (savepoint_.empty()) {
                    backend.execute(verbatim{"ROLLBACK"});
                } else {
                    backend.execute(verbatim{"ROLLBACK TO SAVEPOINT " + savepoint_});
                    backend.execute(verbatim{"RELEASE SAVEPOINT " + savepoint_});
                }
            } catch (...) {
                end();
                throw;
            }
            end();
        });
    }

    // Open here and in the database: false once committed or rolled back, and
    // when the database rolled the transaction back by itself (SQLite after
    // SQLITE_FULL or SQLITE_IOERR, a lost connection, a closed connection).
    bool active() const { return !ended() && session_->backend_in_transaction(); }

private:
    // Committed, rolled back, or ended with an enclosing transaction.
    bool ended() const {
        return session_ == nullptr || session_->open_guards.size() < level_ ||
               session_->open_guards[level_ - 1] != serial_;
    }
    void end() noexcept {
        session_->open_guards.resize(level_ - 1);
        session_.reset();  // for a pooled connection, the last owner returns it to the pool
    }

    std::shared_ptr<Session> session_;
    std::size_t level_ = 0;
    std::uint64_t serial_ = 0;
    std::string savepoint_;  // empty for the outermost transaction
};

namespace detail {

// begin(), begin_nested() and transaction(fn) for a connection type `Self`
// that provides `transaction_session()` (a shared_ptr to its Session).
template <class Self, class Session>
struct transaction_methods {
    using transaction_type = basic_transaction<Session>;

    // BEGIN, spelled by the backend's dialect from `options` (an option the
    // dialect does not have throws ctql::interface_error before anything is sent).
    transaction_type begin(const transaction_options& options = {}) {
        const std::shared_ptr<Session>& s = self().transaction_session();
        if (s->backend_in_transaction())
            throw interface_error("ctql: begin() on a connection that is already in a transaction; use "
                                  "begin_nested() for a savepoint inside it");
        s->with_backend([&](auto& backend) {
            using dialect = typename std::remove_cvref_t<decltype(backend)>::dialect;
            backend.execute(verbatim{dialect::begin_statement(options)});
        });
        s->open_guards.clear();  // guards left from a transaction ended by hand
        return transaction_type{s, {}};
    }

    // SAVEPOINT inside the open transaction: rolled back alone, or released into it.
    transaction_type begin_nested() {
        const std::shared_ptr<Session>& s = self().transaction_session();
        ensure_transaction_intact(*s);  // first: it says why a transaction under a guard has gone
        if (!s->backend_in_transaction())
            throw interface_error("ctql: begin_nested() needs an open transaction; start one with begin()");
        std::string name = "ctql_savepoint_" + std::to_string(s->guards_made + 1);
        s->with_backend([&](auto& backend) { backend.execute(verbatim{"SAVEPOINT " + name}); });
        return transaction_type{s, std::move(name)};
    }

    // Runs fn (with this connection, or with no argument) in a transaction:
    // commits when it returns, rolls back and rethrows when it throws, and
    // returns what fn returns. Inside an open transaction it is a savepoint,
    // so that it nests (`options` apply to a new transaction only).
    template <class F>
    decltype(auto) transaction(F&& fn, const transaction_options& options = {}) {
        static_assert(std::invocable<F&, Self&> || std::invocable<F&>,
                      "ctql: transaction(fn) calls fn() or fn(connection&); this fn takes neither");
        const auto call = [&]() -> decltype(auto) {
            if constexpr (std::invocable<F&, Self&>) return fn(self());
            else return fn();
        };
        transaction_type tx = self().transaction_session()->backend_in_transaction() ? begin_nested() : begin(options);
        if constexpr (std::is_void_v<decltype(call())>) {
            call();
            tx.commit();
        } else {
            decltype(auto) result = call();
            tx.commit();
            return result;
        }
    }

protected:
    // Inside a transaction guard the database must still hold the transaction
    // open: if it rolled back by itself (SQLite after SQLITE_FULL), the next
    // statement would run on its own and commit at once, outside everything
    // the caller believes is one transaction.
    static void ensure_transaction_intact(Session& s) {
        if (s.open_guards.empty() || s.backend_in_transaction()) return;
        error_details d;
        d.message = "ctql: the database rolled back this connection's transaction after an earlier error, so this "
                    "statement was not run (it would have committed on its own); roll the transaction back and "
                    "start a new one";
        throw operational_error(std::move(d));
    }

private:
    Self& self() { return static_cast<Self&>(*this); }
};

}  // namespace detail
}  // namespace ctql
