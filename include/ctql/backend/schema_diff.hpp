// SPDX-License-Identifier: MIT
#pragma once
// How a live database differs from the compile-time schema, without changing
// anything in it:
//
//   ctql::schema_differences diff = ctql::schema_diff(db, users, orders);
//   if (!diff.empty()) fmt::print("{}", diff.text());
//
// Each listed table is compared with the database's: its columns (type as the
// dialect declares it, NOT NULL, default), primary key, unique constraints,
// indexes (by name) and foreign keys. Tables of the database that the list
// does not name are reported only when asked (schema_diff_options).
//
// Both sides are first described in the same terms (table_description): the
// schema's from its types, the database's by the backend's reader
// (backend/<name>/schema_reader.hpp: SQLite's PRAGMAs, PostgreSQL's catalogs).
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <ctql/core/type_list.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/expression.hpp>
#include <ctql/render/writer.hpp>
#include <ctql/schema/column_definition.hpp>
#include <ctql/schema/table.hpp>
#include <ctql/schema/table_constraints.hpp>
#include <ctql/stmt/ddl.hpp>

namespace ctql {

struct column_description {
    std::string name;
    std::string type;  // as the dialect spells it in CREATE TABLE: BIGINT, TEXT, TIMESTAMPTZ, ...
    bool not_null = false;
    std::optional<std::string> default_value;  // the SQL text after DEFAULT
};

struct index_description {
    std::string name;
    bool unique = false;
    bool partial = false;
    std::vector<std::string> elements;  // a column's name (with " DESC"), or "(expression)"
    std::string definition;             // the CREATE INDEX text, where the database keeps it as written
};

struct foreign_key_description {
    std::vector<std::string> columns;
    std::string referenced_table;
    std::vector<std::string> referenced_columns;
    std::string on_delete = "NO ACTION";
    std::string on_update = "NO ACTION";
};

struct table_description {
    std::string name;
    std::vector<column_description> columns;
    std::vector<std::string> primary_key;
    std::vector<std::vector<std::string>> unique_keys;  // UNIQUE constraints, the primary key not included
    std::vector<index_description> indexes;             // CREATE INDEX, not those behind constraints
    std::vector<foreign_key_description> foreign_keys;
};

// What a reader found: the tables asked for that exist, and the names of all the database's tables.
struct database_description {
    std::vector<table_description> tables;
    std::vector<std::string> table_names;
    // Whether default expressions and index definitions are kept as they were
    // written (SQLite), so that their text can be compared, or rewritten by
    // the database (PostgreSQL), so that only what they are made of can be.
    bool keeps_text_as_written = false;
};

enum class schema_difference_kind {
    missing_table,
    extra_table,
    missing_column,
    extra_column,
    column_type,
    column_nullability,
    column_default,
    primary_key,
    missing_unique_key,
    extra_unique_key,
    missing_index,
    extra_index,
    index_definition,
    missing_foreign_key,
    extra_foreign_key,
    foreign_key_actions,
};

struct schema_difference {
    schema_difference_kind kind;
    std::string table;
    std::string name;      // the column, index or key concerned (empty for a table)
    std::string expected;  // what the schema declares (empty when it declares nothing)
    std::string actual;    // what the database has (empty when it has nothing)

    // One line, such as: table "users": column "score" has type TEXT, expected REAL
    std::string text() const {
        const std::string where = "table \"" + table + "\": ";
        switch (kind) {
            case schema_difference_kind::missing_table: return "missing table \"" + table + "\"";
            case schema_difference_kind::extra_table: return "extra table \"" + table + "\" (not in the schema)";
            case schema_difference_kind::missing_column:
                return where + "missing column \"" + name + "\" (" + expected + ")";
            case schema_difference_kind::extra_column:
                return where + "extra column \"" + name + "\" (" + actual + ")";
            case schema_difference_kind::column_type:
                return where + "column \"" + name + "\" has type " + actual + ", expected " + expected;
            case schema_difference_kind::column_nullability:
                return where + "column \"" + name + "\" is " + actual + ", expected " + expected;
            case schema_difference_kind::column_default:
                return where + "column \"" + name + "\" has " + actual + ", expected " + expected;
            case schema_difference_kind::primary_key:
                return where + "primary key is " + actual + ", expected " + expected;
            case schema_difference_kind::missing_unique_key: return where + "missing unique key " + expected;
            case schema_difference_kind::extra_unique_key: return where + "extra unique key " + actual;
            case schema_difference_kind::missing_index:
                return where + "missing index \"" + name + "\": " + expected;
            case schema_difference_kind::extra_index: return where + "extra index \"" + name + "\": " + actual;
            case schema_difference_kind::index_definition:
                return where + "index \"" + name + "\" is " + actual + ", expected " + expected;
            case schema_difference_kind::missing_foreign_key: return where + "missing foreign key " + expected;
            case schema_difference_kind::extra_foreign_key: return where + "extra foreign key " + actual;
            case schema_difference_kind::foreign_key_actions:
                return where + "foreign key " + name + " has " + actual + ", expected " + expected;
        }
        return where + name;
    }
};

class schema_differences {
public:
    schema_differences() = default;
    explicit schema_differences(std::vector<schema_difference> items) : items_(std::move(items)) {}

    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    auto begin() const { return items_.begin(); }
    auto end() const { return items_.end(); }
    const schema_difference& operator[](std::size_t i) const { return items_[i]; }

