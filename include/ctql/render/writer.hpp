#pragma once
// Rendering writes SQL text through a writer that either counts or copies.
// Every statement is rendered twice at compile time: once to learn its length,
// once into a fixed-size array of exactly that length. Nothing renders at run time.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace ctql::render {

template <class Dialect>
struct writer {
    using dialect = Dialect;

    char* out = nullptr;  // null while measuring
    std::size_t size = 0;
    int placeholders = 0;

    constexpr void put(char c) {
        if (out) out[size] = c;
        ++size;
    }
    constexpr void put(std::string_view text) {
        for (char c : text) put(c);
    }
    constexpr void put_number(std::uint64_t n) {
        char digits[20]{};
        int count = 0;
        do {
            digits[count++] = static_cast<char>('0' + n % 10);
            n /= 10;
        } while (n != 0);
        while (count > 0) put(digits[--count]);
    }
    constexpr void put_signed(std::int64_t n) {
        if (n < 0) {
            put('-');
            put_number(static_cast<std::uint64_t>(-(n + 1)) + 1);
        } else {
            put_number(static_cast<std::uint64_t>(n));
        }
    }
    // Identifiers come only from C++ identifiers in the schema, so they never
    // contain a quote character; quoting still protects reserved words.
    constexpr void identifier(std::string_view name) { Dialect::write_identifier(*this, name); }
    constexpr void placeholder() { Dialect::write_placeholder(*this, ++placeholders); }
};

// Renders an expression node as the writer's dialect spells it: the dialect's
// own `render(writer, std::type_identity<Node>)` where it has one (a dialect
// difference lives in dialect/, as an override of one node), else the node's.
template <class Node, class Writer>
constexpr void node(Writer& w) {
    if constexpr (requires { Writer::dialect::render(w, std::type_identity<Node>{}); })
        Writer::dialect::render(w, std::type_identity<Node>{});
    else
        Node::render(w);
}

// A node renders through `Node::template render<Writer>(writer)`; this turns
// that into a constant array stored once in the binary per (node, dialect).
template <class Node, class Dialect>
struct sql_text {
private:
    static constexpr auto measure() {
        writer<Dialect> w;
        Node::render(w);
        return w;
    }
    static constexpr std::size_t length = measure().size;

    static constexpr std::array<char, length + 1> fill() {
        std::array<char, length + 1> chars{};
        writer<Dialect> w{chars.data()};
        Node::render(w);
        return chars;
    }

public:
    static constexpr std::array<char, length + 1> chars = fill();  // NUL-terminated for C APIs
    static constexpr std::string_view view{chars.data(), length};
    static constexpr int placeholder_count = measure().placeholders;
};

template <class Node, class Dialect>
inline constexpr std::string_view sql_text_v = sql_text<Node, Dialect>::view;

}  // namespace ctql::render
