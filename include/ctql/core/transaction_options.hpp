// SPDX-License-Identifier: MIT
#pragma once
// What begin() may ask of a transaction. Each dialect spells the BEGIN
// (dialect/*.hpp, begin_statement) and refuses what it does not have.

namespace ctql {

enum class isolation_level { database_default, read_uncommitted, read_committed, repeatable_read, serializable };

// SQLite's BEGIN DEFERRED (the default: locks are taken by the first read or
// write), IMMEDIATE (the write lock now, so a later write cannot fail with
// SQLITE_BUSY halfway) and EXCLUSIVE.
enum class sqlite_begin_mode { deferred, immediate, exclusive };

struct transaction_options {
    isolation_level isolation = isolation_level::database_default;
    bool read_only = false;
    bool deferrable = false;  // PostgreSQL: a serializable read-only transaction that waits for a safe snapshot
    sqlite_begin_mode sqlite_mode = sqlite_begin_mode::deferred;
};

}  // namespace ctql
