// SPDX-License-Identifier: MIT
#pragma once
// How far a streaming replica is behind its primary, asked of the replica:
//
//   ctql::postgres::connection replica{"host=replica.internal dbname=app"};
//   std::optional<std::chrono::milliseconds> lag = ctql::postgres::replication_lag(replica);
//
// Zero when the server replays everything it has received (or is not a
// replica: a primary, or a promoted one); otherwise the age of the last
// transaction it replayed, now() - pg_last_xact_replay_timestamp(). That age
// counts from the commit on the primary, so it includes the primary's idle
// time before the commit still waiting to be replayed: an upper bound, which
// is what a "maximum tolerated lag" needs. nullopt when the replica has
// replayed no transaction since it started and has more to replay.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string_view>

#include <libpq-fe.h>

#include <ctql/backend/postgres/connection.hpp>
#include <ctql/backend/postgres/error.hpp>
#include <ctql/backend/postgres/result.hpp>

namespace ctql::postgres {

inline std::optional<std::chrono::milliseconds> replication_lag(connection& c) {
    constexpr std::string_view sql =
        "SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
        "ELSE 1000 * EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END::float8";
    detail::result_ptr r{PQexec(c.native_handle(), sql.data())};
    if (r == nullptr || PQresultStatus(r.get()) != PGRES_TUPLES_OK) detail::throw_result_error(r.get(), c.native_handle(), sql);
    if (PQgetisnull(r.get(), 0, 0)) return std::nullopt;
    const double ms = std::strtod(PQgetvalue(r.get(), 0, 0), nullptr);
    return std::chrono::milliseconds{static_cast<std::chrono::milliseconds::rep>(std::ceil(std::max(ms, 0.0)))};
}

}  // namespace ctql::postgres
