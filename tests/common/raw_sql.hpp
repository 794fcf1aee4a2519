#pragma once
// The same query as raw SQL text, run through the backend's own C API, for
// comparing ctql's typed rows with what the database says without ctql.
#include <libpq-fe.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/core/timestamp_text.hpp>
#include <ctql/postgres.hpp>
#include <ctql/sqlite.hpp>

namespace ctql_test {

using raw_row = std::vector<std::optional<std::string>>;

// Every row of a query without parameters, each field as text (nullopt for NULL).
inline std::vector<raw_row> raw_rows(ctql::sqlite::connection& db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    INFO(sql);
    REQUIRE(sqlite3_prepare_v2(db.native_handle(), sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::vector<raw_row> rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        raw_row row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
            if (sqlite3_column_type(st, i) == SQLITE_NULL) row.emplace_back();
            else row.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, i)));
        }
        rows.push_back(std::move(row));
    }
    INFO(sqlite3_errmsg(db.native_handle()));
    CHECK(rc == SQLITE_DONE);
    sqlite3_finalize(st);
    return rows;
}

inline std::vector<raw_row> raw_rows(ctql::postgres::connection& db, const std::string& sql) {
    PGresult* r = PQexec(db.native_handle(), sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    INFO(sql << ": " << PQresultErrorMessage(r));
    if (!ok) PQclear(r);
    REQUIRE(ok);
    std::vector<raw_row> rows;
    for (int row = 0; row < PQntuples(r); ++row) {
        raw_row fields;
        for (int col = 0; col < PQnfields(r); ++col) {
            if (PQgetisnull(r, row, col)) fields.emplace_back();
            else fields.emplace_back(PQgetvalue(r, row, col));
        }
        rows.push_back(std::move(fields));
    }
    PQclear(r);
    return rows;
}

// The first column of the first row as text; nullopt for NULL.
template <class Connection>
std::optional<std::string> raw_scalar_text(Connection& db, const std::string& sql) {
    const auto rows = raw_rows(db, sql);
    REQUIRE_FALSE(rows.empty());
    return rows.front().front();
}

// Text as the backend prints it, read as T: integers and reals from their
// text, booleans from SQLite's 0/1 and PostgreSQL's t/f, timestamps from ISO text.
template <class T>
T from_raw_text(const std::string& text) {
    if constexpr (std::is_same_v<T, bool>) {
        return text == "1" || text == "t";
    } else if constexpr (std::is_same_v<T, std::string>) {
        return text;
    } else if constexpr (std::is_floating_point_v<T>) {
        return static_cast<T>(std::stod(text));
    } else if constexpr (std::is_integral_v<T>) {
        T value{};
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        INFO(text);
        REQUIRE((ec == std::errc{} && end == text.data() + text.size()));
        return value;
    } else {
        return ctql::detail::parse_timestamp<typename T::duration>(text);
    }
}

template <class T, class Connection>
std::optional<T> raw_scalar(Connection& db, const std::string& sql) {
    const auto text = raw_scalar_text(db, sql);
    if (!text) return std::nullopt;
    return from_raw_text<T>(*text);
}

// Whether ctql's value is the one the raw text says. Reals agree to 12
// digits: SQLite prints 15 significant digits, PostgreSQL as many as it takes.
template <class T>
bool same_value(const T& value, const std::optional<std::string>& raw) {
    if constexpr (requires { value.has_value(); *value; }) {
        if (!value.has_value() || !raw.has_value()) return value.has_value() == raw.has_value();
        return same_value(*value, raw);
    } else {
        if (!raw.has_value()) return false;
        const T expected = from_raw_text<T>(*raw);
        if constexpr (std::is_floating_point_v<T>) {
            return value == expected || std::fabs(value - expected) <= 1e-12 * std::fmax(std::fabs(value), std::fabs(expected));
        } else {
            return value == expected;
        }
    }
}

// Runs `stmt` through ctql and `raw_sql` through the C API and checks that
// the rows are the same, in order, field by field.
template <class Connection, class Statement, class... Arguments>
void check_same_rows(Connection& db, const Statement& stmt, const std::string& raw_sql, const Arguments&... args) {
    const auto typed = db(stmt, args...).to_vector();
    const auto raw = raw_rows(db, raw_sql);
    INFO("ctql: " << Statement::template sql<typename Connection::dialect>());
    INFO("raw:  " << raw_sql);
    REQUIRE(typed.size() == raw.size());
    for (std::size_t r = 0; r < typed.size(); ++r) {
        using row_t = std::remove_cvref_t<decltype(typed[r])>;
        if constexpr (requires { typename row_t::fields; }) {
            REQUIRE(raw[r].size() == row_t::size);
            const auto check_column = [&](std::size_t column, const auto& value) {
                INFO("row " << r << ", column " << column << ": " << raw[r][column].value_or("NULL"));
                CHECK(same_value(value, raw[r][column]));
            };
            [&]<std::size_t... I>(std::index_sequence<I...>) {
                (check_column(I, ctql::get<I>(typed[r])), ...);
            }(std::make_index_sequence<row_t::size>{});
        } else {
            REQUIRE(raw[r].size() == 1);
            INFO("row " << r << ": " << raw[r][0].value_or("NULL"));
            CHECK(same_value(typed[r], raw[r][0]));
        }
    }
}

}  // namespace ctql_test
