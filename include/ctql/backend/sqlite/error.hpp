// SPDX-License-Identifier: MIT
#pragma once
// Turns an SQLite result code into the ctql exception a caller catches by
// meaning: a constraint is an integrity_error whichever engine reported it.
#include <sqlite3.h>

#include <string>
#include <string_view>
#include <utility>

#include <ctql/core/error.hpp>

namespace ctql::sqlite::detail {

// `db` may be null (a failed open has no usable handle); `rc` may be primary
// or extended. The connection's last error is trusted only when it is the
// same failure as `rc`: another call may have overwritten it since.
[[noreturn]] [[gnu::cold]] inline void throw_error(sqlite3* db, int rc, std::string_view sql) {
    const int primary = rc & 0xff;
    error_details details;
    details.code = rc;
    if (db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == primary) {
        details.code = sqlite3_extended_errcode(db);
        details.message = sqlite3_errmsg(db);
    } else {
        details.message = sqlite3_errstr(rc);
    }
    details.sql = std::string(sql);

    switch (primary) {
        case SQLITE_CONSTRAINT:
            throw integrity_error(std::move(details));
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_NOMEM:
        case SQLITE_READONLY:
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_PROTOCOL:
        case SQLITE_INTERRUPT:
        case SQLITE_ABORT:
        case SQLITE_PERM:
        case SQLITE_NOLFS:
            throw operational_error(std::move(details));
        case SQLITE_MISMATCH:
        case SQLITE_TOOBIG:
            throw data_error(std::move(details));
        case SQLITE_ERROR:
            // SUM() past the 64-bit range: a value that does not fit, as
            // PostgreSQL reports it (22003), not a wrong statement.
            if (details.message == "integer overflow") throw data_error(std::move(details));
            throw programming_error(std::move(details));
        // SQLITE_RANGE is deliberately absent: SQLite returns it only for a
        // parameter or column index that does not exist, a bug in the caller
        // rather than a value that does not fit.
        default:
            throw programming_error(std::move(details));
    }
}

}  // namespace ctql::sqlite::detail
