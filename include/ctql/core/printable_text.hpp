// SPDX-License-Identifier: MIT
#pragma once
// Text from outside (bound values, database messages) made safe to put into
// a log line: it cannot start a new line, move the cursor, recolour a
// terminal or reorder what is shown around it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ctql::detail {

namespace printable_text {

// The length of the well-formed UTF-8 sequence at the start of `s`, or 0.
constexpr std::size_t utf8_sequence_length(std::string_view s) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const auto continuation = [&](std::size_t i) { return i < s.size() && (byte(i) & 0xC0) == 0x80; };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (!continuation(1) || !continuation(2)) return 0;
        if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
        if (lead == 0xED && byte(1) >= 0xA0) return 0;  // a UTF-16 surrogate
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
        if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
        if (lead == 0xF4 && byte(1) >= 0x90) return 0;  // past U+10FFFF
        return 4;
    }
    return 0;
}

constexpr std::uint32_t code_point(std::string_view s, std::size_t length) {
    const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])); };
    switch (length) {
        case 1: return byte(0);
        case 2: return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
        case 3: return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
        default: return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
    }
}

// C0 and C1 controls, DEL, the line and paragraph separators some viewers
// break lines at, and the bidirectional overrides that reorder displayed text.
constexpr bool needs_escape(std::uint32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

inline void append_hex(std::string& out, std::uint32_t value, int digits) {
    constexpr char hex[] = "0123456789abcdef";
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += hex[(value >> shift) & 0xF];
}

}  // namespace printable_text

// Appends `text` escaped: \n \r \t and \\ as in C, other controls and
// invalid UTF-8 bytes as \xNN, the other characters above as \uNNNN, and
// `quote` (when not NUL) doubled, as SQL writes it inside quotes. At most
// `max_bytes` of `text` are written, cut on a character boundary and
// followed by "..." when something was left out.
inline void append_printable(std::string& out, std::string_view text, std::size_t max_bytes = std::string_view::npos,
                             char quote = '\0') {
    using namespace printable_text;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t length = utf8_sequence_length(text.substr(at));
        if (at + (length == 0 ? 1 : length) > max_bytes) {
            out += "...";
            return;
        }
        if (length == 0) {
            out += "\\x";
            append_hex(out, static_cast<unsigned char>(text[at]), 2);
            ++at;
            continue;
        }
        const std::uint32_t c = code_point(text.substr(at), length);
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c == '\\') out += "\\\\";
        else if (c < 0x80 && needs_escape(c)) {
            out += "\\x";
            append_hex(out, c, 2);
        } else if (needs_escape(c)) {
            out += "\\u";
            append_hex(out, c, 4);
        } else {
            if (quote != '\0' && c == static_cast<unsigned char>(quote)) out += quote;
            out.append(text.substr(at, length));
        }
        at += length;
    }
}

inline std::string printable(std::string_view text, std::size_t max_bytes = std::string_view::npos) {
    std::string out;
    out.reserve(text.size());
    append_printable(out, text, max_bytes);
    return out;
}

}  // namespace ctql::detail
