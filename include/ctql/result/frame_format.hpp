// SPDX-License-Identifier: MIT
#pragma once
// Frames print with fmt as an aligned text table:
//
//   fmt::print("{}", frame);
//
//   id | name | email
//   ---+------+------
//    1 | Ada  | a@x
//    2 | Bob  | NULL
//   (2 rows)
//
// Values appear in their SQL text form (result/frame_text.hpp), NULL as
// NULL; control characters are escaped (core/printable_text.hpp) so that a
// value cannot break the table's lines. Numbers are right-aligned.
#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <ctql/core/printable_text.hpp>
#include <ctql/result/frame.hpp>
#include <ctql/result/frame_text.hpp>

namespace ctql::detail {

// Terminal columns taken by UTF-8 text, counted as one per code point.
inline std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
    return width;
}

template <class... Columns>
std::string format_frame(const data_frame<Columns...>& f) {
    constexpr std::size_t n = sizeof...(Columns);
    std::array<std::vector<std::string>, n> cells;
    std::array<std::size_t, n> widths{};
    constexpr std::array<bool, n> right{right_aligned<typename Columns::value_type>()...};
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        const auto fill = [&]<std::size_t C>(std::integral_constant<std::size_t, C>) {
            auto& column = cells[C];
            column.reserve(f.size());
            std::string text;
            for (std::size_t row = 0; row < f.size(); ++row) {
                if (f.template is_null<C>(row)) {
                    column.emplace_back("NULL");
                    continue;
                }
                text.clear();
                append_value_text(text, f.template column<C>()[row]);
                column.push_back(printable(text));
            }
        };
        (fill(std::integral_constant<std::size_t, I>{}), ...);
    }(std::index_sequence_for<Columns...>{});

    std::array<std::string, n> header;
    for (std::size_t c = 0; c < n; ++c) {
        header[c] = printable(data_frame<Columns...>::names[c]);
        widths[c] = display_width(header[c]);
        for (const std::string& cell : cells[c]) widths[c] = std::max(widths[c], display_width(cell));
    }

    std::string out;
    const auto put = [&](const std::string& text, std::size_t c) {
        if (c != 0) out += " | ";
        const std::size_t pad = widths[c] - display_width(text);
        if (right[c]) out.append(pad, ' ');
        out += text;
        // No trailing blanks on a line's last cell.
        if (!right[c] && c + 1 != n) out.append(pad, ' ');
    };
    for (std::size_t c = 0; c < n; ++c) put(header[c], c);
    out += '\n';
    for (std::size_t c = 0; c < n; ++c) {
        if (c != 0) out += "-+-";
        out.append(widths[c], '-');
    }
    out += '\n';
    for (std::size_t row = 0; row < f.size(); ++row) {
        for (std::size_t c = 0; c < n; ++c) put(cells[c][row], c);
        out += '\n';
    }
    out += f.size() == 1 ? "(1 row)\n" : fmt::format("({} rows)\n", f.size());
    return out;
}

}  // namespace ctql::detail

template <class... Columns>
struct fmt::formatter<ctql::data_frame<Columns...>> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const ctql::data_frame<Columns...>& f, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(ctql::detail::format_frame(f), ctx);
    }
};
