// SPDX-License-Identifier: MIT
#pragma once
// Reads a SQL template once, at compile time: numbers its placeholders (one
// number per name) and, for the subset ctql resolves, records its tables,
// column references, selected items and which column each placeholder meets,
// then resolves every name against the schema. The result is plain data; the
// types are made from it in pipeline/sql_template.hpp.
//
// The resolved subset (also in docs/pipeline.md):
//   SELECT [DISTINCT|ALL] item, ... FROM t [[AS] a] {, t [[AS] a] | [INNER|LEFT [OUTER]|CROSS] JOIN t [[AS] a] [ON cond]}
//          [WHERE cond] [GROUP BY expr, ...] [HAVING cond] [ORDER BY expr [ASC|DESC] [NULLS FIRST|LAST], ...]
//          [LIMIT expr] [OFFSET expr]
//   INSERT INTO t (c, ...) VALUES (expr, ...), ...
//   UPDATE t [[AS] a] SET c = expr, ... [WHERE cond]
//   DELETE FROM t [[AS] a] [WHERE cond]
// item: * | t.* | column [[AS] name] | COUNT(*) | COUNT([DISTINCT] column) | SUM|AVG([DISTINCT] column) | MIN|MAX(column),
// each with an optional [AS] name. Expressions: columns, placeholders, numbers, strings, NULL, TRUE,
// FALSE, parentheses, unary minus, + - * / % ||, comparisons, [NOT] LIKE, [NOT] IN (list),
// [NOT] BETWEEN, IS [NOT] NULL, NOT, AND, OR, and the aggregates above. Anything else (a
// function call, CASE, a subquery, WITH, UNION, RETURNING, ON CONFLICT, a cast, RIGHT/FULL
// joins...) leaves the template outside the subset: it is still scanned for
// placeholders, and its inputs and outputs are declared by the user.
#include <array>
#include <cstddef>
#include <string_view>

#include <ctql/pipeline/sql_template_lexer.hpp>

namespace ctql::detail::sqlt {

inline constexpr std::size_t max_uses = 64;     // placeholders in the text
inline constexpr std::size_t max_params = 32;   // distinct placeholder names
inline constexpr std::size_t max_outputs = 32;  // selected items
inline constexpr std::size_t max_refs = 128;    // column references
inline constexpr std::size_t max_sources = 8;   // tables in FROM / JOIN

// One table of the schema the template may name.
struct table_schema {
    std::string_view name;
    const std::string_view* columns = nullptr;
    std::size_t column_count = 0;
};

enum class statement_kind : unsigned char { other, select, insert, update, remove };
enum class aggregate_kind : unsigned char {
    none, count_all, count, count_distinct, sum, sum_distinct, avg, avg_distinct, min, max
};

struct source {
    std::string_view table;  // as written (may be "quoted")
    std::string_view alias;
    std::size_t offset = 0;
    int table_index = -1;
    bool nullable = false;  // the right side of a LEFT JOIN
};

struct column_ref {
    std::string_view qualifier;  // empty when unqualified
    std::string_view name;
    std::size_t offset = 0;      // of the reference as written
    std::size_t length = 0;
    bool may_name_output = false;  // GROUP BY / ORDER BY may name a selected item
    bool target_only = false;      // INSERT's column list, UPDATE's SET: the target table's columns
    int source = -1;
    int column = -1;
    bool expanded = false;  // made from a `*`, resolved already
};

struct output {
    std::string_view alias;  // empty: no AS
    int ref = -1;            // -1 for COUNT(*)
    aggregate_kind aggregate = aggregate_kind::none;
    bool star = false;             // `*` or `t.*`, expanded when the tables are known
    std::string_view star_table;   // t of `t.*`
    std::size_t offset = 0;
};

struct param {
    std::string_view name;  // without the colon
    int ref = -1;           // the column it is compared with or assigned to
    aggregate_kind aggregate = aggregate_kind::none;  // ... or the aggregate of that column (HAVING SUM(c) > :p)
    bool assigned = false;  // SET c = :p / VALUES: the column's own type, NULL allowed
    bool limit = false;     // LIMIT / OFFSET: a count
};

struct analysis {
    problem error = problem::none;
    std::size_t error_offset = 0;
    std::string_view error_text;

