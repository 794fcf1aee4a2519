// SPDX-License-Identifier: MIT
#pragma once
// What an SQLite database has, for schema_diff (backend/schema_diff.hpp):
// sqlite_master and the PRAGMA table-valued functions table_info,
// index_list, index_xinfo and foreign_key_list. Read only.
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ctql/backend/schema_diff.hpp>
#include <ctql/backend/sqlite/connection.hpp>
#include <ctql/backend/sqlite/error.hpp>

namespace ctql::sqlite {

namespace detail {
using text_row = std::vector<std::optional<std::string>>;

// Every row of a catalog query, each field as text; `parameter` bound to ?1 when given.
inline std::vector<text_row> catalog_rows(sqlite3* db, const std::string& sql, const std::string* parameter = nullptr) {
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    if (rc != SQLITE_OK) throw_error(db, rc, sql);
    if (parameter != nullptr) sqlite3_bind_text(st, 1, parameter->c_str(), -1, SQLITE_TRANSIENT);
    std::vector<text_row> rows;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        text_row row;
        for (int i = 0; i < sqlite3_column_count(st); ++i) {
            if (sqlite3_column_type(st, i) == SQLITE_NULL) row.emplace_back();
            else row.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, i)));
        }
        rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw_error(db, rc, sql);
    return rows;
}

inline std::string upper_case(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

inline std::vector<std::string> index_columns(sqlite3* db, const std::string& index) {
    std::vector<std::string> names;
    for (const auto& row : catalog_rows(db, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno", &index))
        names.push_back(row[0].value_or(""));
    return names;
}

inline table_description read_table(sqlite3* db, const std::string& table) {
    table_description t;
    t.name = table;
    const auto columns =
        catalog_rows(db, R"(SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid)", &table);
    std::vector<std::pair<int, std::string>> key;
    for (const auto& row : columns)
        if (row[4].value_or("0") != "0") key.emplace_back(std::stoi(*row[4]), row[0].value_or(""));
    std::sort(key.begin(), key.end());
    for (const auto& [position, name] : key) t.primary_key.push_back(name);
    for (const auto& row : columns) {
        column_description c;
        c.name = row[0].value_or("");
        c.type = upper_case(row[1].value_or(""));
        // INTEGER PRIMARY KEY is the rowid, which is never NULL, though table_info says nullable.
        const bool rowid = key.size() == 1 && key.front().second == c.name && c.type == "INTEGER";
        c.not_null = row[2] == "1" || rowid;
        c.default_value = row[3];
        t.columns.push_back(std::move(c));
    }
    for (const auto& index : catalog_rows(db, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1) ORDER BY name", &table)) {
        const std::string name = index[0].value_or("");
        const std::string origin = index[2].value_or("");
        if (origin == "u") {
            t.unique_keys.push_back(index_columns(db, name));
        } else if (origin == "c") {
            index_description i;
            i.name = name;
            i.unique = index[1] == "1";
            i.partial = index[3] == "1";
            for (const auto& element : catalog_rows(
                     db, "SELECT cid, name, \"desc\" FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno", &name))
                i.elements.push_back((element[0] == "-2" ? std::string("(expression)") : element[1].value_or("")) +
                                     (element[2] == "1" ? " DESC" : ""));
            const auto sql = catalog_rows(db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1", &name);
            if (!sql.empty()) i.definition = sql.front()[0].value_or("");
            t.indexes.push_back(std::move(i));
        }
    }
    const auto references = catalog_rows(
        db, R"(SELECT id, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?1) ORDER BY id, seq)", &table);
    std::optional<std::string> current;
    for (const auto& row : references) {
        if (row[0] != current) {
            current = row[0];
            foreign_key_description fk;
            fk.referenced_table = row[1].value_or("");
            fk.on_update = row[4].value_or("NO ACTION");
            fk.on_delete = row[5].value_or("NO ACTION");
            t.foreign_keys.push_back(std::move(fk));
        }
        t.foreign_keys.back().columns.push_back(row[2].value_or(""));
        t.foreign_keys.back().referenced_columns.push_back(row[3].value_or(""));
    }
    return t;
}
}  // namespace detail

// The tables named `tables` that exist in `db`, and the names of all its tables.
inline database_description read_database_description(connection& db, const std::vector<std::string>& tables) {
    database_description out;
    out.keeps_text_as_written = true;
    for (const auto& row : detail::catalog_rows(db.native_handle(),
                                                "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                                "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"))
        out.table_names.push_back(row[0].value_or(""));
    for (const auto& name : tables)
        if (std::find(out.table_names.begin(), out.table_names.end(), name) != out.table_names.end())
            out.tables.push_back(detail::read_table(db.native_handle(), name));
    return out;
}

}  // namespace ctql::sqlite
