// SPDX-License-Identifier: MIT
#pragma once
// Reads sent to a PostgreSQL streaming replica, writes to the primary:
//
//   auto db = ctql::create_engine("postgresql://app@primary/app", {
//       .read_replica = ctql::read_replica_options{
//           .url = "postgresql://app@replica/app", .max_lag = std::chrono::seconds{2}}});
//   auto conn = db.connect();
//   conn(select(...));                        // the replica (while it is at most 2 s behind)
//   conn(insert_into(...));                   // the primary
//   { auto fresh = conn.read_your_writes();   // reads on the primary while `fresh` lives
//     conn(select(...)); }
//   db.transaction([&](ctql::connection& c) { c(select(...)); });   // all on the primary
//
// A select goes to the replica unless: the connection has a transaction open
// (everything in it stays on the primary, so it sees its own writes); a
// read_your_writes() scope is open on the connection; the replica is more than
// max_lag behind; or it could not be reached. Then it goes to the primary.
// The replica's lag is measured at most once per lag_check_interval (one
// round trip on the replica, shared by every connection of the engine); an
// unreachable replica is tried again after the same interval.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include <ctql/core/error.hpp>

namespace ctql {

struct read_replica_options {
    std::string url{};  // a postgresql:// URL; its query may set the replica pool's own options
    // Reads go to the primary while the replica is further behind than this; unset: any lag is tolerated.
    std::optional<std::chrono::milliseconds> max_lag{};
    std::chrono::milliseconds lag_check_interval{1000};
};

// Where an engine's reads go, as last measured.
struct replica_status {
    bool reads_on_replica = false;
    std::optional<std::chrono::milliseconds> lag{};  // unknown: not measured, or the replica was unreachable
    bool reachable = false;
    std::chrono::steady_clock::time_point measured_at{};
};

namespace detail {

// The routing decision shared by an engine's connections: measured once per
// interval, whichever connection asks first when it is due.
class replica_router {
public:
    explicit replica_router(read_replica_options options) : options_(std::move(options)) {}

    // Whether a read may go to the replica. `probe` reaches the replica and
    // returns its lag (nullopt: unknown); it is called only when the last
    // decision is older than the check interval, or there is none. A probe that
    // throws operational_error marks the replica unreachable until the next check.
    template <class Probe>
    bool reads_on_replica(Probe&& probe) {
        const auto now = std::chrono::steady_clock::now();
        {
            std::lock_guard lock{mutex_};
            if (status_.measured_at != std::chrono::steady_clock::time_point{} &&
                now - status_.measured_at < options_.lag_check_interval)
                return status_.reads_on_replica;
        }
        replica_status measured;
        measured.measured_at = now;
        try {
            measured.lag = probe();
            measured.reachable = true;
        } catch (const operational_error&) {
            measured.reachable = false;
        }
        measured.reads_on_replica =
            measured.reachable && (!options_.max_lag || (measured.lag && *measured.lag <= *options_.max_lag));
        std::lock_guard lock{mutex_};
        status_ = measured;
        return measured.reads_on_replica;
    }

    // A read on the replica failed for want of a connection: primary until the next check.
    void unreachable() {
        std::lock_guard lock{mutex_};
        status_ = replica_status{};
        status_.measured_at = std::chrono::steady_clock::now();
    }

    replica_status status() const {
        std::lock_guard lock{mutex_};
        return status_;
    }

    const read_replica_options& options() const { return options_; }

private:
    const read_replica_options options_;
    mutable std::mutex mutex_;
    replica_status status_;
};

}  // namespace detail
}  // namespace ctql