    statement_kind kind = statement_kind::other;
    bool resolved = false;
    std::size_t stopped_at = 0;  // where the subset parser stopped, when not resolved

    std::array<std::size_t, max_uses> use_offset{};
    std::array<std::size_t, max_uses> use_length{};
    std::array<int, max_uses> use_param{};
    std::size_t use_count = 0;
    std::array<param, max_params> params{};
    std::size_t param_count = 0;

    std::array<source, max_sources> sources{};
    std::size_t source_count = 0;
    std::array<column_ref, max_refs> refs{};
    std::size_t ref_count = 0;
    std::array<output, max_outputs> outputs{};
    std::size_t output_count = 0;
};

// A name as SQL reads it: "quoted" exactly, bare case-insensitively.
constexpr bool names_match(std::string_view written, std::string_view schema_name) {
    if (written.size() >= 2 && written.front() == '"') return written.substr(1, written.size() - 2) == schema_name;
    return same_word(written, schema_name);
}

// Numbers the placeholders; sets the error on a lexical problem.
constexpr void number_placeholders(std::string_view text, analysis& a) {
    lexer lex{text};
    for (token t = lex.next(); t.kind != token_kind::end; t = lex.next()) {
        if (t.kind == token_kind::error) {
            a.error = lex.error;
            a.error_offset = lex.error_offset;
            a.error_text = text.substr(lex.error_offset, 24);
            return;
        }
        if (t.kind != token_kind::placeholder) continue;
        const std::string_view name = text.substr(t.offset + 1, t.length - 1);
        std::size_t p = 0;
        while (p < a.param_count && a.params[p].name != name) ++p;
        if (a.use_count == max_uses || (p == a.param_count && p == max_params)) {
            a.error = problem::too_many_placeholders;
            a.error_offset = t.offset;
            a.error_text = text.substr(t.offset, t.length);
            return;
        }
        if (p == a.param_count) a.params[a.param_count++].name = name;
        a.use_offset[a.use_count] = t.offset;
        a.use_length[a.use_count] = t.length;
        a.use_param[a.use_count] = static_cast<int>(p);
        ++a.use_count;
    }
}

// What a parsed operand is, for typing placeholders by the column they meet.
struct operand {
    int ref = -1;    // a bare column reference (or the column of an aggregate)
    int param = -1;  // a bare placeholder
    aggregate_kind aggregate = aggregate_kind::none;
    constexpr bool typed() const { return ref >= 0 || aggregate == aggregate_kind::count_all; }
};

class parser {
public:
    constexpr parser(std::string_view text, analysis& a) : text_(text), lex_{text}, a_(a) { advance(); }

    // Parses the statement; false when it is outside the subset (stopped_at says where).
    constexpr bool statement() {
        bool ok = false;
        if (keyword("SELECT")) ok = select();
        else if (keyword("INSERT")) ok = insert();
        else if (keyword("UPDATE")) ok = update();
        else if (keyword("DELETE")) ok = remove();
        if (ok) {
            punct(";");
            ok = cur_.kind == token_kind::end;
        }
        if (!ok) a_.stopped_at = cur_.offset;
        return ok;
    }

private:
    std::string_view text_;
    lexer lex_;
    analysis& a_;
    token cur_{};

