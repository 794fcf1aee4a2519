#pragma once
// Turns what libpq reports into ctql's exception hierarchy, choosing the class
// by SQLSTATE so that callers can catch by meaning (a constraint refused the
// data, the connection is gone, the statement is wrong).
#include <libpq-fe.h>

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

[[noreturn]] inline void throw_categorised(error_category category, error_details d) {
    switch (category) {
        case error_category::integrity: throw integrity_error(std::move(d));
        case error_category::operational: throw operational_error(std::move(d));
        case error_category::data: throw data_error(std::move(d));
        case error_category::programming: break;
    }
    throw programming_error(std::move(d));
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
    if (d.message.empty() && result != nullptr) d.message = trim_trailing_space(PQresultErrorMessage(result));
    if (d.message.empty() && conn != nullptr) d.message = trim_trailing_space(PQerrorMessage(conn));
    if (d.message.empty() && result != nullptr) {
        // e.g. PGRES_PIPELINE_ABORTED, which has no message of its own
        d.message = std::string("statement ended with status ") + PQresStatus(PQresultStatus(result));
    }
    if (d.message.empty()) d.message = "PostgreSQL statement failed without a message (out of memory?)";
    const bool connection_bad = conn == nullptr || PQstatus(conn) == CONNECTION_BAD;
    // Classified before the call: the argument moved from `d` may be built first.
    const error_category category = classify_sqlstate(d.sqlstate, connection_bad);
    throw_categorised(category, std::move(d));
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
