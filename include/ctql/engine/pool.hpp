// SPDX-License-Identifier: MIT
#pragma once
// A thread-safe pool of connections, independent of any backend, with the
// semantics of SQLAlchemy's QueuePool:
//
//   ctql::queue_pool<ctql::sqlite::connection> pool{
//       [] { return ctql::sqlite::connection{"app.db"}; },
//       {.pool_size = 5, .max_overflow = 10, .timeout = std::chrono::seconds{30}}};
//   {
//       auto conn = pool.checkout();    // waits up to `timeout` when all are out
//       (*conn)(query, arg<"id">(7));
//   }                                   // back to the pool here
//
// Up to pool_size connections are kept open between uses; under load up to
// max_overflow more are opened and closed again when returned to a full pool.
// A checkout finding all pool_size + max_overflow out waits on a condition
// variable (never spins) and gives up with operational_error after `timeout`.
//
// Order: idle connections are handed out last-returned-first (LIFO). Under a
// light load the same few stay warm and the rest sit untouched, so a server's
// idle timeout or `recycle` retires them instead of every connection being
// cycled just often enough to stay open. (SQLAlchemy defaults to FIFO and
// offers LIFO as `use_lifo`; with a pool of live server connections LIFO is the
// better default.)
//
// Threads: every member of queue_pool and of a handle may be called from any
// thread; one handle must not be used by two threads at once (it is a
// connection, which is single-threaded). The factory, pinger, resetter and the
// Connection's destructor are called without the pool's lock held, so a slow
// connect or close never blocks other checkouts, and they may run on several
// threads at once: they must be thread-safe (they usually are: each works on
// its own connection).
//
// Lifetime: the pool's state lives in a std::shared_ptr that every handle
// shares. A handle may outlive its queue_pool object: destroying the pool
// closes the idle connections, and each connection still checked out is
// closed, not pooled, when its handle lets go of it.
//
// Accounting: a "slot" is held by every connection that exists, from the
// moment a checkout decides to open it until its destructor has returned, so
// the number of open connections never exceeds pool_size + max_overflow, not
// even while one is being replaced.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <ctql/core/error.hpp>

namespace ctql {

struct pool_options {
    // Connections kept open between uses. 0 keeps none: every connection is
    // closed when returned (then max_overflow alone bounds how many are open).
    std::size_t pool_size = 5;
    // Extra connections allowed beyond pool_size under load; one is closed when
    // returned to a pool already holding pool_size idle connections.
    // std::numeric_limits<std::size_t>::max() means no limit.
    std::size_t max_overflow = 10;
    // How long checkout waits when pool_size + max_overflow are all checked out
    // before it throws operational_error. Time spent opening a connection is
    // not counted: that is the factory's own timeout. Zero or less: never wait.
    std::chrono::milliseconds timeout{30000};
    // Connections older than this (since they were opened) are closed and
    // replaced at checkout, before the server or a firewall drops them.
    std::optional<std::chrono::milliseconds> recycle{};
    // Ask each idle connection whether it is alive at checkout; a dead one is
    // replaced. Needs a pinger.
    bool pre_ping = false;
};

template <class Connection>
class queue_pool {
public:
    // Opens a new connection; may throw, and the exception reaches the caller
    // of checkout(). The Connection is built in place from the returned
    // prvalue, so it need not be movable.
    using factory = std::function<Connection()>;
    // True if the connection is alive (used when pre_ping). A pinger that
    // throws counts as a dead connection: the question was "can I use it?".
    using pinger = std::function<bool(Connection&)>;
    // Called on return, e.g. to roll back a transaction left open. If it
    // throws, the connection is in an unknown state and is discarded.
    using resetter = std::function<void(Connection&)>;

    // What the pool holds right now, for tests and logging.
    struct status {
        std::size_t idle;          // open and waiting in the pool
        std::size_t checked_out;   // handed out (or being opened for a checkout)
        std::size_t overflow;      // open connections beyond pool_size
        std::size_t total_opened;  // successful factory calls, ever
        std::size_t total_closed;  // connections destroyed, ever
    };

private:
    using clock = std::chrono::steady_clock;

    struct entry {
        // Built in place from the factory's prvalue (guaranteed elision).
        entry(const factory& open, std::uint64_t born_in)
            : connection(open()), opened_at(clock::now()), generation(born_in) {}

        Connection connection;
        clock::time_point opened_at;
        // dispose() starts a new generation; connections of an older one are
        // closed when returned instead of being pooled.
        std::uint64_t generation;
    };

    struct state {
        state(factory f, pool_options o, pinger p, resetter r)
            : open(std::move(f)),
              ping(std::move(p)),
              reset(std::move(r)),
              options(o),
              capacity(options.max_overflow > std::numeric_limits<std::size_t>::max() - options.pool_size
                           ? std::numeric_limits<std::size_t>::max()
                           : options.pool_size + options.max_overflow) {}

