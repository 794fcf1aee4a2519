// SPDX-License-Identifier: MIT
#pragma once
// Columns of the user's own types.
//
// ctql::column_mapping<T> is the customization point: specialise it once and
// T works everywhere a built-in column type does (columns, comparisons,
// parameters, insert/update, results, struct mapping, bulk inserts and COPY)
// on every backend, stored as the built-in type `stored`:
//
//   struct user_id { std::int64_t v; };
//   template <>
//   struct ctql::column_mapping<user_id> {
//       using stored = std::int64_t;                                     // any built-in column type
//       static stored to_stored(const user_id& id) { return id.v; }      // may also return const stored&
//       static user_id from_stored(stored v) { return user_id{v}; }      // may throw ctql::data_error
//   };
//
// A mapped type is a type of its own to the type rules: it is compared and
// assigned only with values of the same C++ type (a user_id column with a
// user_id, never with a plain integer or an order_id) and takes no
// arithmetic. Specialise before the first use of T in a table or query.
//
// An enum is mapped to its names by specialising ctql::enum_names instead:
//
//   enum class mood { sad, ok, happy };
//   template <>
//   struct ctql::enum_names<mood> {
//       static constexpr std::string_view names[] = {"sad", "ok", "happy"};  // for the values 0, 1, 2
//       // static constexpr mood values[] = {...};    when the values are not 0, 1, 2, ...: one per name
//       // static constexpr std::string_view postgres_type = "mood";  a PostgreSQL ENUM type (see below)
//   };
//
// Stored as TEXT holding the name on both backends; a value without a name,
// or a name without a value, is a ctql::data_error. With postgres_type, the
// PostgreSQL column is of that enum type instead (create it with
// ctql::create_enum_type<mood>(), stmt/enum_type.hpp); SQLite keeps TEXT.
#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <ctql/core/error.hpp>

namespace ctql {

// The primary template maps nothing: a type is a column type only through a specialisation.
template <class T>
struct column_mapping {};

template <class E>
struct enum_names {};

namespace detail {
template <class E>
concept named_enum = std::is_enum_v<E> && requires {
    { enum_names<E>::names[0] } -> std::convertible_to<std::string_view>;
};

template <class E>
concept enum_with_values = named_enum<E> && requires {
    { enum_names<E>::values[0] } -> std::convertible_to<E>;
};

template <named_enum E>
inline constexpr std::size_t enum_count_v = std::extent_v<std::remove_cvref_t<decltype(enum_names<E>::names)>>;

template <named_enum E>
constexpr bool enum_names_consistent() {
    if constexpr (enum_with_values<E>) {
        if (std::extent_v<std::remove_cvref_t<decltype(enum_names<E>::values)>> != enum_count_v<E>) return false;
    }
    for (std::size_t i = 0; i < enum_count_v<E>; ++i)
        for (std::size_t j = i + 1; j < enum_count_v<E>; ++j)
            if (std::string_view(enum_names<E>::names[i]) == std::string_view(enum_names<E>::names[j])) return false;
    return true;
}

template <named_enum E>
constexpr E enum_value_at(std::size_t i) {
    if constexpr (enum_with_values<E>) return enum_names<E>::values[i];
    else return static_cast<E>(i);
}

[[noreturn]] [[gnu::cold]] inline void throw_enum_error(std::string message) {
    error_details details;
    details.message = std::move(message);
    throw data_error(std::move(details));
}
}  // namespace detail

template <detail::named_enum E>
struct column_mapping<E> {
    static_assert(detail::enum_names_consistent<E>(),
                  "ctql::enum_names: the names must differ from each other, and `values` must have one value per name");
    using stored = std::string;

    // A view of the static name: nothing is copied when it is bound.
    static constexpr std::string_view to_stored(E v) {
        for (std::size_t i = 0; i < detail::enum_count_v<E>; ++i)
            if (detail::enum_value_at<E>(i) == v) return enum_names<E>::names[i];
        detail::throw_enum_error("the enum value " +
                                 std::to_string(static_cast<long long>(static_cast<std::underlying_type_t<E>>(v))) +
                                 " has no name in ctql::enum_names");
    }
    static constexpr E from_stored(std::string_view name) {
        for (std::size_t i = 0; i < detail::enum_count_v<E>; ++i)
            if (std::string_view(enum_names<E>::names[i]) == name) return detail::enum_value_at<E>(i);
        detail::throw_enum_error("\"" + std::string(name.substr(0, 64)) + "\" is not a name in ctql::enum_names");
    }
};

namespace detail {
template <class T>
concept has_column_mapping = requires { typename column_mapping<T>::stored; };

// An enum with postgres_type: a PostgreSQL ENUM column rather than TEXT.
template <class T>
concept postgres_enum = named_enum<T> && requires {
    { enum_names<T>::postgres_type } -> std::convertible_to<std::string_view>;
};
}  // namespace detail

}  // namespace ctql
