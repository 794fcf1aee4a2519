#pragma once
// SQLite's spelling of identifiers, placeholders and column types, and the
// nodes it spells differently from PostgreSQL.
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/functions.hpp>
#include <ctql/expr/predicates.hpp>
#include <ctql/render/writer.hpp>
#include <ctql/stmt/clauses/paging.hpp>

namespace ctql::dialect {

struct sqlite {
    static constexpr std::string_view name = "sqlite";

    template <class Writer>
    static constexpr void write_identifier(Writer& w, std::string_view name) {
        w.put('"');
        w.put(name);
        w.put('"');
    }

    template <class Writer>
    static constexpr void write_placeholder(Writer& w, int) {
        w.put('?');
    }

    // Timestamps are ISO-8601 text: sortable, readable, and understood by SQLite's date functions.
    template <storable T>
    static constexpr std::string_view type_name() {
        constexpr sql_kind k = kind_of_v<T>;
        if constexpr (k == sql_kind::integer || k == sql_kind::boolean) return "INTEGER";
        else if constexpr (k == sql_kind::real) return "REAL";
        else if constexpr (k == sql_kind::text || k == sql_kind::timestamp) return "TEXT";
        else return "BLOB";
    }

    static constexpr std::string_view timestamp_with_time_zone = "TEXT";

    // `INTEGER PRIMARY KEY` aliases SQLite's rowid, which assigns keys itself.
    template <class Writer, storable T>
    static constexpr void write_generated_primary_key(Writer& w) {
        w.put("INTEGER PRIMARY KEY");
    }

    // SQLite's scalar max() / min() with several arguments are GREATEST / LEAST.
    template <class Writer, class ValueType, class... Args>
    static constexpr void render(Writer& w, std::type_identity<function_call<fn::greatest, ValueType, Args...>>) {
        w.put("MAX(");
        function_call<fn::greatest, ValueType, Args...>::render_arguments(w);
        w.put(')');
    }
    template <class Writer, class ValueType, class... Args>
    static constexpr void render(Writer& w, std::type_identity<function_call<fn::least, ValueType, Args...>>) {
        w.put("MIN(");
        function_call<fn::least, ValueType, Args...>::render_arguments(w);
        w.put(')');
    }

    // No ILIKE: LIKE of both sides in lower case (ASCII letters only, where
    // PostgreSQL's ILIKE folds every letter).
    template <class Writer, class Operand, class Pattern>
    static constexpr void render(Writer& w, std::type_identity<like_expression<match::ilike, Operand, Pattern>>) {
        w.put("LOWER(");
        render::node<Operand>(w);
        w.put(") LIKE LOWER(");
        render::node<Pattern>(w);
        w.put(") ESCAPE '\\'");
    }

    // A run-time list arrives as one JSON text: IN (SELECT value FROM json_each(?)).
    template <class Writer, class Operand, bool Negated, class T>
    static constexpr void render(Writer& w, std::type_identity<in_array<Operand, Negated, T>>) {
        ctql::detail::render_operand<Operand>(w, ctql::precedence::comparison, true);
        w.put(Negated ? " NOT IN (SELECT value FROM json_each(" : " IN (SELECT value FROM json_each(");
        w.placeholder();
        w.put("))");
    }

    // SQLite accepts OFFSET only after a LIMIT; LIMIT -1 is "no limit".
    template <class Writer, class Offset>
        requires(!std::is_same_v<Offset, no_count>)
    static constexpr void render(Writer& w, std::type_identity<paging<no_count, Offset>>) {
        w.put(" LIMIT -1");
        render::node<Offset>(w);
    }
};

}  // namespace ctql::dialect
