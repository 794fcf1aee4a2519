// SPDX-License-Identifier: MIT
#pragma once
// A first draft of a migration, from how the live database differs from the
// declared tables (backend/schema_diff.hpp):
//
//   ctql::migration_draft draft = ctql::migration_from_diff(db, "0004_sync", events, sources);
//   fmt::print("{}", draft.text<ctql::dialect::sqlite>());   // review it, edit it, then keep it in the code
//
// The steps bring the database to the declared schema where that is plain
// DDL: missing tables (in the order their foreign keys need) with their
// indexes, missing columns (add_column), missing indexes, indexes defined
// otherwise (dropped and created again). Columns and indexes the database has
// and the schema does not are dropped, and those steps are destructive. What
// DDL alone cannot settle (a column's type, NULL-ness or default, keys,
// foreign keys) is left in `unhandled`, to be written by hand: SQLite cannot
// alter a column at all, and PostgreSQL's USING clause for a new type needs
// a person's judgement. The draft's down steps undo what it creates; a draft
// that drops anything gets none, since dropped data cannot be brought back.
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <ctql/backend/schema_diff.hpp>
#include <ctql/core/type_list.hpp>
#include <ctql/pipeline/migration.hpp>
#include <ctql/stmt/ddl.hpp>
#include <ctql/stmt/ddl/alter_table.hpp>

namespace ctql {

struct migration_draft {
    ctql::migration migration;
    // Differences no step was written for: to be handled by hand.
    std::vector<schema_difference> unhandled;

    // The steps as SQL for Dialect, with their notes and what is unhandled as comments.
    template <class Dialect>
    std::string text() const {
        std::string out = "-- migration " + migration.id + " (up)\n";
        for (const auto& step : migration.up) {
            if (!step.note().empty()) out += "-- " + step.note() + "\n";
            if (const auto& sql = step.template sql<Dialect>()) out += *sql + ";" + (step.destructive() ? "  -- destructive" : "") + "\n";
        }
        for (const auto& d : unhandled) out += "-- not handled, write by hand: " + d.text() + "\n";
        return out;
    }
};

namespace detail {

inline std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

struct draft_builder {
    const schema_differences& diff;
    migration_steps up;
    migration_steps down;  // in the order they are to run
    std::vector<bool> handled;
    bool drops = false;

    explicit draft_builder(const schema_differences& d) : diff(d), handled(d.size(), false) {}

    // Marks the difference of this kind, table and name handled; whether there was one.
    bool take(schema_difference_kind kind, std::string_view table, std::string_view name = {}) {
        bool found = false;
        for (std::size_t i = 0; i < diff.size(); ++i) {
            if (diff[i].kind == kind && diff[i].table == table && (name.empty() || diff[i].name == name)) {
                handled[i] = true;
                found = true;
            }
        }
        return found;
    }

    template <class Table, bool IfNotExists>
    void visit(const create_table_statement<Table, IfNotExists>& s) {
        if (!take(schema_difference_kind::missing_table, Table::ctql_sql_name.view())) return;
        up.push_back(migration_step(s));
        down.insert(down.begin(), migration_step(drop_table_statement<Table, false>{}));
    }

    template <class Table, std::size_t I, bool IfNotExists>
    void visit(const create_index_statement<Table, I, IfNotExists>& s) {
        using index = typename create_index_statement<Table, I, IfNotExists>::index;
        const std::string_view table = Table::ctql_sql_name.view();
        const std::string_view name = index::index_name.view();
        const bool table_created = diff.contains(schema_difference_kind::missing_table, table);
        if (table_created) {
            up.push_back(migration_step(s));  // dropped with its table on the way down
        } else if (take(schema_difference_kind::missing_index, table, name)) {
            up.push_back(migration_step(s));
            down.insert(down.begin(), migration_step(drop_index_statement<Table, I>{}));
        } else if (take(schema_difference_kind::index_definition, table, name)) {
            up.push_back(migration_step(drop_index_statement<Table, I, false>{})
                             .set_note("index \"" + std::string(name) + "\" is defined otherwise in the database: "
                                       "dropped and created again")
                             .set_destructive(true));
            up.push_back(migration_step(s));
            drops = true;
        }
    }

    template <class Table, class Column>
    void add_missing_column() {
        const std::string_view table = Table::ctql_sql_name.view();
        const std::string_view name = Column::ctql_sql_name.view();
        if (diff.contains(schema_difference_kind::missing_table, table)) return;
        if (!diff.contains(schema_difference_kind::missing_column, table, name)) return;
        if constexpr (!Column::is_primary_key) {
            take(schema_difference_kind::missing_column, table, name);
            migration_step step(add_column_statement<Column>{});
            if constexpr (Column::required_in_insert)
                step.set_note("column \"" + std::string(name) + "\" is NOT NULL without a default: adding it fails "
                              "on SQLite, and on PostgreSQL when the table has rows; add it nullable, fill it, "
                              "then make it NOT NULL, or give it a default");
            up.push_back(std::move(step));
            down.insert(down.begin(), migration_step(drop_column_statement<Column>{}));
        }
    }

    template <class Table, class... Columns>
    void add_missing_columns(type_list<Columns...>) {
        (add_missing_column<Table, Columns>(), ...);
    }

    // What the database has and the schema does not: dropped, destructively.
    // Indexes first: SQLite drops no column an index uses.
    void drop_extras() {
        for (const auto kind : {schema_difference_kind::extra_index, schema_difference_kind::extra_column})
            drop_extras(kind);
    }
    void drop_extras(schema_difference_kind kind) {
        for (std::size_t i = 0; i < diff.size(); ++i) {
            const schema_difference& d = diff[i];
            if (d.kind != kind) continue;
            if (d.kind == schema_difference_kind::extra_index) {
                up.push_back(sql_step("DROP INDEX " + quote_identifier(d.name))
                                 .set_note("index \"" + d.name + "\" of table \"" + d.table + "\" is not declared"));
            } else if (d.kind == schema_difference_kind::extra_column) {
                up.push_back(sql_step("ALTER TABLE " + quote_identifier(d.table) + " DROP COLUMN " + quote_identifier(d.name))
                                 .set_note("column \"" + d.name + "\" of table \"" + d.table +
                                           "\" is not declared: dropping it loses its data"));
            } else {
                continue;
            }
            up.back().set_destructive(true);
            handled[i] = true;
            drops = true;
        }
    }
};

}  // namespace detail

// The draft of a migration `id` that brings the database `db` (any
// connection) to the declared `tables`.
template <class Connection, table_type... Tables>
    requires(sizeof...(Tables) > 0)
migration_draft migration_from_diff(Connection& db, std::string id, const Tables&... tables) {
    const schema_differences diff = schema_diff(db, tables...);
    detail::draft_builder builder(diff);
    create_all(tables...).for_each([&](const auto& statement) { builder.visit(statement); });
    (builder.add_missing_columns<Tables>(typename Tables::ctql_columns{}), ...);
    builder.drop_extras();
    migration_draft draft;
    draft.migration.id = std::move(id);
    draft.migration.up = std::move(builder.up);
    if (!builder.drops) draft.migration.down = std::move(builder.down);
    for (std::size_t i = 0; i < diff.size(); ++i)
        if (!builder.handled[i]) draft.unhandled.push_back(diff[i]);
    return draft;
}

}  // namespace ctql
