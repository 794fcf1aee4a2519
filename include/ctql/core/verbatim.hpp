// SPDX-License-Identifier: MIT
#pragma once
// The one way to run SQL text that did not come from the compile-time schema.
// Named so that every use stands out in a review.
#include <string_view>

namespace ctql {

struct verbatim {
    std::string_view sql;
    constexpr explicit verbatim(std::string_view text) : sql(text) {}
};

}  // namespace ctql
