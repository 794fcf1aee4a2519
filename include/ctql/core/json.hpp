// SPDX-License-Identifier: MIT
#pragma once
// ctql::json: a JSON document as its text. ctql neither parses nor checks it:
// PostgreSQL validates it when it is stored (a JSONB column rejects invalid
// JSON with SQLSTATE 22P02), SQLite keeps the text as given. Hand the text to
// the JSON library of your choice.
//
//   ctql::json doc{R"({"tags": ["a", "b"]})"};
//   doc.text                               // the text, as stored
//
// Read back from PostgreSQL's JSONB, the text is the server's normal form
// (keys sorted, duplicates dropped, spacing its own), not the bytes sent.
#include <compare>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace ctql {

struct json {
    std::string text;

    json() = default;
    explicit json(std::string t) : text(std::move(t)) {}
    explicit json(std::string_view t) : text(t) {}
    explicit json(const char* t) : text(t) {}

    template <class Stream>
    friend auto operator<<(Stream& os, const json& doc) -> decltype(os << std::string_view()) {
        return os << std::string_view(doc.text);
    }

    friend bool operator==(const json&, const json&) = default;
};

}  // namespace ctql

template <>
struct fmt::formatter<ctql::json> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const ctql::json& doc, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(std::string_view(doc.text), ctx);
    }
};