    constexpr void advance() { cur_ = lex_.next(); }
    constexpr std::string_view text(const token& t) const { return text_.substr(t.offset, t.length); }
    constexpr bool is_keyword(std::string_view k) const { return cur_.kind == token_kind::word && same_word(text(cur_), k); }
    constexpr bool keyword(std::string_view k) {
        if (!is_keyword(k)) return false;
        advance();
        return true;
    }
    constexpr bool is_punct(std::string_view p) const { return cur_.kind == token_kind::punct && text(cur_) == p; }
    constexpr bool punct(std::string_view p) {
        if (!is_punct(p)) return false;
        advance();
        return true;
    }

    // Words that end a select item, a table reference or an expression: never an alias or a column.
    static constexpr bool reserved(std::string_view w) {
        constexpr std::string_view words[] = {
            "ALL",    "AND",     "AS",     "ASC",       "BETWEEN",   "BY",     "CASE",    "CAST",      "CROSS",
            "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "DEFAULT", "DELETE", "DESC", "DISTINCT", "ELSE",
            "END",    "EXCEPT",  "EXISTS", "FALSE",     "FETCH",     "FOR",    "FROM",    "FULL",      "GROUP",
            "HAVING", "ILIKE",   "IN",     "INNER",     "INSERT",    "INTERSECT", "INTERVAL", "INTO",   "IS",
            "JOIN",   "LEFT",    "LIKE",   "LIMIT",     "NATURAL",   "NOT",    "NULL",    "NULLS",     "OFFSET",
            "ON",     "OR",      "ORDER",  "OUTER",     "RETURNING", "RIGHT",  "SELECT",  "SET",       "THEN",
            "TRUE",   "UNION",   "UPDATE", "USING",     "VALUES",    "WHEN",   "WHERE",   "WINDOW",    "WITH"};
        for (std::string_view k : words)
            if (same_word(w, k)) return true;
        return false;
    }

    constexpr bool is_name() const {
        return cur_.kind == token_kind::quoted_word || (cur_.kind == token_kind::word && !reserved(text(cur_)));
    }

    constexpr bool add_ref(column_ref r, int& index) {
        if (a_.ref_count == max_refs) return false;
        index = static_cast<int>(a_.ref_count);
        a_.refs[a_.ref_count++] = r;
        return true;
    }

    // name | qualifier.name
    constexpr bool column_reference(int& index, bool may_name_output = false) {
        if (!is_name()) return false;
        const token first = cur_;
        advance();
        column_ref r;
        r.offset = first.offset;
        r.may_name_output = may_name_output;
        if (is_punct(".")) {
            advance();
            if (!is_name()) return false;
            r.qualifier = text(first);
            r.name = text(cur_);
            r.length = cur_.offset + cur_.length - first.offset;
            advance();
        } else {
            r.name = text(first);
            r.length = first.length;
        }
        return add_ref(r, index);
    }

    constexpr bool optional_alias(std::string_view& alias) {
        if (keyword("AS")) {
            if (!is_name()) return false;
        } else if (!is_name()) {
            return true;
        }
        alias = text(cur_);
        advance();
        return true;
    }

    constexpr bool table_reference(bool nullable) {
        if (!is_name() || a_.source_count == max_sources) return false;
        source s;
        s.table = text(cur_);
        s.offset = cur_.offset;
        s.nullable = nullable;
        advance();
        if (is_punct(".")) return false;  // schema-qualified names are outside the subset
        if (!optional_alias(s.alias)) return false;
        a_.sources[a_.source_count++] = s;
        return true;
    }

    constexpr bool from_list() {
        if (!table_reference(false)) return false;
        for (;;) {
            if (punct(",")) {
                if (!table_reference(false)) return false;
                continue;
            }
            bool left = false, on = true;
            if (keyword("LEFT")) {
                left = true;
                keyword("OUTER");
            } else if (keyword("CROSS")) {
                on = false;
            } else {
                keyword("INNER");
            }
            if (!keyword("JOIN")) return !left && on;  // LEFT or CROSS must be followed by JOIN
            if (!table_reference(left)) return false;
            if (on) {
                operand ignored;
                if (!keyword("ON") || !condition(ignored)) return false;
            }
        }
    }

