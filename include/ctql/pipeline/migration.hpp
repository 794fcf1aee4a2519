// SPDX-License-Identifier: MIT
#pragma once
// A versioned schema change: an id, the steps that apply it (`up`) and,
// optionally, the steps that undo it (`down`).
//
//   const ctql::migration m{
//       .id = "0002_add_source",
//       .up = {ctql::add_column(events.source), ctql::sql_step("UPDATE events SET source = 'import'")},
//       .down = {ctql::drop_column(events.source)}};
//
// A step is a ctql DDL statement (its SQL for both dialects is a compile-time
// constant) or SQL text, the same for both dialects or one text per dialect.
// A step that can lose data is destructive, and a migrator runs it only when
// allowed to: DROP TABLE and DROP COLUMN statements built with ctql, ctql::destructive(step),
// and text whose statements begin with DROP, TRUNCATE or DELETE or are an
// ALTER ... DROP, unless ctql::not_destructive(step) says otherwise.
//
// The checksum of a migration is a 64-bit FNV-1a hash of its up steps' SQL
// for one dialect, in a canonical form (whitespace runs outside quotes made
// one space, ends trimmed, a final ';' dropped, steps joined by a newline):
// it detects a migration edited after it was applied, not a deliberate forgery.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/dialect/postgres.hpp>
#include <ctql/dialect/sqlite.hpp>
#include <ctql/stmt/ddl.hpp>
#include <ctql/stmt/ddl/alter_table.hpp>
#include <ctql/stmt/statement.hpp>

namespace ctql {

namespace rule {
template <class Statement>
inline constexpr bool migration_step_is_a_ddl_statement = false;
}  // namespace rule

// SQL text for each dialect; a dialect left empty runs nothing for the step.
struct per_dialect {
    std::optional<std::string> sqlite{};
    std::optional<std::string> postgres{};
};

namespace detail {
template <class Statement>
inline constexpr bool drops_data_v = false;
template <class Table, bool IfExists>
inline constexpr bool drops_data_v<drop_table_statement<Table, IfExists>> = true;
template <class Statement>
    requires requires { Statement::drops_data; }
inline constexpr bool drops_data_v<Statement> = Statement::drops_data;

// DDL statements: those create_all, create_index, add_column and the drops make.
template <class Statement>
concept ddl_statement = statement<Statement> && requires { Statement::creates; };

// One SQL statement of a text step at a time, with its comments left out:
// split at ';' outside quotes ('text', "identifier") and comments (-- and /* */).
inline std::vector<std::string> split_sql_statements(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    const auto flush = [&] {
        std::size_t b = 0;
        std::size_t e = current.size();
        while (b < e && std::isspace(static_cast<unsigned char>(current[b]))) ++b;
        while (e > b && std::isspace(static_cast<unsigned char>(current[e - 1]))) --e;
        if (e > b) out.push_back(current.substr(b, e - b));
        current.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\'' || c == '"') {
            const std::size_t start = i;
            for (++i; i < text.size(); ++i) {
                if (text[i] == c && i + 1 < text.size() && text[i + 1] == c) ++i;
                else if (text[i] == c) break;
            }
            current.append(text.substr(start, i - start + 1));
        } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
            while (i < text.size() && text[i] != '\n') ++i;
            current += ' ';
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            const std::size_t end = text.find("*/", i + 2);
            i = end == std::string_view::npos ? text.size() : end + 1;
            current += ' ';
        } else if (c == ';') {
            flush();
        } else {
            current += c;
        }
    }
    flush();
    return out;
}

// The words of a statement outside quotes, upper-cased: enough to tell its kind.
inline std::vector<std::string> sql_words(std::string_view statement) {
    std::vector<std::string> words;
    std::string word;
    for (std::size_t i = 0; i <= statement.size(); ++i) {
        const char c = i < statement.size() ? statement[i] : ' ';
        if (c == '\'' || c == '"') {
            if (!word.empty()) words.push_back(std::exchange(word, {}));
            for (++i; i < statement.size() && statement[i] != c; ++i) {
            }
            words.emplace_back(1, c);  // a quoted item, which no keyword equals
        } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            words.push_back(std::exchange(word, {}));
        }
    }
    return words;
}

