// SPDX-License-Identifier: MIT
#pragma once
// What a PostgreSQL database has, for schema_diff (backend/schema_diff.hpp):
// the tables of the current schema, read from pg_catalog (pg_attribute,
// pg_attrdef, pg_constraint, pg_index). Read only.
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ctql/backend/postgres/connection.hpp>
#include <ctql/backend/postgres/error.hpp>
#include <ctql/backend/postgres/result.hpp>
#include <ctql/backend/schema_diff.hpp>

namespace ctql::postgres {

namespace detail {
using text_row = std::vector<std::optional<std::string>>;

// Every row of a catalog query, in text; `parameter` is $1 when given.
inline std::vector<text_row> catalog_rows(PGconn* conn, const std::string& sql, const std::string* parameter = nullptr) {
    const char* values[1] = {parameter != nullptr ? parameter->c_str() : nullptr};
    result_ptr r{PQexecParams(conn, sql.c_str(), parameter != nullptr ? 1 : 0, nullptr, values, nullptr, nullptr, 0)};
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) throw_result_error(r.get(), conn, sql);
    std::vector<text_row> rows;
    for (int row = 0; row < PQntuples(r.get()); ++row) {
        text_row fields;
        for (int col = 0; col < PQnfields(r.get()); ++col) {
            if (PQgetisnull(r.get(), row, col)) fields.emplace_back();
            else fields.emplace_back(PQgetvalue(r.get(), row, col));
        }
        rows.push_back(std::move(fields));
    }
    return rows;
}

// format_type()'s names, as ctql's PostgreSQL dialect writes them in CREATE
// TABLE: "numeric(10,2)" is NUMERIC(10, 2), "timestamp without time zone[]"
// TIMESTAMP[]. A name ctql does not write (an enum type's) is kept as it is.
inline std::string declared_type_name(const std::string& type) {
    static const std::map<std::string, std::string, std::less<>> names{
        {"bigint", "BIGINT"},   {"integer", "INTEGER"},
        {"smallint", "SMALLINT"}, {"boolean", "BOOLEAN"},
        {"real", "REAL"},       {"double precision", "DOUBLE PRECISION"},
        {"text", "TEXT"},       {"bytea", "BYTEA"},
        {"date", "DATE"},       {"timestamp without time zone", "TIMESTAMP"},
        {"timestamp with time zone", "TIMESTAMPTZ"},
        {"uuid", "UUID"},       {"jsonb", "JSONB"}, {"json", "JSON"},
    };
    if (type.size() > 2 && type.ends_with("[]")) return declared_type_name(type.substr(0, type.size() - 2)) + "[]";
    if (const auto found = names.find(type); found != names.end()) return found->second;
    if (type.starts_with("numeric(")) {
        std::string out = "NUMERIC(";
        for (char c : std::string_view(type).substr(8)) {
            out += c;
            if (c == ',') out += ' ';
        }
        return out;
    }
    return type;
}

inline std::string action_name(const std::optional<std::string>& code) {
    const char c = code && !code->empty() ? code->front() : 'a';
    switch (c) {
        case 'c': return "CASCADE";
        case 'n': return "SET NULL";
        case 'd': return "SET DEFAULT";
        case 'r': return "RESTRICT";
        default: return "NO ACTION";
    }
}

inline table_description read_table(PGconn* conn, const std::string& table) {
    table_description t;
    t.name = table;
    for (const auto& row : catalog_rows(conn, R"(
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relname = $1 AND n.nspname = current_schema() AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum)", &table)) {
        column_description c;
        c.name = row[0].value_or("");
        c.type = declared_type_name(row[1].value_or(""));
        c.not_null = row[2] == "t";
        c.default_value = row[3];
        t.columns.push_back(std::move(c));
    }

    std::optional<std::string> current;
    for (const auto& row : catalog_rows(conn, R"(
            SELECT con.conname, con.contype, a.attname, rt.relname, fa.attname, con.confdeltype, con.confupdtype
            FROM pg_constraint con
            JOIN pg_class t ON t.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
            LEFT JOIN pg_class rt ON rt.oid = con.confrelid
            LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[k.ord]
            WHERE t.relname = $1 AND n.nspname = current_schema() AND con.contype IN ('p', 'u', 'f')
            ORDER BY con.contype, con.conname, k.ord)", &table)) {
        const bool first = row[0] != current;
        current = row[0];
        const std::string column = row[2].value_or("");
        if (row[1] == "p") {
            t.primary_key.push_back(column);
        } else if (row[1] == "u") {
            if (first) t.unique_keys.emplace_back();
            t.unique_keys.back().push_back(column);
        } else {
            if (first) {
                foreign_key_description fk;
                fk.referenced_table = row[3].value_or("");
                fk.on_delete = action_name(row[5]);
                fk.on_update = action_name(row[6]);
                t.foreign_keys.push_back(std::move(fk));
            }
            t.foreign_keys.back().columns.push_back(column);
            t.foreign_keys.back().referenced_columns.push_back(row[4].value_or(""));
        }
    }

    // Indexes made by CREATE INDEX: not those behind a primary key or unique constraint.
    current.reset();
    for (const auto& row : catalog_rows(conn, R"(
            SELECT i.relname, ix.indisunique, ix.indpred IS NOT NULL, k.attnum, COALESCE(a.attname, ''),
                   (ix.indoption[k.ord - 1] & 1) = 1, pg_get_indexdef(i.oid)
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
            LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
            WHERE t.relname = $1 AND n.nspname = current_schema() AND k.ord <= ix.indnkeyatts
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.contype IN ('p', 'u', 'x'))
            ORDER BY i.relname, k.ord)", &table)) {
        if (row[0] != current) {
            current = row[0];
            index_description i;
            i.name = row[0].value_or("");
            i.unique = row[1] == "t";
            i.partial = row[2] == "t";
            i.definition = row[6].value_or("");
            t.indexes.push_back(std::move(i));
        }
        t.indexes.back().elements.push_back((row[3] == "0" ? std::string("(expression)") : row[4].value_or("")) +
                                            (row[5] == "t" ? " DESC" : ""));
    }
    return t;
}
}  // namespace detail

// The tables named `tables` that exist in the current schema of `db`, and the names of all its tables.
inline database_description read_database_description(connection& db, const std::vector<std::string>& tables) {
    database_description out;
    out.keeps_text_as_written = false;
    for (const auto& row : detail::catalog_rows(
             db.native_handle(), "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"))
        out.table_names.push_back(row[0].value_or(""));
    for (const auto& name : tables)
        if (std::find(out.table_names.begin(), out.table_names.end(), name) != out.table_names.end())
            out.tables.push_back(detail::read_table(db.native_handle(), name));
    return out;
}

}  // namespace ctql::postgres
