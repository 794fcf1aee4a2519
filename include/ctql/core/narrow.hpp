// SPDX-License-Identifier: MIT
#pragma once
// An explicit narrowing conversion for a value bound to a narrower column or
// parameter: ctql::narrow<std::int32_t>(count). Throws ctql::data_error when
// the value does not survive it (a range error, or lost precision).
#include <string>
#include <type_traits>

#include <fmt/format.h>

#include <ctql/core/error.hpp>
#include <ctql/core/value_types.hpp>

namespace ctql {

template <storable To, class From>
    requires(std::is_arithmetic_v<To> && std::is_arithmetic_v<From>)
constexpr To narrow(From value) {
    if constexpr (std::is_floating_point_v<To> && std::is_floating_point_v<From>)
        if (value != value) return static_cast<To>(value);  // NaN stays NaN
    const To converted = static_cast<To>(value);
    const bool same_sign = std::is_signed_v<To> == std::is_signed_v<From> || ((converted < To{}) == (value < From{}));
    if (static_cast<From>(converted) != value || !same_sign) {
        error_details details;
        details.message = fmt::format("ctql::narrow: {} does not fit the narrower type", value);
        throw data_error(std::move(details));
    }
    return converted;
}

}  // namespace ctql