    static constexpr aggregate_kind aggregate_named(std::string_view w) {
        if (same_word(w, "COUNT")) return aggregate_kind::count;
        if (same_word(w, "SUM")) return aggregate_kind::sum;
        if (same_word(w, "AVG")) return aggregate_kind::avg;
        if (same_word(w, "MIN")) return aggregate_kind::min;
        if (same_word(w, "MAX")) return aggregate_kind::max;
        return aggregate_kind::none;
    }

    // At a word followed by '(': an aggregate of a column, or outside the subset.
    constexpr bool aggregate_call(aggregate_kind& kind, int& ref) {
        kind = aggregate_named(text(cur_));
        if (kind == aggregate_kind::none) return false;
        advance();
        if (!punct("(")) return false;
        if (kind == aggregate_kind::count && punct("*")) {
            kind = aggregate_kind::count_all;
            ref = -1;
            return punct(")");
        }
        if (keyword("DISTINCT")) {
            if (kind == aggregate_kind::count) kind = aggregate_kind::count_distinct;
            else if (kind == aggregate_kind::sum) kind = aggregate_kind::sum_distinct;
            else if (kind == aggregate_kind::avg) kind = aggregate_kind::avg_distinct;
            else return false;
        }
        if (!column_reference(ref)) return false;
        return punct(")");
    }

    constexpr bool next_is_call() const {
        if (cur_.kind != token_kind::word) return false;
        lexer look = lex_;
        const token t = look.next();
        return t.kind == token_kind::punct && text(t) == "(";
    }

    constexpr bool select_item() {
        if (a_.output_count == max_outputs) return false;
        output o;
        o.offset = cur_.offset;
        if (punct("*")) {
            o.star = true;
            a_.outputs[a_.output_count++] = o;
            return true;
        }
        if (is_name()) {
            lexer look = lex_;
            const token dot = look.next();
            const token star = look.next();
            if (dot.kind == token_kind::punct && text(dot) == "." && star.kind == token_kind::punct && text(star) == "*") {
                o.star = true;
                o.star_table = text(cur_);
                advance();
                advance();
                advance();
                a_.outputs[a_.output_count++] = o;
                return true;
            }
        }
        if (next_is_call()) {
            if (!aggregate_call(o.aggregate, o.ref)) return false;
        } else if (!column_reference(o.ref)) {
            return false;
        }
        if (is_punct(".") || is_punct("*")) return false;
        if (!optional_alias(o.alias)) return false;
        a_.outputs[a_.output_count++] = o;
        return true;
    }

    // The first column (or aggregate) a placeholder meets gives it its type.
    constexpr void link(int p, const operand& typed, bool assigned) {
        if (p < 0 || !typed.typed()) return;
        param& target = a_.params[static_cast<std::size_t>(p)];
        if (target.ref >= 0 || target.aggregate != aggregate_kind::none || target.limit) return;
        target.ref = typed.ref;
        target.aggregate = typed.aggregate;
        target.assigned = assigned;
    }
    constexpr void meet(const operand& x, const operand& y) {
        link(x.param, y, false);
        link(y.param, x, false);
    }

    constexpr int param_index(const token& t) const {
        const std::string_view name = text_.substr(t.offset + 1, t.length - 1);
        for (std::size_t p = 0; p < a_.param_count; ++p)
            if (a_.params[p].name == name) return static_cast<int>(p);
        return -1;
    }