    // Whether a difference of this kind concerns this table (and name, when given).
    bool contains(schema_difference_kind kind, std::string_view table, std::string_view name = {}) const {
        return std::any_of(items_.begin(), items_.end(), [&](const schema_difference& d) {
            return d.kind == kind && d.table == table && (name.empty() || d.name == name);
        });
    }

    // One line per difference; empty when there are none.
    std::string text() const {
        std::string out;
        for (const auto& d : items_) out += d.text() + "\n";
        return out;
    }

private:
    std::vector<schema_difference> items_;
};

struct schema_diff_options {
    // Report the database's tables that the list does not name.
    bool extra_tables = false;
};

namespace detail {

// --- the schema's side ---------------------------------------------------------

template <class Column>
struct column_default_node {
    template <class Writer>
    static constexpr void render(Writer& w) {
        write_default<Writer, Column::default_constraint::value>(w);
    }
};

template <class Dialect, class Column>
column_description describe_column() {
    using value_t = typename Column::value_type;
    column_description c;
    c.name = std::string(Column::ctql_sql_name.view());
    if constexpr (kind_of_v<value_t> == sql_kind::timestamp && contains_v<with_time_zone_t, typename Column::constraints>)
        c.type = std::string(Dialect::timestamp_with_time_zone);
    else
        c.type = std::string(Dialect::template type_name<base_type_t<value_t>>());
    c.not_null = !is_nullable_v<value_t> || Column::is_primary_key;
    if constexpr (!std::is_void_v<typename Column::default_constraint>)
        c.default_value = std::string(render::sql_text_v<column_default_node<Column>, Dialect>);
    return c;
}

template <class... Columns>
std::vector<std::string> column_names(type_list<Columns...>) {
    return {std::string(Columns::ctql_sql_name.view())...};
}

template <class Element>
std::string index_element_text() {
    using traits = index_element_traits<Element>;
    std::string text;
    if constexpr (table_column<typename traits::expression>)
        text = std::string(traits::expression::ctql_sql_name.view());
    else
        text = "(expression)";
    if constexpr (traits::descending) text += " DESC";
    return text;
}
template <fixed_string Name, bool Unique, class Where, class... Elements>
std::vector<std::string> index_elements(type_list<>, index_definition<Name, Unique, Where, Elements...>*) {
    return {index_element_text<Elements>()...};
}

template <class Dialect, class Table, std::size_t I>
void describe_constraint(table_description& t) {
    using constraint = nth_t<I, table_constraint_types_t<Table>>;
    if constexpr (is_index_v<constraint>) {
        index_description index;
        index.name = std::string(constraint::index_name.view());
        index.unique = constraint::is_unique;
        index.partial = constraint::is_partial;
        index.elements = index_elements(type_list<>{}, static_cast<constraint*>(nullptr));
        index.definition = std::string(create_index_statement<Table, I, false>::template sql<Dialect>());
        t.indexes.push_back(std::move(index));
    } else if constexpr (requires { typename constraint::referenced_columns; }) {
        foreign_key_description fk;
        fk.columns = column_names(typename constraint::columns{});
        fk.referenced_table = std::string(constraint::referenced_table::ctql_sql_name.view());
        fk.referenced_columns = column_names(typename constraint::referenced_columns{});
        if constexpr (constraint::on_delete_action != referential_action::unspecified)
            fk.on_delete = std::string(referential_action_sql(constraint::on_delete_action));
        if constexpr (constraint::on_update_action != referential_action::unspecified)
            fk.on_update = std::string(referential_action_sql(constraint::on_update_action));
        t.foreign_keys.push_back(std::move(fk));
    } else if constexpr (requires { typename constraint::key_columns; }) {
        if constexpr (constraint::is_primary_key) t.primary_key = column_names(typename constraint::key_columns{});
        else t.unique_keys.push_back(column_names(typename constraint::key_columns{}));
    }
}

template <class Dialect, class Table, class... Columns, std::size_t... I>
table_description describe_table(type_list<Columns...>, std::index_sequence<I...>) {
    table_description t;
    t.name = std::string(Table::ctql_sql_name.view());
    (t.columns.push_back(describe_column<Dialect, Columns>()), ...);
    const auto column_keys = [&]<class Column>(std::type_identity<Column>) {
        const std::string name(Column::ctql_sql_name.view());
        if constexpr (Column::is_primary_key) t.primary_key = {name};
        if constexpr (Column::is_unique) t.unique_keys.push_back({name});
        if constexpr (!std::is_void_v<typename Column::reference_constraint>) {
            using reference = typename Column::reference_constraint;
            foreign_key_description fk;
            fk.columns = {name};
            fk.referenced_table = std::string(reference::column::table::ctql_sql_name.view());
            fk.referenced_columns = {std::string(reference::column::ctql_sql_name.view())};
            if constexpr (reference::on_delete_action != referential_action::unspecified)
                fk.on_delete = std::string(referential_action_sql(reference::on_delete_action));
            if constexpr (reference::on_update_action != referential_action::unspecified)
                fk.on_update = std::string(referential_action_sql(reference::on_update_action));
            t.foreign_keys.push_back(std::move(fk));
        }
    };
    (column_keys(std::type_identity<Columns>{}), ...);
    (describe_constraint<Dialect, Table, I>(t), ...);
    return t;
}

// The table as the schema declares it, in Dialect's terms.
template <class Dialect, class Table>
table_description describe_declared_table() {
    static_assert(check_table_definition<Table>());
    return describe_table<Dialect, Table>(typename Table::ctql_columns{},
                                          std::make_index_sequence<table_constraint_types_t<Table>::size>{});
}

// --- comparing --------------------------------------------------------------------

inline std::string join_names(const std::vector<std::string>& names) {
    std::string out = "(";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : ", ") + names[i];
    return out + ")";
}

inline std::vector<std::string> sorted(std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    return names;
}

inline std::string describe_column_text(const column_description& c) {
    std::string out = c.type + (c.not_null ? " NOT NULL" : "");
    if (c.default_value) out += " DEFAULT " + *c.default_value;
    return out;
}

inline std::string describe_index_text(const index_description& i) {
    std::string out = i.unique ? "UNIQUE " : "";
    std::string elements = "(";
    for (std::size_t k = 0; k < i.elements.size(); ++k) elements += (k == 0 ? "" : ", ") + i.elements[k];
    out += elements + ")";
    if (i.partial) out += " WHERE ...";
    return out;
}

inline std::string describe_foreign_key_text(const foreign_key_description& fk) {
    return join_names(fk.columns) + " REFERENCES " + fk.referenced_table + " " + join_names(fk.referenced_columns) +
           " ON DELETE " + fk.on_delete + " ON UPDATE " + fk.on_update;
}

// SQL text (a default, an index definition) in a form both sides can be
// compared in: casts (PostgreSQL's '0'::integer), spaces, identifier quotes,
// letter case and enclosing parentheses left out, and a quoted number read as
// the number; quoted text kept as it is.
inline std::string comparable_sql(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\'') {
            const std::size_t start = i;
            for (++i; i < text.size(); ++i) {
                if (text[i] == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;
                else if (text[i] == '\'') break;
            }
            out.append(text.substr(start, i - start + 1));
        } else if (c == ':' && i + 1 < text.size() && text[i + 1] == ':') {
            ++i;
            // the type name: words, spaces between them, and a precision in parentheses
            while (i + 1 < text.size() && (std::isalnum(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '_' ||
                                           text[i + 1] == ' ' || text[i + 1] == '"')) {
                if (text[i + 1] == ' ' && (i + 2 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[i + 2]))))
                    break;
                ++i;
            }
        } else if (!std::isspace(static_cast<unsigned char>(c)) && c != '"') {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    const auto enclosed = [](const std::string& s) {
        if (s.size() < 2 || s.front() != '(' || s.back() != ')') return false;
        int depth = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '(') ++depth;
            if (s[i] == ')' && --depth == 0 && i + 1 != s.size()) return false;
        }
        return true;
    };
    while (enclosed(out)) out = out.substr(1, out.size() - 2);
    if (out.size() >= 2 && out.front() == '\'' && out.back() == '\'') {
        const std::string inner = out.substr(1, out.size() - 2);
        const bool number = !inner.empty() && std::all_of(inner.begin(), inner.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == 'e' || c == '+';
        });
        if (number) out = inner;
    }
    if (out.size() > 2 && out.ends_with(".0") && std::all_of(out.begin(), out.end() - 2, [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || c == '-';
        }))
        out.resize(out.size() - 2);
    return out;
}

