// SPDX-License-Identifier: MIT
#pragma once
// Rendering writes SQL text through a writer that either counts or copies.
// Every statement is rendered twice at compile time: once to learn its length,
// once into a fixed-size array of exactly that length. Nothing renders at run time.
//
// A statement with optional parts (when(flag, ...), expr/dynamic.hpp) is
// rendered once per combination of parts: the writer's `mask` says which are
// switched on, the n-th part met in rendering order by bit n.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

namespace ctql::render {

template <class Dialect>
struct writer {
    using dialect = Dialect;

    char* out = nullptr;  // null while measuring
    std::size_t size = 0;
    int placeholders = 0;
    std::uint32_t mask = ~std::uint32_t{0};  // optional parts switched on
    int optional_parts = 0;                  // optional parts met so far

    // Whether the next optional part is switched on in this rendering.
    constexpr bool next_optional_part() { return ((mask >> optional_parts++) & 1u) != 0; }
    // Whether the optional part `ahead` places after the next one is switched on, without taking it.
    constexpr bool optional_part_ahead(int ahead) const { return ((mask >> (optional_parts + ahead)) & 1u) != 0; }

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
template <class Node, class Dialect, std::uint32_t Mask = ~std::uint32_t{0}>
struct sql_text {
private:
    static constexpr auto measure() {
        writer<Dialect> w;
        w.mask = Mask;
        render::node<Node>(w);
        return w;
    }
    // Kept, so that the length and the counts below cost one rendering, not three.
    static constexpr writer<Dialect> measured = measure();
    static constexpr std::size_t length = measured.size;

    static constexpr std::array<char, length + 1> fill() {
        std::array<char, length + 1> chars{};
        writer<Dialect> w{chars.data()};
        w.mask = Mask;
        render::node<Node>(w);
        return chars;
    }

public:
    static constexpr std::array<char, length + 1> chars = fill();  // NUL-terminated for C APIs
    static constexpr std::string_view view{chars.data(), length};
    static constexpr int placeholder_count = measured.placeholders;
    // How many optional parts the node has (all of them are met when all are switched on).
    static constexpr int optional_parts = measured.optional_parts;
};

template <class Node, class Dialect>
inline constexpr std::string_view sql_text_v = sql_text<Node, Dialect>::view;

// Optional parts a statement may have: 2^8 variants are compiled at most.
inline constexpr int max_optional_parts = 8;

// Every variant of a node's SQL, indexed by the mask of parts switched on.
template <class Node, class Dialect>
struct sql_variants {
    static constexpr int parts = sql_text<Node, Dialect>::optional_parts;
    static_assert(parts <= max_optional_parts,
                  "ctql: a statement has more than 8 optional parts (when(...)): 256 variants are compiled at most; "
                  "split it, or make some parts fixed");
    static constexpr std::size_t count = std::size_t{1} << parts;

private:
    // The variant with every part switched on is the statement's own text (sql_text_v).
    template <std::size_t M>
    using variant = sql_text<Node, Dialect, M + 1 == count ? ~std::uint32_t{0} : static_cast<std::uint32_t>(M)>;
    template <std::size_t... M>
    static constexpr auto make(std::index_sequence<M...>) {
        return std::array<std::string_view, count>{variant<M>::view...};
    }

public:
    static constexpr std::array<std::string_view, count> texts = make(std::make_index_sequence<count>{});
};

}  // namespace ctql::render
