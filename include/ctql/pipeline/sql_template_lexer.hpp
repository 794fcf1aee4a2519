// SPDX-License-Identifier: MIT
#pragma once
// The tokens of a hand-written SQL template, read at compile time (and, for
// the fuzz target, at run time: nothing here needs a constant).
//
// What matters is telling placeholders (`:name`) from text that only looks
// like one: quoted strings ('it''s :x'), quoted identifiers ("a:b"), comments
// (-- and /* */), PostgreSQL dollar quotes ($tag$ ... $tag$) and casts
// (`x::text`). Positional placeholders (`?`, `?1`, `$1`) are refused: ctql
// numbers the placeholders itself, one number per name.
#include <cstddef>
#include <string_view>

namespace ctql::detail::sqlt {

enum class token_kind : unsigned char {
    end,
    word,           // identifier or keyword
    quoted_word,    // "identifier"
    string,         // 'text'
    dollar_string,  // $tag$text$tag$
    number,
    placeholder,    // :name (offset at the colon)
    cast,           // ::
    punct,          // one or two characters: ( ) , . ; * = < > <= >= <> != || + - / %
    error,
};

enum class problem : unsigned char {
    none,
    unterminated_string,
    unterminated_identifier,
    unterminated_comment,
    unterminated_dollar_quote,
    positional_placeholder,
    too_many_placeholders,
    unknown_table,
    unknown_table_or_alias,
    unknown_column,
    ambiguous_column,
    too_many_columns,
};

struct token {
    token_kind kind = token_kind::end;
    std::size_t offset = 0;
    std::size_t length = 0;
};

constexpr bool is_identifier_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
constexpr bool is_identifier_char(char c) { return is_identifier_start(c) || (c >= '0' && c <= '9') || c == '$'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ASCII case-insensitive equality: keywords and unquoted identifiers.
constexpr bool same_word(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

struct lexer {
    std::string_view src;
    std::size_t pos = 0;
    problem error = problem::none;
    std::size_t error_offset = 0;

    constexpr token fail(problem p, std::size_t at) {
        error = p;
        error_offset = at;
        pos = src.size();
        return {token_kind::error, at, 0};
    }

    constexpr bool at(std::size_t i, char c) const { return i < src.size() && src[i] == c; }

    // Skips blanks and comments; false (with the error set) on an unterminated comment.
    constexpr bool skip_blanks() {
        while (pos < src.size()) {
            if (is_space(src[pos])) {
                ++pos;
            } else if (at(pos, '-') && at(pos + 1, '-')) {
                while (pos < src.size() && src[pos] != '\n') ++pos;
            } else if (at(pos, '/') && at(pos + 1, '*')) {
                const std::size_t close = src.find("*/", pos + 2);
                if (close == std::string_view::npos) {
                    fail(problem::unterminated_comment, pos);
                    return false;
                }
                pos = close + 2;
            } else {
                break;
            }
        }
        return true;
    }

    // A quoted run ending at the next unpaired `quote` ('' and "" are escapes).
    constexpr token quoted(token_kind kind, char quote, problem unterminated) {
        const std::size_t start = pos++;
        while (pos < src.size()) {
            if (src[pos] == quote) {
                if (at(pos + 1, quote)) {
                    pos += 2;
                    continue;
                }
                ++pos;
                return {kind, start, pos - start};
            }
            ++pos;
        }
        return fail(unterminated, start);
    }

    constexpr token next() {
        if (error != problem::none) return {token_kind::error, error_offset, 0};
        if (!skip_blanks()) return {token_kind::error, error_offset, 0};
        if (pos >= src.size()) return {token_kind::end, src.size(), 0};
        const std::size_t start = pos;
        const char c = src[pos];
        if (c == '\'') return quoted(token_kind::string, '\'', problem::unterminated_string);
        if (c == '"') return quoted(token_kind::quoted_word, '"', problem::unterminated_identifier);
        if (c == '?') return fail(problem::positional_placeholder, start);
        if (c == '$') {
            if (at(pos + 1, '$') || (pos + 1 < src.size() && is_identifier_start(src[pos + 1]))) {
                std::size_t end = pos + 1;
                while (end < src.size() && src[end] != '$' && is_identifier_char(src[end])) ++end;
                if (at(end, '$')) {
                    const std::string_view tag = src.substr(pos, end + 1 - pos);
                    const std::size_t close = src.find(tag, end + 1);
                    if (close == std::string_view::npos) return fail(problem::unterminated_dollar_quote, start);
                    pos = close + tag.size();
                    return {token_kind::dollar_string, start, pos - start};
                }
            }
            if (pos + 1 < src.size() && is_digit(src[pos + 1])) return fail(problem::positional_placeholder, start);
            ++pos;
            return {token_kind::punct, start, 1};
        }
        if (c == ':') {
            if (at(pos + 1, ':')) {
                pos += 2;
                return {token_kind::cast, start, 2};
            }
            if (pos + 1 < src.size() && is_identifier_start(src[pos + 1])) {
                pos += 2;
                // `$` belongs to identifiers in PostgreSQL, never to a placeholder's name.
                while (pos < src.size() && is_identifier_char(src[pos]) && src[pos] != '$') ++pos;
                return {token_kind::placeholder, start, pos - start};
            }
            ++pos;
            return {token_kind::punct, start, 1};
        }
        if (is_digit(c) || (c == '.' && pos + 1 < src.size() && is_digit(src[pos + 1]))) {
            while (pos < src.size() && (is_identifier_char(src[pos]) || src[pos] == '.' ||
                                        ((src[pos] == '+' || src[pos] == '-') && (lower(src[pos - 1]) == 'e'))))
                ++pos;
            return {token_kind::number, start, pos - start};
        }
        if (is_identifier_start(c)) {
            while (pos < src.size() && is_identifier_char(src[pos])) ++pos;
            return {token_kind::word, start, pos - start};
        }
        const char n = pos + 1 < src.size() ? src[pos + 1] : '\0';
        if ((c == '<' && (n == '=' || n == '>')) || (c == '>' && n == '=') || (c == '!' && n == '=') ||
            (c == '|' && n == '|')) {
            pos += 2;
            return {token_kind::punct, start, 2};
        }
        ++pos;
        return {token_kind::punct, start, 1};
    }
};

}  // namespace ctql::detail::sqlt
