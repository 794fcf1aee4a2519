// SPDX-License-Identifier: MIT
#pragma once
// SQLite's spelling of identifiers, placeholders and column types, and the
// nodes it spells differently from PostgreSQL.
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <ctql/core/error.hpp>
#include <ctql/core/transaction_options.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/dates.hpp>
#include <ctql/expr/functions.hpp>
#include <ctql/expr/predicates.hpp>
#include <ctql/render/writer.hpp>
#include <ctql/stmt/clauses/paging.hpp>
#include <ctql/stmt/delete.hpp>
#include <ctql/stmt/insert.hpp>

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

    // SQLite has no array type. One check, called wherever a column is created,
    // read or bound, so that every path says the same; a bound value that is
    // no column type (a std::string_view) is not an array either.
    template <class T>
    static constexpr bool storable_v = !requires { requires kind_of_v<T> == sql_kind::array; };
    template <class T>
    static constexpr bool check_storable() {
        static_assert(storable_v<T>,
                      "ctql: SQLite has no array columns: a std::vector<T> column is a PostgreSQL array (T[]); on "
                      "SQLite store the list as ctql::json, or as rows of a table of its own");
        return storable_v<T>;
    }

    // Timestamps and dates are ISO-8601 text: sortable, readable, and
    // understood by SQLite's date functions. A decimal is the INTEGER count of
    // its units (ctql::decimal<10, 2> 19.99 is 1999): exact, and SQL compares,
    // orders, adds and sums it correctly, as the type rules allow only
    // decimals of one scale to meet. A uuid is its 16 bytes, ordered as
    // PostgreSQL orders uuids; JSON is its text. A mapped type is its stored
    // type (a PostgreSQL ENUM's values are TEXT). Arrays have no column type.
    template <storable T>
    static constexpr std::string_view type_name() {
        constexpr sql_kind k = kind_of_v<T>;
        check_storable<T>();
        if constexpr (mapped_type<T>) return type_name<stored_type_t<T>>();
        else if constexpr (k == sql_kind::decimal) return "INTEGER";
        else if constexpr (k == sql_kind::uuid) return "BLOB";
        else if constexpr (k == sql_kind::json) return "TEXT";
        else if constexpr (k == sql_kind::integer || k == sql_kind::boolean) return "INTEGER";
        else if constexpr (k == sql_kind::real) return "REAL";
        else if constexpr (k == sql_kind::text || k == sql_kind::timestamp || k == sql_kind::date) return "TEXT";
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

    // --- writes (stmt/insert.hpp, stmt/delete.hpp)

    // INSERT ... SELECT ... ON CONFLICT: SQLite would read the ON of ON CONFLICT
    // as a join's; a query ending in WHERE leaves no doubt (SQLite's upsert docs).
    template <class Writer, class Target, class Query, class... Columns, class Conflict, class Returning>
        requires(!std::is_same_v<Conflict, no_conflict>)
    static constexpr void render(
        Writer& w,
        std::type_identity<statement_t<insert_kind, Target, insert_select<Query, Columns...>, Conflict, Returning>>) {
        render::node<Target>(w);
        insert_select<Query, Columns...>::render_columns(w);
        w.put("SELECT * FROM (");
        render::node<Query>(w);
        w.put(") WHERE true");
        render::node<Conflict>(w);
        render::node<Returning>(w);
    }

    // SQLite has no DELETE ... USING: the same rows are those for which a row
    // of the other tables meets the condition.
    template <class Writer, class Target, class Keyword, class... Tables, class Condition, class Returning>
    static constexpr void render(Writer& w, std::type_identity<statement_t<delete_kind, Target, extra_tables<Keyword, Tables...>,
                                                                          where_clause<Condition>, Returning>>) {
        render::node<Target>(w);
        w.put(" WHERE EXISTS (SELECT 1 FROM ");
        extra_tables<Keyword, Tables...>::render_tables(w);
        w.put(" WHERE ");
        render::node<Condition>(w);
        w.put(')');
        render::node<Returning>(w);
    }

    // --- dates and times (expr/dates.hpp)
    // A date is the text 'YYYY-MM-DD', a timestamp 'YYYY-MM-DD HH:MM:SS.ffffff'
    // (core/date_text.hpp, core/timestamp_text.hpp). SQLite's date functions
    // compute in milliseconds and round the rest: once one computes with
    // 23:59:59.9996 (a modifier, %w, unixepoch()) it is the next day. Those
    // are handed only the date or the whole seconds of a timestamp; the fields
    // strftime() copies from the text as written (%Y %m %d %H %M %S) take it whole.

    template <class Writer, class Field, class Operand>
    static constexpr void render(Writer& w, std::type_identity<extract_expression<Field, Operand>>) {
        w.put("CAST(strftime('");
        w.put(strftime_field<Field>());
        w.put("', ");
        if constexpr (std::is_same_v<Field, date_field::day_of_week>) render_date_of<Operand>(w);
        else render::node<Operand>(w);
        w.put(") AS INTEGER)");
    }

    // The text of the truncated value is written whole; 'weekday 0' moves to
    // the next Sunday unless it is one, and six days back is its week's Monday.
    template <class Writer, class Unit, class Operand>
    static constexpr void render(Writer& w, std::type_identity<trunc_expression<Unit, Operand>>) {
        w.put("strftime('");
        if constexpr (std::is_same_v<Unit, date_unit::year>) w.put("%Y-01-01");
        else if constexpr (std::is_same_v<Unit, date_unit::month>) w.put("%Y-%m-01");
        else w.put("%Y-%m-%d");
        if constexpr (expr_kind_v<Operand> == sql_kind::timestamp) w.put(" 00:00:00.000000");
        w.put("', ");
        if constexpr (std::is_same_v<Unit, date_unit::week>) {
            render_date_of<Operand>(w);
            w.put(", 'weekday 0', '-6 days'");
        } else {
            render::node<Operand>(w);
        }
        w.put(')');
    }

    template <class Writer, class Operand, class ValueType>
        requires(expr_kind_v<Operand> == sql_kind::date)
    static constexpr void render(Writer& w, std::type_identity<shift_expression<Operand, ValueType>>) {
        w.put("date(");
        render::node<Operand>(w);
        w.put(", printf('%+d days', ");
        w.placeholder();
        w.put("))");
    }

    // In integer microseconds, since the date functions keep only milliseconds:
    //   t = unixepoch(whole seconds of x) * 1000000 + the six fraction digits + ?
    // then seconds = t floor-divided by 10^6 (SQLite's / truncates towards zero,
    // wrong before 1970) formatted by strftime(), '.', and the floored remainder.
    // SQL has no variables, so t is written three times and x twice within it;
    // the copies name their parameters by number (write_again).
    template <class Writer, class Operand, class ValueType>
        requires(expr_kind_v<Operand> == sql_kind::timestamp)
    static constexpr void render(Writer& w, std::type_identity<shift_expression<Operand, ValueType>>) {
        w.put("(strftime('%Y-%m-%d %H:%M:%S', ");
        const sql_mark t = mark(w);
        w.put("(unixepoch(substr(");
        const sql_mark x = mark(w);
        render::node<Operand>(w);
        const sql_mark x_end = mark(w);
        w.put(", 1, 19)) * 1000000 + CAST(substr(");
        write_again(w, x, x_end);
        w.put(", 21, 6) AS INTEGER) + ");
        w.placeholder();
        w.put(')');
        const sql_mark t_end = mark(w);
        w.put(" / 1000000 - (");
        write_again(w, t, t_end);
        w.put(" % 1000000 < 0), 'unixepoch') || '.' || printf('%06d', (");
        write_again(w, t, t_end);
        w.put(" % 1000000 + 1000000) % 1000000))");
    }

    template <class Writer>
    static constexpr void render(Writer& w, std::type_identity<current_date_expression>) {
        w.put("date('now')");
    }
    // %f is seconds with three decimals: the clock has milliseconds.
    template <class Writer>
    static constexpr void render(Writer& w, std::type_identity<current_timestamp_expression>) {
        w.put("strftime('%Y-%m-%d %H:%M:%f000', 'now')");
    }

    // CAST(x AS TEXT) would keep a timestamp's time of day, or leave a date
    // without one; between the two, as on PostgreSQL, the text is rewritten.
    template <class Writer, class T, class Operand>
        requires(kind_of_v<T> == sql_kind::date && expr_kind_v<Operand> == sql_kind::timestamp)
    static constexpr void render(Writer& w, std::type_identity<cast_expression<T, Operand>>) {
        render_date_of<Operand>(w);
    }
    template <class Writer, class T, class Operand>
        requires(kind_of_v<T> == sql_kind::timestamp && expr_kind_v<Operand> == sql_kind::date)
    static constexpr void render(Writer& w, std::type_identity<cast_expression<T, Operand>>) {
        w.put('(');
        ctql::detail::render_operand<Operand>(w, ctql::precedence::unary, false);
        w.put(" || ' 00:00:00.000000')");
    }

private:
    template <class Field>
    static constexpr std::string_view strftime_field() {
        if constexpr (std::is_same_v<Field, date_field::year>) return "%Y";
        else if constexpr (std::is_same_v<Field, date_field::month>) return "%m";
        else if constexpr (std::is_same_v<Field, date_field::day>) return "%d";
        else if constexpr (std::is_same_v<Field, date_field::hour>) return "%H";
        else if constexpr (std::is_same_v<Field, date_field::minute>) return "%M";
        else if constexpr (std::is_same_v<Field, date_field::second>) return "%S";
        else return "%w";
    }

    // The date alone: a timestamp's first ten characters.
    template <class Operand, class Writer>
    static constexpr void render_date_of(Writer& w) {
        if constexpr (expr_kind_v<Operand> == sql_kind::timestamp) {
            w.put("substr(");
            render::node<Operand>(w);
            w.put(", 1, 10)");
        } else {
            render::node<Operand>(w);
        }
    }

    // A point in the SQL being written: its length, and the placeholders in it.
    struct sql_mark {
        std::size_t size;
        int placeholders;
    };
    template <class Writer>
    static constexpr sql_mark mark(const Writer& w) {
        return {w.size, w.placeholders};
    }

    static constexpr std::size_t decimal_digits(int n) {
        std::size_t digits = 1;
        for (; n >= 10; n /= 10) ++digits;
        return digits;
    }

    // Writes the SQL between two marks once more. A plain ? is a new parameter,
    // numbered one past the highest so far; in the copy each is written ?N
    // with the number SQLite gave it, so the copy reads the values already
    // bound. While measuring there is no text to copy, and the length follows
    // from the numbers. Quoted literals and identifiers are copied as they are.
    template <class Writer>
    static constexpr void write_again(Writer& w, sql_mark from, sql_mark to) {
        if (w.out == nullptr) {
            w.size += to.size - from.size;
            for (int n = from.placeholders + 1; n <= to.placeholders; ++n) w.size += decimal_digits(n);
            return;
        }
        int number = from.placeholders;
        char quote = 0;
        for (std::size_t i = from.size; i < to.size; ++i) {
            const char c = w.out[i];
            w.put(c);
            if (quote != 0) {
                if (c == quote) quote = 0;  // a doubled quote closes and reopens: no difference
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '?' && (i + 1 == to.size || w.out[i + 1] < '0' || w.out[i + 1] > '9')) {
                w.put_number(static_cast<std::uint64_t>(++number));
            }
        }
        // Fewer than measured would leave the statement's text short; stop the build instead.
        if (number != to.placeholders) throw "ctql: write_again found a '?' that is not a placeholder";
    }

public:

    // BEGIN for `options`. SQLite's transactions are serializable whatever
    // level is asked for (SQL lets a database give a stronger level than the
    // one requested); it has no read-only or deferrable transactions.
    static std::string begin_statement(const transaction_options& options) {
        if (options.read_only)
            throw interface_error("ctql: SQLite has no read-only transactions; open the connection read-only "
                                  "(sqlite::options{.read_only = true}, or ?mode=ro in an engine URL) instead");
        if (options.deferrable)
            throw interface_error("ctql: DEFERRABLE transactions are PostgreSQL's; SQLite has none");
        switch (options.sqlite_mode) {
            case sqlite_begin_mode::immediate: return "BEGIN IMMEDIATE";
            case sqlite_begin_mode::exclusive: return "BEGIN EXCLUSIVE";
            case sqlite_begin_mode::deferred: break;
        }
        return "BEGIN";
    }
};

}  // namespace ctql::dialect