    constexpr bool primary(operand& o, bool may_name_output) {
        o = {};
        switch (cur_.kind) {
        case token_kind::number:
        case token_kind::string:
        case token_kind::dollar_string:
            advance();
            return true;
        case token_kind::placeholder:
            o.param = param_index(cur_);
            advance();
            return true;
        case token_kind::punct:
            if (punct("(")) {
                if (is_keyword("SELECT")) return false;
                operand inner;
                if (!condition(inner)) return false;
                o = inner;
                return punct(")");
            }
            return false;
        case token_kind::word:
            if (keyword("NULL") || keyword("TRUE") || keyword("FALSE")) return true;
            if (next_is_call()) return aggregate_call(o.aggregate, o.ref);
            return column_reference(o.ref, may_name_output);
        case token_kind::quoted_word:
            return column_reference(o.ref, may_name_output);
        default:
            return false;
        }
    }

    constexpr bool unary(operand& o, bool may_name_output) {
        if (punct("-") || punct("+")) {
            if (!unary(o, may_name_output)) return false;
            o.ref = -1;  // -column is no longer the column
            o.aggregate = aggregate_kind::none;
            return true;
        }
        return primary(o, may_name_output);
    }

    constexpr bool arithmetic(operand& o, bool may_name_output = false) {
        if (!unary(o, may_name_output)) return false;
        while (is_punct("+") || is_punct("-") || is_punct("*") || is_punct("/") || is_punct("%") || is_punct("||")) {
            advance();
            operand rhs;
            if (!unary(rhs, may_name_output)) return false;
            meet(o, rhs);  // :p + column: the column's type
            o = {};
        }
        if (cur_.kind == token_kind::cast) return false;
        return true;
    }

    constexpr bool predicate(operand& o) {
        if (!arithmetic(o)) return false;
        if (is_punct("=") || is_punct("<>") || is_punct("!=") || is_punct("<") || is_punct("<=") || is_punct(">") ||
            is_punct(">=")) {
            advance();
            operand rhs;
            if (!arithmetic(rhs)) return false;
            meet(o, rhs);
            o = {};
            return true;
        }
        if (keyword("IS")) {
            keyword("NOT");
            o = {};
            return keyword("NULL");
        }
        const bool negated = keyword("NOT");
        if (keyword("LIKE")) {
            operand rhs;
            if (!arithmetic(rhs)) return false;
            meet(o, rhs);
        } else if (keyword("IN")) {
            if (!punct("(") || is_keyword("SELECT")) return false;
            do {
                operand item;
                if (!arithmetic(item)) return false;
                meet(o, item);
            } while (punct(","));
            if (!punct(")")) return false;
        } else if (keyword("BETWEEN")) {
            operand low, high;
            if (!arithmetic(low) || !keyword("AND") || !arithmetic(high)) return false;
            meet(o, low);
            meet(o, high);
        } else if (negated) {
            return false;
        } else {
            return true;
        }
        o = {};
        return true;
    }

    constexpr bool negation(operand& o) {
        if (keyword("NOT")) {
            o = {};
            operand inner;
            return negation(inner);
        }
        return predicate(o);
    }

    constexpr bool conjunction(operand& o) {
        if (!negation(o)) return false;
        while (keyword("AND")) {
            o = {};
            operand rhs;
            if (!negation(rhs)) return false;
        }
        return true;
    }

    constexpr bool condition(operand& o) {
        if (!conjunction(o)) return false;
        while (keyword("OR")) {
            o = {};
            operand rhs;
            if (!conjunction(rhs)) return false;
        }
        return true;
    }

    constexpr bool count_expression() {
        operand o;
        if (!arithmetic(o)) return false;
        if (o.param >= 0) {
            param& target = a_.params[static_cast<std::size_t>(o.param)];
            if (target.ref < 0 && target.aggregate == aggregate_kind::none) target.limit = true;
        }
        return true;
    }

