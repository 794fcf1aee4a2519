#pragma once
// The same query as raw SQL text, run through the backend's own C API, for
// comparing ctql's typed rows with what the database says without ctql.
#include <libpq-fe.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <type_traits>

#include <ctql/postgres.hpp>
#include <ctql/sqlite.hpp>

namespace ctql_test {

// The first column of the first row as text; nullopt for NULL.
inline std::optional<std::string> raw_scalar_text(ctql::sqlite::connection& db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db.native_handle(), sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    std::optional<std::string> out;
    if (sqlite3_column_type(st, 0) != SQLITE_NULL)
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

inline std::optional<std::string> raw_scalar_text(ctql::postgres::connection& db, const std::string& sql) {
    PGresult* r = PQexec(db.native_handle(), sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) >= 1;
    INFO(sql << ": " << PQresultErrorMessage(r));
    if (!ok) PQclear(r);
    REQUIRE(ok);
    std::optional<std::string> out;
    if (!PQgetisnull(r, 0, 0)) out = PQgetvalue(r, 0, 0);
    PQclear(r);
    return out;
}

// The same, read as T: integers and reals from their text, booleans from
// SQLite's 0/1 and PostgreSQL's t/f.
template <class T, class Connection>
std::optional<T> raw_scalar(Connection& db, const std::string& sql) {
    const auto text = raw_scalar_text(db, sql);
    if (!text) return std::nullopt;
    if constexpr (std::is_same_v<T, bool>) {
        return *text == "1" || *text == "t";
    } else if constexpr (std::is_same_v<T, std::string>) {
        return *text;
    } else if constexpr (std::is_floating_point_v<T>) {
        return static_cast<T>(std::stod(*text));
    } else {
        T value{};
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
        INFO(*text);
        REQUIRE((ec == std::errc{} && end == text->data() + text->size()));
        return value;
    }
}

}  // namespace ctql_test
