// SPDX-License-Identifier: MIT
#pragma once
// Fills a statement's binary parameter block in placeholder order, looking
// named parameters up among the call's arguments.
#include <cstddef>

#include <ctql/backend/postgres/codec.hpp>
#include <ctql/expr/parameter.hpp>

namespace ctql::postgres::detail {

template <class Buffer, class... Arguments>
struct binder {
    Buffer& buffer;
    const ctql::detail::argument_list<Arguments...>& arguments;
    std::size_t index = 0;

    template <class V>
    void operator()(const V& v) {
        if constexpr (is_named_parameter_v<V>) {
            // A converted number is copied into the buffer's own storage, so a temporary is fine here.
            set(ctql::detail::parameter_value<V>(arguments));
        } else {
            buffer.set(index++, v);
        }
    }

private:
    template <class T>
    void set(const T& v) {
        buffer.set(index++, v);
    }
};

}  // namespace ctql::postgres::detail