inline bool default_is_literal(const std::string& text) {
    const std::string comparable = comparable_sql(text);
    return comparable == "true" || comparable == "false" || (!comparable.empty() && comparable.front() == '\'') ||
           std::all_of(comparable.begin(), comparable.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == 'e' || c == '+';
           });
}

inline void compare_columns(const table_description& want, const table_description& have, bool keeps_text,
                            std::vector<schema_difference>& out) {
    for (const auto& c : want.columns) {
        const auto found = std::find_if(have.columns.begin(), have.columns.end(), [&](const auto& h) { return h.name == c.name; });
        if (found == have.columns.end()) {
            out.push_back({schema_difference_kind::missing_column, want.name, c.name, describe_column_text(c), {}});
            continue;
        }
        // Case aside: PostgreSQL folds an unquoted enum type's name to lower case.
        if (!std::ranges::equal(found->type, c.type, [](unsigned char a, unsigned char b) {
                return std::tolower(a) == std::tolower(b);
            }))
            out.push_back({schema_difference_kind::column_type, want.name, c.name, c.type, found->type});
        if (found->not_null != c.not_null)
            out.push_back({schema_difference_kind::column_nullability, want.name, c.name, c.not_null ? "NOT NULL" : "nullable",
                           found->not_null ? "NOT NULL" : "nullable"});
        const auto default_text = [](const std::optional<std::string>& d) { return d ? "default " + *d : std::string("no default"); };
        if (c.default_value.has_value() != found->default_value.has_value()) {
            out.push_back({schema_difference_kind::column_default, want.name, c.name, default_text(c.default_value),
                           default_text(found->default_value)});
        } else if (c.default_value && (keeps_text || default_is_literal(*c.default_value)) &&
                   comparable_sql(*c.default_value) != comparable_sql(*found->default_value)) {
            out.push_back({schema_difference_kind::column_default, want.name, c.name, default_text(c.default_value),
                           default_text(found->default_value)});
        }
    }
    for (const auto& h : have.columns) {
        const bool declared = std::any_of(want.columns.begin(), want.columns.end(), [&](const auto& c) { return c.name == h.name; });
        if (!declared) out.push_back({schema_difference_kind::extra_column, want.name, h.name, {}, describe_column_text(h)});
    }
}

