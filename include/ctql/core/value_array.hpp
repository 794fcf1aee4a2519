// SPDX-License-Identifier: MIT
#pragma once
// A list of values known only at run time, bound as ONE parameter so that the
// SQL text stays a compile-time constant: `users.id.in(ids)` for a
// std::vector or std::span of ids. PostgreSQL receives it as an array
// (`= ANY($1)`), SQLite as JSON text read by json_each().
#include <vector>

#include <ctql/core/value_types.hpp>

namespace ctql {

template <storable T>
struct value_array {
    std::vector<T> values;
};

template <class T>
inline constexpr bool is_value_array_v = false;
template <class T>
inline constexpr bool is_value_array_v<value_array<T>> = true;

}  // namespace ctql