    constexpr bool select() {
        a_.kind = statement_kind::select;
        if (!keyword("DISTINCT")) keyword("ALL");
        do {
            if (!select_item()) return false;
        } while (punct(","));
        if (!keyword("FROM") || !from_list()) return false;
        operand ignored;
        if (keyword("WHERE") && !condition(ignored)) return false;
        if (keyword("GROUP")) {
            if (!keyword("BY")) return false;
            do {
                if (!arithmetic(ignored, true)) return false;
            } while (punct(","));
        }
        if (keyword("HAVING") && !condition(ignored)) return false;
        if (keyword("ORDER")) {
            if (!keyword("BY")) return false;
            do {
                if (!arithmetic(ignored, true)) return false;
                if (!keyword("ASC")) keyword("DESC");
                if (keyword("NULLS") && !keyword("FIRST") && !keyword("LAST")) return false;
            } while (punct(","));
        }
        if (keyword("LIMIT") && !count_expression()) return false;
        if (keyword("OFFSET") && !count_expression()) return false;
        return true;
    }

    constexpr bool target(bool allow_alias) {
        if (!is_name()) return false;
        source s;
        s.table = text(cur_);
        s.offset = cur_.offset;
        advance();
        if (is_punct(".")) return false;
        if (allow_alias && !optional_alias(s.alias)) return false;
        a_.sources[a_.source_count++] = s;
        return true;
    }

    constexpr bool target_column(int& ref) {
        if (!column_reference(ref)) return false;
        a_.refs[static_cast<std::size_t>(ref)].target_only = true;
        return true;
    }

    constexpr bool insert() {
        a_.kind = statement_kind::insert;
        if (!keyword("INTO") || !target(false) || !punct("(")) return false;
        std::array<int, max_outputs> columns{};
        std::size_t column_count = 0;
        do {
            if (column_count == columns.size() || !target_column(columns[column_count++])) return false;
        } while (punct(","));
        if (!punct(")") || !keyword("VALUES")) return false;
        do {
            if (!punct("(")) return false;
            std::size_t i = 0;
            do {
                operand value;
                if (i == column_count || !arithmetic(value)) return false;
                link(value.param, operand{columns[i++]}, true);
            } while (punct(","));
            if (i != column_count || !punct(")")) return false;
        } while (punct(","));
        return true;
    }

    constexpr bool update() {
        a_.kind = statement_kind::update;
        if (!target(true) || !keyword("SET")) return false;
        do {
            int column = -1;
            operand value;
            if (!target_column(column) || !punct("=") || !arithmetic(value)) return false;
            link(value.param, operand{column}, true);
        } while (punct(","));
        operand ignored;
        if (keyword("WHERE") && !condition(ignored)) return false;
        return true;
    }

