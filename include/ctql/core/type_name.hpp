// SPDX-License-Identifier: MIT
#pragma once
// The C++ spelling of a column value type, as the user wrote it, for error messages.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include <ctql/core/value_types.hpp>

namespace ctql::detail {

// The compiler's spelling of T, for types ctql does not name itself (mapped types).
template <class T>
constexpr std::string_view compiler_type_name() {
#if defined(__clang__) || defined(__GNUC__)
    constexpr std::string_view f = __PRETTY_FUNCTION__;
    // clang: "... [T = user_id]"; g++: "... [with T = user_id; std::string_view = ...]"
    constexpr std::size_t start = f.find("T = ") + 4;
    constexpr std::size_t end = f.find_first_of(";]", start);
    return f.substr(start, end - start);
#else
    return "a mapped type";
#endif
}

template <class T>
std::string type_name() {
    using namespace std::chrono;
    if constexpr (is_nullable_v<T>) {
        return "std::optional<" + type_name<base_type_t<T>>() + ">";
    } else if constexpr (mapped_type<T>) {
        return std::string(compiler_type_name<T>());
    } else if constexpr (is_decimal_v<T>) {
        return "ctql::decimal<" + std::to_string(T::precision) + ", " + std::to_string(T::scale) + ">";
    } else if constexpr (std::is_same_v<T, uuid>) {
        return "ctql::uuid";
    } else if constexpr (std::is_same_v<T, json>) {
        return "ctql::json";
    } else if constexpr (kind_of_v<T> == sql_kind::array) {
        return "std::vector<" + type_name<typename T::value_type>() + ">";
    } else if constexpr (std::is_same_v<T, bool>) {
        return "bool";
    } else if constexpr (std::is_integral_v<T>) {
        return std::string(std::is_signed_v<T> ? "std::int" : "std::uint") + std::to_string(sizeof(T) * 8) + "_t";
    } else if constexpr (std::is_same_v<T, float>) {
        return "float";
    } else if constexpr (std::is_same_v<T, double>) {
        return "double";
    } else if constexpr (std::is_same_v<T, std::string>) {
        return "std::string";
    } else if constexpr (std::is_same_v<T, blob>) {
        return "ctql::blob";
    } else if constexpr (std::is_same_v<T, timestamp>) {
        return "ctql::timestamp";
    } else if constexpr (std::is_same_v<T, sys_seconds>) {
        return "std::chrono::sys_seconds";
    } else if constexpr (std::is_same_v<T, sys_days>) {
        return "std::chrono::sys_days";
    } else {
        using period = typename T::duration::period;
        return "std::chrono::sys_time<duration of " + std::to_string(period::num) + "/" + std::to_string(period::den) +
               " s>";
    }
}

}  // namespace ctql::detail