inline void compare_keys(const table_description& want, const table_description& have, std::vector<schema_difference>& out) {
    if (sorted(want.primary_key) != sorted(have.primary_key))
        out.push_back({schema_difference_kind::primary_key, want.name, {},
                       want.primary_key.empty() ? "none" : join_names(want.primary_key),
                       have.primary_key.empty() ? "none" : join_names(have.primary_key)});
    const auto has_key = [](const std::vector<std::vector<std::string>>& keys, const std::vector<std::string>& key) {
        return std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return sorted(k) == sorted(key); });
    };
    for (const auto& key : want.unique_keys)
        if (!has_key(have.unique_keys, key))
            out.push_back({schema_difference_kind::missing_unique_key, want.name, join_names(key), join_names(key), {}});
    for (const auto& key : have.unique_keys)
        if (!has_key(want.unique_keys, key))
            out.push_back({schema_difference_kind::extra_unique_key, want.name, join_names(key), {}, join_names(key)});
}

inline void compare_indexes(const table_description& want, const table_description& have, bool keeps_text,
                            std::vector<schema_difference>& out) {
    for (const auto& i : want.indexes) {
        const auto found = std::find_if(have.indexes.begin(), have.indexes.end(), [&](const auto& h) { return h.name == i.name; });
        if (found == have.indexes.end()) {
            out.push_back({schema_difference_kind::missing_index, want.name, i.name, i.definition, {}});
        } else if (found->unique != i.unique || found->partial != i.partial || found->elements != i.elements ||
                   (keeps_text && comparable_sql(found->definition) != comparable_sql(i.definition))) {
            out.push_back({schema_difference_kind::index_definition, want.name, i.name,
                           keeps_text ? i.definition : describe_index_text(i),
                           keeps_text ? found->definition : describe_index_text(*found)});
        }
    }
    for (const auto& h : have.indexes) {
        const bool declared = std::any_of(want.indexes.begin(), want.indexes.end(), [&](const auto& i) { return i.name == h.name; });
        if (!declared)
            out.push_back({schema_difference_kind::extra_index, want.name, h.name, {},
                           h.definition.empty() ? describe_index_text(h) : h.definition});
    }
}