    constexpr bool remove() {
        a_.kind = statement_kind::remove;
        if (!keyword("FROM") || !target(true)) return false;
        operand ignored;
        if (keyword("WHERE") && !condition(ignored)) return false;
        return true;
    }
};

constexpr void fail(analysis& a, problem p, std::size_t offset, std::string_view text) {
    a.error = p;
    a.error_offset = offset;
    a.error_text = text;
}

// Whether `qualifier` names source s (its alias, or its table when it has none).
constexpr bool qualifies(std::string_view qualifier, const source& src, const table_schema* tables) {
    return src.alias.empty() ? names_match(qualifier, tables[src.table_index].name)
                             : same_word(qualifier, src.alias) || qualifier == src.alias;
}

// Replaces `*` and `t.*` by the columns they stand for, in table and column order.
constexpr bool expand_stars(analysis& a, const table_schema* tables) {
    std::array<output, max_outputs> expanded{};
    std::size_t count = 0;
    for (std::size_t o = 0; o < a.output_count; ++o) {
        const output& item = a.outputs[o];
        if (!item.star) {
            if (count == max_outputs) {
                fail(a, problem::too_many_columns, item.offset, "*");
                return false;
            }
            expanded[count++] = item;
            continue;
        }
        bool found = false;
        for (std::size_t s = 0; s < a.source_count; ++s) {
            if (!item.star_table.empty() && !qualifies(item.star_table, a.sources[s], tables)) continue;
            found = true;
            const table_schema& t = tables[a.sources[s].table_index];
            for (std::size_t c = 0; c < t.column_count; ++c) {
                if (count == max_outputs || a.ref_count == max_refs) {
                    fail(a, problem::too_many_columns, item.offset, "*");
                    return false;
                }
                column_ref ref;
                ref.name = t.columns[c];
                ref.offset = item.offset;
                ref.source = static_cast<int>(s);
                ref.column = static_cast<int>(c);
                ref.expanded = true;
                a.refs[a.ref_count] = ref;
                output column;
                column.ref = static_cast<int>(a.ref_count++);
                expanded[count++] = column;
            }
        }
        if (!found) {
            fail(a, problem::unknown_table_or_alias, item.offset, item.star_table);
            return false;
        }
    }
    a.outputs = expanded;
    a.output_count = count;
    return true;
}

// Resolves tables, then columns, against the schema; the first unknown name is the error.
constexpr void resolve(std::string_view text, analysis& a, const table_schema* tables, std::size_t table_count) {
    for (std::size_t s = 0; s < a.source_count; ++s) {
        source& src = a.sources[s];
        for (std::size_t t = 0; t < table_count && src.table_index < 0; ++t)
            if (names_match(src.table, tables[t].name)) src.table_index = static_cast<int>(t);
        if (src.table_index < 0) return fail(a, problem::unknown_table, src.offset, src.table);
    }
    const auto column_of = [&](std::size_t s, std::string_view name) {
        const table_schema& t = tables[a.sources[s].table_index];
        for (std::size_t c = 0; c < t.column_count; ++c)
            if (names_match(name, t.columns[c])) return static_cast<int>(c);
        return -1;
    };
    if (!expand_stars(a, tables)) return;
    for (std::size_t r = 0; r < a.ref_count; ++r) {
        column_ref& ref = a.refs[r];
        if (ref.expanded) continue;
        const std::string_view written = text.substr(ref.offset, ref.length);
        const std::size_t searched = ref.target_only ? 1 : a.source_count;
        if (!ref.qualifier.empty()) {
            for (std::size_t s = 0; s < searched && ref.source < 0; ++s) {
                if (qualifies(ref.qualifier, a.sources[s], tables)) ref.source = static_cast<int>(s);
            }
            if (ref.source < 0) return fail(a, problem::unknown_table_or_alias, ref.offset, ref.qualifier);
            ref.column = column_of(static_cast<std::size_t>(ref.source), ref.name);
            if (ref.column < 0) return fail(a, problem::unknown_column, ref.offset, written);
            continue;
        }
        int matches = 0;
        for (std::size_t s = 0; s < searched; ++s) {
            const int c = column_of(s, ref.name);
            if (c < 0) continue;
            if (++matches == 1) {
                ref.source = static_cast<int>(s);
                ref.column = c;
            }
        }
        if (matches > 1) return fail(a, problem::ambiguous_column, ref.offset, written);
        if (matches == 1) continue;
        bool output_name = false;
        for (std::size_t o = 0; o < a.output_count && ref.may_name_output; ++o)
            output_name = output_name || (!a.outputs[o].alias.empty() && names_match(ref.name, a.outputs[o].alias));
        if (!output_name) return fail(a, problem::unknown_column, ref.offset, written);
    }
}

// The whole reading of a template against `tables`.
constexpr analysis analyze(std::string_view text, const table_schema* tables, std::size_t table_count) {
    analysis a;
    number_placeholders(text, a);
    if (a.error != problem::none) return a;
    parser p{text, a};
    a.resolved = p.statement();
    if (!a.resolved) {
        // What the subset parser gathered means nothing outside it.
        a.source_count = a.ref_count = a.output_count = 0;
        for (std::size_t i = 0; i < a.param_count; ++i) a.params[i] = param{a.params[i].name};
        return a;
    }
    resolve(text, a, tables, table_count);
    return a;
}

}  // namespace ctql::detail::sqlt
