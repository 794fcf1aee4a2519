// SPDX-License-Identifier: MIT
#pragma once
// The C++ spelling of a column value type, as the user wrote it, for error messages.
#include <chrono>
#include <optional>
#include <string>
#include <type_traits>

#include <ctql/core/value_types.hpp>

namespace ctql::detail {

template <class T>
std::string type_name() {
    using namespace std::chrono;
    if constexpr (is_nullable_v<T>) {
        return "std::optional<" + type_name<base_type_t<T>>() + ">";
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
