// SPDX-License-Identifier: MIT
#pragma once
// Checks the outputs declared for a SQL template outside the subset resolved
// at compile time (pipeline/sql_template.hpp) against what SQLite reports for
// the prepared statement: the column count, each name, and each column's type
// where SQLite knows it (sqlite3_column_decltype names the declared type of a
// column read directly from a table; an expression has none).
#include <sqlite3.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include <ctql/backend/declared_outputs.hpp>
#include <ctql/core/error.hpp>
#include <ctql/core/type_name.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/dialect/sqlite.hpp>

namespace ctql::sqlite::detail {

// The affinity SQLite gives a declared column type, by its own rules (in
// this order): 'i'nteger, 't'ext, 'b'lob, 'r'eal, 'n'umeric.
inline char type_affinity(std::string_view declared) {
    std::string upper(declared);
    for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    const auto has = [&](std::string_view part) { return upper.find(part) != std::string::npos; };
    if (has("INT")) return 'i';
    if (has("CHAR") || has("CLOB") || has("TEXT")) return 't';
    if (has("BLOB") || upper.empty()) return 'b';
    if (has("REAL") || has("FLOA") || has("DOUB")) return 'r';
    return 'n';
}

template <class Statement>
void check_declared_outputs(sqlite3_stmt* st, std::string_view sql) {
    ctql::detail::check_output_count(Statement::column_count, sqlite3_column_count(st), "SQLite", sql);
    Statement::each_declared_output([&](std::size_t i, std::string_view name, auto type) {
        using T = typename decltype(type)::type;
        const int index = static_cast<int>(i);
        ctql::detail::check_output_name(i, name, sqlite3_column_name(st, index), "SQLite", sql);
        const char* declared = sqlite3_column_decltype(st, index);
        if (declared == nullptr) return;
        constexpr std::string_view expected = ctql::dialect::sqlite::type_name<base_type_t<T>>();
        if (type_affinity(declared) != type_affinity(expected))
            ctql::detail::throw_output_mismatch(
                "ctql: output \"" + std::string(name) + "\" of the SQL template is declared as " +
                    ctql::detail::type_name<T>() + " (SQLite " + std::string(expected) +
                    ") but SQLite reports the column's type as " + declared,
                sql);
    });
}

}  // namespace ctql::sqlite::detail
