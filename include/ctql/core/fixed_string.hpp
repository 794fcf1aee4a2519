// SPDX-License-Identifier: MIT
#pragma once
// A string usable as a template argument: names of columns, tables and
// parameters travel in types so that every check and every rendering happens
// at compile time.
#include <algorithm>
#include <cstddef>
#include <string_view>

namespace ctql {

template <std::size_t N>
struct fixed_string {
    char chars[N]{};

    constexpr fixed_string() = default;
    constexpr fixed_string(const char (&text)[N]) { std::copy_n(text, N, chars); }

    static constexpr std::size_t size() { return N - 1; }
    constexpr std::string_view view() const { return {chars, N - 1}; }
    constexpr operator std::string_view() const { return view(); }

    template <std::size_t M>
    constexpr bool operator==(const fixed_string<M>& other) const {
        return view() == other.view();
    }
};

template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N>;

}  // namespace ctql