        const factory open;
        const pinger ping;
        const resetter reset;
        const pool_options options;
        const std::size_t capacity;  // pool_size + max_overflow, saturated

        mutable std::mutex mutex;
        // Notified whenever a slot or an idle connection becomes available.
        std::condition_variable available;
        std::vector<std::unique_ptr<entry>> idle;  // back() was returned last
        std::size_t slots = 0;                     // see "Accounting" above
        std::size_t checked_out = 0;
        std::size_t opened = 0;
        std::size_t closed = 0;
        std::uint64_t generation = 0;

        void count_opened() {
            std::lock_guard lock{mutex};
            ++opened;
        }

        void count_closed() {
            std::lock_guard lock{mutex};
            ++closed;
        }

        // Frees the slot of a checkout whose connection is already destroyed
        // (closed_one) or was never opened, and wakes one waiter to use it.
        void free_slot(bool closed_one) noexcept {
            {
                std::lock_guard lock{mutex};
                --slots;
                --checked_out;
                if (closed_one) ++closed;
            }
            available.notify_one();
        }

        // The end of a checkout: pool the connection, or close it when it is
        // broken, its reset failed, the pool was disposed meanwhile, or pool_size
        // connections are idle already (that is what overflow means).
        void give_back(std::unique_ptr<entry> returned, bool broken) noexcept {
            if (!broken && reset) {
                try {
                    reset(returned->connection);
                } catch (...) {
                    broken = true;
                }
            }
            if (!broken) {
                std::unique_lock lock{mutex};
                if (returned->generation == generation && idle.size() < options.pool_size) {
                    try {
                        idle.push_back(std::move(returned));
                    } catch (...) {
                        // Out of memory growing the vector: push_back left
                        // `returned` as it was, so close it below instead.
                    }
                    if (!returned) {
                        --checked_out;
                        lock.unlock();
                        available.notify_one();
                        return;
                    }
                }
            }
            // Closed outside the lock: saying goodbye to a server can be slow.
            // The slot stays taken until the connection is really gone.
            returned.reset();
            free_slot(true);
        }
    };

public:
    // RAII checkout. Move-only; a moved-from or default-constructed handle is
    // empty. The destructor returns the connection to the pool (calling the
    // resetter first), or closes it if invalidate() was called or the reset threw.
    class handle {
    public:
        handle() noexcept = default;

        handle(handle&& other) noexcept
            : pool_(std::move(other.pool_)),
              entry_(std::move(other.entry_)),
              broken_(std::exchange(other.broken_, false)) {}

        handle& operator=(handle&& other) noexcept {
            if (this != &other) {
                return_to_pool();
                pool_ = std::move(other.pool_);
                entry_ = std::move(other.entry_);
                broken_ = std::exchange(other.broken_, false);
            }
            return *this;
        }

        handle(const handle&) = delete;
        handle& operator=(const handle&) = delete;

        ~handle() { return_to_pool(); }

        // Precondition for both: the handle is not empty.
        Connection& operator*() const noexcept { return entry_->connection; }
        Connection* operator->() const noexcept { return std::addressof(entry_->connection); }

        explicit operator bool() const noexcept { return entry_ != nullptr; }

        // Marks the connection broken (e.g. after a lost-connection error):
        // it is closed when the handle lets go of it, never handed out again,
        // and its slot is freed for a fresh connection.
        void invalidate() noexcept { broken_ = true; }
        bool invalidated() const noexcept { return broken_; }

        // Returns (or discards) the connection now; the handle becomes empty.
        void return_to_pool() noexcept {
            if (!entry_) return;
            // Moved out first so the handle is empty even if the resetter or
            // the connection's destructor looks at it again.
            auto pool = std::move(pool_);
            pool->give_back(std::move(entry_), std::exchange(broken_, false));
        }

    private:
        friend class queue_pool;

        handle(std::shared_ptr<state> pool, std::unique_ptr<entry> held) noexcept
            : pool_(std::move(pool)), entry_(std::move(held)) {}

        std::shared_ptr<state> pool_;
        std::unique_ptr<entry> entry_;
        bool broken_ = false;
    };

    // Opens nothing yet: connections are opened by the checkouts that need them.
    queue_pool(factory open, pool_options opts, pinger ping = {}, resetter reset = {})
        : state_(std::make_shared<state>(std::move(open), opts, std::move(ping), std::move(reset))) {
        if (!state_->open) throw interface_error{"ctql: queue_pool needs a factory that opens connections"};
        if (opts.pre_ping && !state_->ping)
            throw interface_error{"ctql: pool_options.pre_ping is set but the queue_pool was given no pinger"};
        if (state_->capacity == 0)
            throw interface_error{
                "ctql: pool_options.pool_size and max_overflow are both 0: the pool could never hand out a "
                "connection"};
    }