// Whether SQL text may lose data: a statement beginning with DROP, TRUNCATE
// or DELETE, or an ALTER with DROP in it (DROP COLUMN, DROP CONSTRAINT).
inline bool sql_text_drops_data(std::string_view text) {
    for (const std::string& statement : split_sql_statements(text)) {
        const auto words = sql_words(statement);
        if (words.empty()) continue;
        const std::string& first = words.front();
        if (first == "DROP" || first == "TRUNCATE" || first == "DELETE") return true;
        if (first == "ALTER")
            for (const auto& w : words)
                if (w == "DROP") return true;
    }
    return false;
}

// Why a statement of `text` cannot run inside a transaction on Dialect, or
// nothing. SQLite refuses VACUUM and a change to WAL there, and ignores
// PRAGMA foreign_keys without an error, which is worse; PostgreSQL refuses
// the statements below.
template <class Dialect>
std::optional<std::string> outside_transaction_only(std::string_view text) {
    for (const std::string& statement : split_sql_statements(text)) {
        const auto w = sql_words(statement);
        if (w.empty()) continue;
        const auto has = [&](std::string_view word) {
            for (const auto& x : w)
                if (x == word) return true;
            return false;
        };
        if (w[0] == "VACUUM") return "VACUUM cannot run inside a transaction";
        if constexpr (std::is_same_v<Dialect, dialect::sqlite>) {
            if (w[0] == "PRAGMA" && (has("JOURNAL_MODE") || has("FOREIGN_KEYS")))
                return "SQLite changes no journal_mode inside a transaction (an error for WAL) and ignores PRAGMA "
                       "foreign_keys there without an error";
        } else {
            if ((w[0] == "CREATE" || w[0] == "DROP" || w[0] == "REINDEX") && has("CONCURRENTLY"))
                return w[0] + " ... CONCURRENTLY cannot run inside a transaction";
            if ((w[0] == "CREATE" || w[0] == "DROP") && w.size() > 1 && (w[1] == "DATABASE" || w[1] == "TABLESPACE"))
                return w[0] + " " + w[1] + " cannot run inside a transaction";
            if (w[0] == "ALTER" && w.size() > 1 && w[1] == "SYSTEM") return "ALTER SYSTEM cannot run inside a transaction";
        }
    }
    return std::nullopt;
}

// The canonical form of a step's SQL for the checksum: runs of whitespace
// outside quotes made one space, ends trimmed, a final ';' left out.
inline std::string canonical_sql(std::string_view text) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\'' || c == '"') {
            if (space && !out.empty()) out += ' ';
            space = false;
            const std::size_t start = i;
            for (++i; i < text.size(); ++i) {
                if (text[i] == c && i + 1 < text.size() && text[i + 1] == c) ++i;
                else if (text[i] == c) break;
            }
            out.append(text.substr(start, i - start + 1));
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            space = true;
        } else {
            if (space && !out.empty()) out += ' ';
            space = false;
            out += c;
        }
    }
    while (!out.empty() && (out.back() == ';' || out.back() == ' ')) out.pop_back();
    return out;
}

constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = 14695981039346656037ull) {
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return hash;
}

inline std::string hex64(std::uint64_t value) {
    constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = digits[value & 0xf];
    return out;
}
}  // namespace detail

// One step of a migration: a ctql DDL statement or SQL text.
class migration_step {
public:
    // A DDL statement: create_table, create_index, add_column, drop_table, drop_index, drop_column, ...
    template <statement Statement>
    migration_step(const Statement&) {  // NOLINT(google-explicit-constructor): steps are listed in braces
        static_assert(rule::migration_step_is_a_ddl_statement<Statement> || detail::ddl_statement<Statement>,
                      "ctql: a migration step is a ctql DDL statement (create_table, create_index, add_column, "
                      "drop_table, drop_index, drop_column) or SQL text, ctql::sql_step(\"...\"); a query or a "
                      "data change with bound values is not a step: write it as ctql::sql_step text");
        if constexpr (detail::ddl_statement<Statement>) {
            sqlite_ = std::string(Statement::template sql<dialect::sqlite>());
            postgres_ = std::string(Statement::template sql<dialect::postgres>());
            destructive_ = detail::drops_data_v<Statement>;
            from_statement_ = true;
        }
    }

