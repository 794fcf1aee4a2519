// SPDX-License-Identifier: MIT
#pragma once
// One exception hierarchy for every backend, in the shape of Python's DBAPI
// (PEP 249), so that callers catch by meaning rather than by backend.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ctql {

// Root of everything ctql throws.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Misuse of the library itself: a bad URL, a closed connection, a malformed input file.
class interface_error : public error {
public:
    using error::error;
};

// What the database reported, with enough context to act on it.
struct error_details {
    std::string message;   // the backend's primary message
    std::string sql;       // the statement text (never bound values)
    int code = 0;          // SQLite extended result code (0 for PostgreSQL)
    std::string sqlstate;  // PostgreSQL SQLSTATE (empty for SQLite)
    std::string detail;    // PostgreSQL DETAIL
    std::string hint;      // PostgreSQL HINT
    std::int64_t row = -1;  // a bulk load's failing row, counting from 0 (-1: not a bulk load, or unknown)
};

class database_error : public error {
public:
    explicit database_error(error_details d) : error(describe(d)), details_(std::move(d)) {}

    const std::string& message() const noexcept { return details_.message; }
    const std::string& sql() const noexcept { return details_.sql; }
    int code() const noexcept { return details_.code; }
    const std::string& sqlstate() const noexcept { return details_.sqlstate; }
    const std::string& detail() const noexcept { return details_.detail; }
    const std::string& hint() const noexcept { return details_.hint; }
    // The index (from 0) of the row of a bulk load that failed, or -1.
    std::int64_t row() const noexcept { return details_.row; }
    const error_details& details() const noexcept { return details_; }

private:
    static std::string describe(const error_details& d) {
        std::string text = d.message;
        if (!d.sqlstate.empty()) text += " [SQLSTATE " + d.sqlstate + "]";
        if (d.code != 0) text += " [code " + std::to_string(d.code) + "]";
        if (!d.detail.empty()) text += "\nDETAIL: " + d.detail;
        if (!d.hint.empty()) text += "\nHINT: " + d.hint;
        if (d.row >= 0)
            text += "\nROW: " + std::to_string(d.row) + " (counting from 0) of the rows loaded; none of them was stored";
        if (!d.sql.empty()) text += "\nSQL: " + d.sql;
        return text;
    }

    error_details details_;
};

// The database could not do the work: connection lost, locked, out of space.
class operational_error : public database_error {
public:
    using database_error::database_error;
};
// A constraint refused the data: unique, foreign key, NOT NULL, CHECK.
class integrity_error : public database_error {
public:
    using database_error::database_error;
};
// The statement is wrong for this database: missing table, syntax.
class programming_error : public database_error {
public:
    using database_error::database_error;
};
// A value does not fit: out of range, wrong type in a result, bad encoding.
class data_error : public database_error {
public:
    using database_error::database_error;
};

namespace detail {

inline void replace_all(std::string& text, std::string_view what, std::string_view with) {
    if (what.empty()) return;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
        text.replace(at, what.size(), with);
}

// Hides the row values a database quotes in a DETAIL: PostgreSQL's
// "Key (password)=(hunter2) already exists." and "Failing row contains (...)".
inline void hide_quoted_row_values(std::string& detail) {
    for (std::string_view opener : {std::string_view{")=("}, std::string_view{"contains ("}}) {
        for (std::size_t at = detail.find(opener); at != std::string::npos; at = detail.find(opener, at)) {
            const std::size_t begin = at + opener.size();
            // The values end at the last ')': they may hold parentheses themselves.
            std::size_t end = detail.rfind(')');
            if (end == std::string::npos || end < begin) end = detail.size();
            detail.replace(begin, end - begin, "***");
            at = begin + 3;
        }
    }
}

// The details of an error raised by a statement that bound secret values
// (columns declared ctql::secret, secret_param): neither those values nor
// the row values quoted in DETAIL may reach an exception's text.
inline error_details without_secrets(error_details d, const std::vector<std::string>& secrets) {
    hide_quoted_row_values(d.detail);
    for (const std::string& secret : secrets) {
        replace_all(d.message, secret, "***");
        replace_all(d.detail, secret, "***");
        replace_all(d.hint, secret, "***");
    }
    return d;
}

// Rethrows the database_error being handled as the same class, its details transformed.
template <class Transform>
[[noreturn]] void rethrow_database_error(Transform&& transform) {
    try {
        throw;
    } catch (const integrity_error& e) {
        throw integrity_error(transform(e.details()));
    } catch (const operational_error& e) {
        throw operational_error(transform(e.details()));
    } catch (const programming_error& e) {
        throw programming_error(transform(e.details()));
    } catch (const data_error& e) {
        throw data_error(transform(e.details()));
    } catch (const database_error& e) {
        throw database_error(transform(e.details()));
    }
}

// Rethrows the database_error being handled with the index of the bulk
// load's row that failed, unless it names one already.
[[noreturn]] inline void rethrow_with_row(std::int64_t row) {
    rethrow_database_error([row](const error_details& d) {
        error_details out = d;
        if (out.row < 0) out.row = row;
        return out;
    });
}

}  // namespace detail

}  // namespace ctql