    // Movable so an engine holding a pool can be returned by value; a
    // moved-from pool may only be destroyed or assigned to.
    queue_pool(queue_pool&&) noexcept = default;
    queue_pool& operator=(queue_pool&& other) noexcept {
        if (this != &other) {
            if (state_) dispose();
            state_ = std::move(other.state_);
        }
        return *this;
    }
    queue_pool(const queue_pool&) = delete;
    queue_pool& operator=(const queue_pool&) = delete;

    // Closes the idle connections; handles still out close theirs when they
    // let go (see "Lifetime" above).
    ~queue_pool() {
        if (state_) dispose();
    }

    // An idle connection (the last one returned), else a new one if fewer than
    // pool_size + max_overflow exist, else waits up to options().timeout for
    // one to come back and then throws operational_error. An idle connection
    // past `recycle`, or failing the pre-ping, is closed and replaced by a new
    // one (once: the replacement is not pinged again). If opening throws, the
    // slot is released and the exception propagates.
    handle checkout() {
        state& s = *state_;
        std::unique_ptr<entry> taken;
        std::uint64_t generation = 0;
        bool exhausted = false;
        {
            std::unique_lock lock{s.mutex};
            const auto can_proceed = [&s] { return !s.idle.empty() || s.slots < s.capacity; };
            if (!can_proceed()) exhausted = !wait(s, lock, can_proceed);
            if (!exhausted) {
                if (s.idle.empty()) {
                    ++s.slots;
                } else {
                    taken = std::move(s.idle.back());
                    s.idle.pop_back();
                }
                ++s.checked_out;
                generation = s.generation;
            }
        }
        if (exhausted) throw exhausted_error(s.options);

        // This thread owns a slot now; any exception below must give it back.
        slot_guard guard{s};
        if (taken && must_replace(s, *taken)) {
            taken.reset();  // closed outside the lock, like everywhere
            s.count_closed();
        }
        if (!taken) {
            taken = std::make_unique<entry>(s.open, generation);
            s.count_opened();
        }
        guard.dismiss();
        return handle{state_, std::move(taken)};
    }

    status stats() const {
        const state& s = *state_;
        std::lock_guard lock{s.mutex};
        return {s.idle.size(), s.checked_out, s.slots > s.options.pool_size ? s.slots - s.options.pool_size : 0,
                s.opened, s.closed};
    }

    const pool_options& options() const noexcept { return state_->options; }

    // Closes the idle connections now. Connections checked out are not
    // touched; they are closed when returned. The pool stays usable: later
    // checkouts open fresh connections (e.g. after a database failover).
    void dispose() {
        state& s = *state_;
        std::vector<std::unique_ptr<entry>> doomed;
        {
            std::lock_guard lock{s.mutex};
            doomed.swap(s.idle);
            ++s.generation;
        }
        const std::size_t count = doomed.size();
        doomed.clear();  // closes them, outside the lock
        if (count == 0) return;
        {
            std::lock_guard lock{s.mutex};
            s.slots -= count;
            s.closed += count;
        }
        s.available.notify_all();
    }

private:
    // Gives the slot back if a checkout leaves by an exception.
    class slot_guard {
    public:
        explicit slot_guard(state& s) noexcept : state_(&s) {}
        slot_guard(const slot_guard&) = delete;
        slot_guard& operator=(const slot_guard&) = delete;
        ~slot_guard() {
            if (state_) state_->free_slot(false);
        }
        void dismiss() noexcept { state_ = nullptr; }

    private:
        state* state_;
    };

    // Waits until can_proceed() or the timeout; false if it timed out. The
    // predicate is checked once more at the deadline, so a connection returned
    // just then is not lost to a waiter that gives up.
    template <class Predicate>
    static bool wait(state& s, std::unique_lock<std::mutex>& lock, Predicate can_proceed) {
        const auto timeout = std::max(s.options.timeout, std::chrono::milliseconds::zero());
        const auto now = clock::now();
        // A timeout too long to add to now() (milliseconds::max() as "forever")
        // must not overflow into the past.
        if (timeout >= std::chrono::duration_cast<std::chrono::milliseconds>(clock::time_point::max() - now)) {
            s.available.wait(lock, can_proceed);
            return true;
        }
        return s.available.wait_until(lock, now + timeout, can_proceed);
    }

    static bool must_replace(const state& s, entry& candidate) {
        if (s.options.recycle && clock::now() - candidate.opened_at > *s.options.recycle) return true;
        if (!s.options.pre_ping) return false;
        try {
            return !s.ping(candidate.connection);
        } catch (...) {
            return true;
        }
    }

    static operational_error exhausted_error(const pool_options& o) {
        error_details details;
        details.message = "ctql: connection pool exhausted: " + std::to_string(o.pool_size) + " connections and " +
                          std::to_string(o.max_overflow) + " overflow all checked out; waited " +
                          std::to_string(std::max(o.timeout, std::chrono::milliseconds::zero()).count()) +
                          " ms (pool_timeout)";
        return operational_error{std::move(details)};
    }

    std::shared_ptr<state> state_;
};

}  // namespace ctql
