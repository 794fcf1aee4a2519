// SPDX-License-Identifier: MIT
#pragma once
// The secret values a statement binds (values of columns declared
// ctql::secret, arguments of secret_param), as text: a database may quote a
// value in an error message, and such messages are scrubbed of these.
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <ctql/expr/parameter.hpp>

namespace ctql::detail {

struct secret_values {
    bool any = false;                // the statement binds at least one secret value
    std::vector<std::string> texts;  // those that are text, to hide wherever they are quoted
};

template <class... Arguments>
struct secret_value_collector {
    const argument_list<Arguments...>& arguments;
    secret_values found;

    template <class V>
    void operator()(const V&) {}

    template <class V>
    void secret(const V& v) {
        found.any = true;
        if constexpr (is_named_parameter_v<V>) add(argument_value<V::name>(arguments));
        else add(v);
    }

private:
    // Numbers are not collected: hiding every "5" in a message would garble it,
    // and the row values a DETAIL quotes are hidden whenever `any` is set.
    template <class V>
    void add(const V& v) {
        if constexpr (requires { v.has_value(); *v; }) {
            if (v) add(*v);
        } else if constexpr (std::is_convertible_v<const V&, std::string_view>) {
            const std::string_view text(v);
            if (!text.empty()) found.texts.emplace_back(text);
        }
    }
};

// Walks the statement's values; meant for error paths.
template <class Statement, class... Arguments>
secret_values secret_values_of(const Statement& stmt, const Arguments&... args) {
    const auto arguments = make_argument_list(args...);
    secret_value_collector<Arguments...> collector{arguments, {}};
    stmt.each_value(collector);
    return std::move(collector.found);
}

struct secret_detector {
    bool any = false;
    template <class V>
    constexpr void operator()(const V&) {}
    template <class V>
    constexpr void secret(const V&) {
        any = true;
    }
};

// Whether the statement binds a secret value; for a statement without secret
// columns or parameters the compiler folds this to false.
template <class Statement>
constexpr bool binds_secrets(const Statement& stmt) {
    secret_detector detector;
    stmt.each_value(detector);
    return detector.any;
}

}  // namespace ctql::detail
