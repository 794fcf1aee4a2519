// SPDX-License-Identifier: MIT
#pragma once
// Turns what libpq reports into ctql's exception hierarchy, choosing the class
// by SQLSTATE so that callers can catch by meaning (a constraint refused the
// data, the connection is gone, the statement is wrong).
#include <libpq-fe.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <ctql/core/error.hpp>

namespace ctql::postgres::detail {

enum class error_category { integrity, operational, data, programming };

// An empty SQLSTATE means libpq produced the error itself: on a broken
// connection that is the connection's fault; on a healthy one it is misuse
// such as a second query while one is in progress.
constexpr error_category classify_sqlstate(std::string_view sqlstate, bool connection_bad) noexcept {
    if (sqlstate.size() < 2) return connection_bad ? error_category::operational : error_category::programming;
    const std::string_view cls = sqlstate.substr(0, 2);
    if (cls == "23") return error_category::integrity;
    if (cls == "22") return error_category::data;
    // connection, resources, operator intervention, system, rollback
    // (serialization failure, deadlock), lock not available, internal.
    if (cls == "08" || cls == "53" || cls == "57" || cls == "58" || cls == "40" || cls == "55" || cls == "XX") {
        return error_category::operational;
    }
    return error_category::programming;
}

inline std::string trim_trailing_space(std::string_view s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return std::string(s);
}

// libpq notices a server that vanished without a goodbye (pg_ctl stop -m
// immediate, a killed process, a cut network) only on its next read: the
// failed statement reports "server closed the connection unexpectedly" with no
// SQLSTATE while PQstatus() still says CONNECTION_OK. Reading once more
// settles it, and from then on PQstatus() says CONNECTION_BAD.
inline bool connection_lost(PGconn* conn, std::string_view sqlstate) {
    if (conn == nullptr) return true;
    if (sqlstate.empty() && PQstatus(conn) == CONNECTION_OK) PQconsumeInput(conn);
    return PQstatus(conn) == CONNECTION_BAD;
}

[[noreturn]] inline void throw_categorised(error_category category, error_details d) {
    switch (category) {
        case error_category::integrity: throw integrity_error(std::move(d));
        case error_category::operational: throw operational_error(std::move(d));
        case error_category::data: throw data_error(std::move(d));
        case error_category::programming: break;
    }
    throw programming_error(std::move(d));
}

// The row a COPY FROM failed on, counting from 0, read from the error's
// CONTEXT ("COPY users, line 3, column email: ..."); -1 for anything else.
// Only the number is taken: the rest may quote the row's values.
inline std::int64_t copy_row_of(std::string_view context) {
    if (!context.starts_with("COPY ")) return -1;
    const auto at = context.find(", line ");
    if (at == std::string_view::npos) return -1;
    std::int64_t line = 0;
    const char* first = context.data() + at + 7;
    const auto [end, ec] = std::from_chars(first, context.data() + context.size(), line);
    if (ec != std::errc{} || end == first || line < 1) return -1;
    return line - 1;
}

// `result` may be null (libpq could not even allocate one); the connection's
// message is the fallback whenever the result carries no primary message.
[[noreturn]] inline void throw_result_error(const PGresult* result, PGconn* conn, std::string_view sql) {
    const auto field = [result](int code) -> std::string {
        if (result == nullptr) return {};
        const char* value = PQresultErrorField(result, code);
        return value != nullptr ? std::string(value) : std::string();
    };
    error_details d;
    d.sql = std::string(sql);
    d.sqlstate = field(PG_DIAG_SQLSTATE);
    d.message = field(PG_DIAG_MESSAGE_PRIMARY);
    d.detail = field(PG_DIAG_MESSAGE_DETAIL);
    d.hint = field(PG_DIAG_MESSAGE_HINT);
    d.row = copy_row_of(field(PG_DIAG_CONTEXT));
    if (d.message.empty() && result != nullptr) d.message = trim_trailing_space(PQresultErrorMessage(result));
    if (d.message.empty() && conn != nullptr) d.message = trim_trailing_space(PQerrorMessage(conn));
    if (d.message.empty() && result != nullptr) {
        // e.g. PGRES_PIPELINE_ABORTED, which has no message of its own
        d.message = std::string("statement ended with status ") + PQresStatus(PQresultStatus(result));
    }
    if (d.message.empty()) d.message = "PostgreSQL statement failed without a message (out of memory?)";
    const bool connection_bad = connection_lost(conn, d.sqlstate);
    // Classified before the call: the argument moved from `d` may be built first.
    const error_category category = classify_sqlstate(d.sqlstate, connection_bad);
    throw_categorised(category, std::move(d));
}

// libpq's message about a connection string it could not use may quote
// pieces of that string, a password among them. Where the string parses, each
// password it holds is hidden wherever it is quoted. Where it does not, no one
// can tell where a password ends, and the quoted pieces cannot even be told
// apart reliably (a piece may itself hold a '"'), so everything from the first
// quote to the last is hidden.
inline std::string without_conninfo_secrets(std::string message, const std::string& conninfo) {
    char* parse_error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &parse_error);
    PQfreemem(parse_error);
    if (options != nullptr) {
        for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
            const std::string_view keyword = o->keyword;
            if (o->val != nullptr && (keyword == "password" || keyword == "sslpassword"))
                ctql::detail::replace_all(message, o->val, "***");
        }
        PQconninfoFree(options);
        return message;
    }
    const std::size_t first = message.find('"');
    if (first == std::string::npos) return message;
    const std::size_t last = message.rfind('"');
    const std::string hidden = last > first ? "\"***\"" : "\"***";
    return "the connection string could not be read (quoted parts hidden, they may hold a password): " +
           message.substr(0, first) + hidden + message.substr(last > first ? last + 1 : message.size());
}

// For failures outside a statement: connecting, sending, flushing.
[[noreturn]] inline void throw_connection_error(PGconn* conn, std::string_view what) {
    std::string reason = conn != nullptr ? trim_trailing_space(PQerrorMessage(conn)) : "out of memory";
    error_details d;
    d.message = std::string(what);
    if (!reason.empty()) d.message += (d.message.empty() ? "" : ": ") + reason;
    throw operational_error(std::move(d));
}

}  // namespace ctql::postgres::detail
