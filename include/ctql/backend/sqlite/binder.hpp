// SPDX-License-Identifier: MIT
#pragma once
// Walks a statement's values in placeholder order and binds each one,
// looking named parameters up among the call's arguments.
#include <sqlite3.h>

#include <string_view>
#include <type_traits>

#include <ctql/backend/sqlite/codec.hpp>
#include <ctql/core/value_types.hpp>
#include <ctql/expr/parameter.hpp>

namespace ctql::sqlite::detail {

// Rows of a select are read after the call that bound them returns, when a
// temporary statement or argument may be gone: such text is copied
// (Transient). Statements that run to completion inside the call bind in place.
template <bool Transient, class... Arguments>
struct binder {
    sqlite3* db;
    sqlite3_stmt* st;
    std::string_view sql;
    const ctql::detail::argument_list<Arguments...>& arguments;
    int index = 0;

    template <class V>
    void bind_value(const V& v) {
        ++index;
        if constexpr (Transient && (std::is_same_v<V, std::string> || std::is_same_v<V, std::string_view>)) {
            const int rc = sqlite3_bind_text64(st, index, v.data() != nullptr ? v.data() : "", v.size(),
                                               SQLITE_TRANSIENT, SQLITE_UTF8);
            if (rc != SQLITE_OK) throw_error(db, rc, sql);
        } else if constexpr (Transient && std::is_same_v<V, json>) {
            --index;
            bind_value(v.text);
        } else if constexpr (Transient && std::is_same_v<V, blob>) {
            static constexpr std::byte nothing{};
            const int rc = sqlite3_bind_blob64(st, index, v.empty() ? &nothing : v.data(), v.size(), SQLITE_TRANSIENT);
            if (rc != SQLITE_OK) throw_error(db, rc, sql);
        } else if constexpr (Transient && requires { typename V::value_type; v.has_value(); }) {
            if (v) {
                --index;
                bind_value(*v);
            } else {
                detail::bind(db, st, index, null_t{}, sql);
            }
        } else {
            detail::bind(db, st, index, v, sql);
        }
    }

    template <class V>
    void operator()(const V& v) {
        if constexpr (is_named_parameter_v<V>) {
            bind_value(ctql::detail::parameter_value<V>(arguments));
        } else {
            bind_value(v);
        }
    }
};

}  // namespace ctql::sqlite::detail