inline void compare_foreign_keys(const table_description& want, const table_description& have,
                                 std::vector<schema_difference>& out) {
    const auto same_target = [](const foreign_key_description& a, const foreign_key_description& b) {
        return a.columns == b.columns && a.referenced_table == b.referenced_table && a.referenced_columns == b.referenced_columns;
    };
    for (const auto& fk : want.foreign_keys) {
        const auto found = std::find_if(have.foreign_keys.begin(), have.foreign_keys.end(),
                                        [&](const auto& h) { return same_target(h, fk); });
        if (found == have.foreign_keys.end()) {
            out.push_back({schema_difference_kind::missing_foreign_key, want.name, join_names(fk.columns),
                           describe_foreign_key_text(fk), {}});
        } else if (found->on_delete != fk.on_delete || found->on_update != fk.on_update) {
            out.push_back({schema_difference_kind::foreign_key_actions, want.name,
                           join_names(fk.columns) + " REFERENCES " + fk.referenced_table + " " + join_names(fk.referenced_columns),
                           "ON DELETE " + fk.on_delete + " ON UPDATE " + fk.on_update,
                           "ON DELETE " + found->on_delete + " ON UPDATE " + found->on_update});
        }
    }
    for (const auto& h : have.foreign_keys) {
        const bool declared = std::any_of(want.foreign_keys.begin(), want.foreign_keys.end(),
                                          [&](const auto& fk) { return same_target(h, fk); });
        if (!declared)
            out.push_back({schema_difference_kind::extra_foreign_key, want.name, join_names(h.columns), {},
                           describe_foreign_key_text(h)});
    }
}

inline schema_differences compare_schema(const std::vector<table_description>& declared, const database_description& live,
                                         const schema_diff_options& options) {
    std::vector<schema_difference> out;
    for (const auto& want : declared) {
        const auto found = std::find_if(live.tables.begin(), live.tables.end(), [&](const auto& t) { return t.name == want.name; });
        if (found == live.tables.end()) {
            out.push_back({schema_difference_kind::missing_table, want.name, {}, {}, {}});
            continue;
        }
        compare_columns(want, *found, live.keeps_text_as_written, out);
        compare_keys(want, *found, out);
        compare_indexes(want, *found, live.keeps_text_as_written, out);
        compare_foreign_keys(want, *found, out);
    }
    if (options.extra_tables) {
        for (const auto& name : live.table_names) {
            const bool listed = std::any_of(declared.begin(), declared.end(), [&](const auto& t) { return t.name == name; });
            if (!listed) out.push_back({schema_difference_kind::extra_table, name, {}, {}, {}});
        }
    }
    return schema_differences(std::move(out));
}
}  // namespace detail

// The differences between the tables as declared and as the database `db`
// has them. `db` is a sqlite::connection, a postgres::connection, or an
// engine's connection; each backend's reader is found by argument-dependent
// lookup (read_database_description in ctql::sqlite / ctql::postgres).
template <class Connection, table_type... Tables>
    requires(sizeof...(Tables) > 0)
schema_differences schema_diff(Connection& db, const schema_diff_options& options, const Tables&...) {
    if constexpr (requires { typename Connection::dialect; }) {
        using dialect = typename Connection::dialect;
        std::vector<table_description> declared{detail::describe_declared_table<dialect, Tables>()...};
        std::vector<std::string> names;
        for (const auto& t : declared) names.push_back(t.name);
        return detail::compare_schema(declared, read_database_description(db, names), options);
    } else {
        return db.with_backend([&](auto& backend) { return schema_diff(backend, options, Tables{}...); });
    }
}

template <class Connection, table_type... Tables>
    requires(sizeof...(Tables) > 0)
schema_differences schema_diff(Connection& db, const Tables&... tables) {
    return schema_diff(db, schema_diff_options{}, tables...);
}

}  // namespace ctql