    // SQL text for the dialects (nullopt: nothing to run there); whether it may lose data.
    migration_step(per_dialect text, bool destructive)
        : sqlite_(std::move(text.sqlite)), postgres_(std::move(text.postgres)), destructive_(destructive) {}

    // The SQL run on Dialect (dialect::sqlite or dialect::postgres), or nullopt for none.
    template <class Dialect>
    const std::optional<std::string>& sql() const {
        if constexpr (std::is_same_v<Dialect, dialect::sqlite>) return sqlite_;
        else return postgres_;
    }

    bool destructive() const { return destructive_; }
    bool from_statement() const { return from_statement_; }
    // Why the step was written so (a generated step's remark), or empty.
    const std::string& note() const { return note_; }

    migration_step& set_destructive(bool value) {
        destructive_ = value;
        return *this;
    }
    migration_step& set_note(std::string text) {
        note_ = std::move(text);
        return *this;
    }

private:
    std::optional<std::string> sqlite_;
    std::optional<std::string> postgres_;
    bool destructive_ = false;
    bool from_statement_ = false;
    std::string note_;
};

using migration_steps = std::vector<migration_step>;

// SQL text run on both dialects. It counts as destructive when one of its
// statements begins with DROP, TRUNCATE or DELETE, or is an ALTER ... DROP.
inline migration_step sql_step(std::string_view text) {
    const bool drops = detail::sql_text_drops_data(text);
    return migration_step(per_dialect{std::string(text), std::string(text)}, drops);
}

// One text per dialect: sql_step({.sqlite = "...", .postgres = "..."}).
inline migration_step sql_step(per_dialect text) {
    const bool drops = (text.sqlite && detail::sql_text_drops_data(*text.sqlite)) ||
                       (text.postgres && detail::sql_text_drops_data(*text.postgres));
    return migration_step(std::move(text), drops);
}

// Marks a step as one that may lose data, which a migrator runs only with
// allow_destructive (e.g. an UPDATE overwriting a column).
inline migration_step destructive(migration_step step) {
    step.set_destructive(true);
    return step;
}

// Says that a step the text rules count as destructive loses nothing worth
// keeping (e.g. DELETE FROM a staging table, DROP of an index).
inline migration_step not_destructive(migration_step step) {
    step.set_destructive(false);
    return step;
}

namespace detail {
inline void append_steps(migration_steps& out, const migration_steps& more) { out.insert(out.end(), more.begin(), more.end()); }
inline void append_steps(migration_steps& out, migration_step step) { out.push_back(std::move(step)); }
template <class... Statements>
void append_steps(migration_steps& out, const ddl_script<Statements...>&) {
    (out.push_back(migration_step(Statements{})), ...);
}
template <statement Statement>
void append_steps(migration_steps& out, const Statement& s) {
    out.push_back(migration_step(s));
}
}  // namespace detail

// Steps from statements, sql_step()s, step lists and whole scripts
// (create_all(a, b) is one step per statement):
//   .up = ctql::steps(ctql::create_all(users, orders), ctql::sql_step("INSERT INTO ..."))
template <class... Items>
migration_steps steps(const Items&... items) {
    migration_steps out;
    (detail::append_steps(out, items), ...);
    return out;
}

struct migration {
    std::string id;             // orders the migrations: "0001_create_events" < "0002_..."
    migration_steps up;         // what applies it
    migration_steps down = {};  // what undoes it; none: it cannot be downgraded
    // Each migration runs in a transaction of its own. A migration with a
    // step that cannot (VACUUM, CREATE INDEX CONCURRENTLY, ...) says false:
    // its steps then run one by one, and a failure leaves the earlier ones done.
    bool transactional = true;

    // The checksum of the up steps' SQL for Dialect: 16 hexadecimal digits.
    template <class Dialect>
    std::string checksum() const {
        std::uint64_t hash = detail::fnv1a64("");
        bool first = true;
        for (const migration_step& step : up) {
            const auto& text = step.template sql<Dialect>();
            if (!text) continue;
            if (!first) hash = detail::fnv1a64("\n", hash);
            first = false;
            hash = detail::fnv1a64(detail::canonical_sql(*text), hash);
        }
        return detail::hex64(hash);
    }
};

}  // namespace ctql
