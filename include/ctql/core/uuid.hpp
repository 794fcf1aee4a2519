// SPDX-License-Identifier: MIT
#pragma once
// ctql::uuid: 16 bytes in the order RFC 9562 writes them, which is also the
// order PostgreSQL's uuid type and its binary format use, so comparing two
// uuids (here, in PostgreSQL, or as SQLite BLOBs) is comparing their bytes.
//
//   constexpr ctql::uuid id{"123e4567-e89b-12d3-a456-426614174000"};
//   id.to_string();                        // the canonical lower-case text
//   ctql::uuid::try_parse(text);           // std::nullopt unless canonical 8-4-4-4-12 hex
//
// ctql does not generate uuids (that needs a random source the caller
// chooses); build one from bytes: ctql::uuid{bytes}.
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include <ctql/core/error.hpp>

namespace ctql {

struct uuid {
    std::array<std::uint8_t, 16> bytes{};

    static constexpr std::size_t text_size = 36;

    constexpr uuid() noexcept = default;
    constexpr explicit uuid(const std::array<std::uint8_t, 16>& b) noexcept : bytes(b) {}
    // Parses the canonical text; throws data_error otherwise (at compile time: does not compile).
    constexpr explicit uuid(std::string_view text) : uuid(parse(text)) {}
    constexpr explicit uuid(const char* text) : uuid(parse(std::string_view(text))) {}

    // `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex digits of either case, nothing around it.
    static constexpr std::optional<uuid> try_parse(std::string_view text) noexcept {
        if (text.size() != text_size) return std::nullopt;
        uuid out;
        std::size_t at = 0;
        for (std::size_t i = 0; i < text_size;) {
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (text[i] != '-') return std::nullopt;
                ++i;
                continue;
            }
            const int high = hex_value(text[i]);
            const int low = hex_value(text[i + 1]);
            if (high < 0 || low < 0) return std::nullopt;
            out.bytes[at++] = static_cast<std::uint8_t>(high * 16 + low);
            i += 2;
        }
        return out;
    }

    static constexpr uuid parse(std::string_view text) {
        const std::optional<uuid> parsed = try_parse(text);
        if (!parsed) {
            error_details details;
            details.message = "invalid uuid \"" + std::string(text.substr(0, 64)) + (text.size() > 64 ? "...\"" : "\"") +
                              ": expected 8-4-4-4-12 hexadecimal digits";
            throw data_error(std::move(details));
        }
        return *parsed;
    }

    // Writes the 36 characters of the lower-case canonical text.
    constexpr void write(char (&out)[text_size]) const noexcept {
        constexpr char hex[] = "0123456789abcdef";
        std::size_t at = 0;
        for (std::size_t i = 0; i < 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10) out[at++] = '-';
            out[at++] = hex[bytes[i] >> 4];
            out[at++] = hex[bytes[i] & 0xF];
        }
    }

    std::string to_string() const {
        char text[text_size];
        write(text);
        return std::string(text, text_size);
    }

    const std::byte* data() const noexcept { return reinterpret_cast<const std::byte*>(bytes.data()); }

    template <class Stream>
    friend auto operator<<(Stream& os, const uuid& id) -> decltype(os << std::string_view()) {
        char text[text_size];
        id.write(text);
        return os << std::string_view(text, text_size);
    }

    friend constexpr bool operator==(const uuid&, const uuid&) = default;
    friend constexpr std::strong_ordering operator<=>(const uuid&, const uuid&) = default;

private:
    static constexpr int hex_value(char c) noexcept {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
};

}  // namespace ctql

template <>
struct fmt::formatter<ctql::uuid> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const ctql::uuid& id, FormatContext& ctx) const -> decltype(ctx.out()) {
        char text[ctql::uuid::text_size];
        id.write(text);
        return fmt::formatter<std::string_view>::format(std::string_view(text, sizeof text), ctx);
    }
};
