// SPDX-License-Identifier: MIT
#pragma once
// Rows print with fmt:
//   fmt::print("{}\n", row);      {id: 1, name: "Ada", email: NULL}
// Text is quoted (a quote doubled, as in SQL) and escaped (see
// core/printable_text.hpp), NULL is NULL,
// timestamps print as their ISO text, blobs as their size, decimals and uuids
// as their text, JSON as it is, arrays as [a, b], a mapped type as its stored
// value (an enum as its quoted name); an unnamed column
// is shown by its position.
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include <ctql/core/date_text.hpp>
#include <ctql/core/printable_text.hpp>
#include <ctql/core/timestamp_text.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/result/row.hpp>

namespace ctql::detail {

template <class T>
void append_field(std::string& out, const T& value) {
    if constexpr (requires { value.has_value(); *value; }) {
        if (value) append_field(out, *value);
        else out += "NULL";
    } else if constexpr (mapped_type<T>) {
        append_field(out, column_mapping<T>::to_stored(value));
    } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view>) {
        out += '"';
        append_printable(out, value, std::string_view::npos, '"');
        out += '"';
    } else if constexpr (std::is_same_v<T, blob>) {
        out += fmt::format("<{} bytes>", value.size());
    } else if constexpr (std::is_same_v<T, json>) {
        append_printable(out, value.text, std::string_view::npos, '\0');
    } else if constexpr (requires { requires kind_of_v<T> == sql_kind::array; }) {
        out += '[';
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i != 0) out += ", ";
            append_field(out, value[i]);
        }
        out += ']';
    } else if constexpr (std::is_same_v<T, bool>) {
        out += value ? "true" : "false";
    } else if constexpr (std::is_arithmetic_v<T>) {
        out += fmt::format("{}", value);
    } else if constexpr (std::is_same_v<T, std::chrono::sys_days>) {
        out += format_date(value);
    } else if constexpr (requires { format_timestamp(value); }) {
        out += format_timestamp(value);
    } else {
        out += fmt::format("{}", value);
    }
}

template <class... Fields>
std::string format_row(const row<Fields...>& r) {
    std::string out = "{";
    std::size_t index = 0;
    const auto one = [&](std::string_view name, const auto& value) {
        if (index++ != 0) out += ", ";
        if (name.empty()) out += fmt::format("{}", index - 1);
        else out += name;
        out += ": ";
        append_field(out, value);
    };
    (one(Fields::ctql_name, static_cast<const Fields&>(r).ctql_ref()), ...);
    out += '}';
    return out;
}

}  // namespace ctql::detail

template <class... Fields>
struct fmt::formatter<ctql::row<Fields...>> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const ctql::row<Fields...>& r, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(ctql::detail::format_row(r), ctx);
    }
};
