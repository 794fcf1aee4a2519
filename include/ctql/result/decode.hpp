// SPDX-License-Identifier: MIT
#pragma once
// Building a statement's row type (or a user struct) from one result row,
// whatever the backend: a reader supplies each column by index and type,
// `reader.template operator()<T>(index)`.
#include <cstddef>
#include <tuple>
#include <utility>

#include <ctql/result/row.hpp>
#include <ctql/result/struct_mapping.hpp>

namespace ctql::detail {

template <class Row, class Reader, std::size_t... I>
Row decode_fields(const Reader& read, std::index_sequence<I...>) {
    return Row{nth_t<I, typename Row::fields>{{read.template operator()<std::tuple_element_t<I, Row>>(static_cast<int>(I))}}...};
}

template <class Row, class Reader>
Row decode_row(const Reader& read) {
    if constexpr (requires { typename Row::fields; })
        return decode_fields<Row>(read, std::make_index_sequence<Row::size>{});
    else
        return read.template operator()<Row>(0);
}

// How a result turns its current row into a value: the statement's row type, or a user struct.
template <class Statement>
struct statement_row {
    using statement = Statement;
    using value_type = typename Statement::result_row;
    template <class Reader>
    static value_type decode(const Reader& read) {
        return decode_row<value_type>(read);
    }
};

template <class Statement, class Struct>
struct struct_row {
    using statement = Statement;
    using value_type = Struct;
    template <class Reader>
    static Struct decode(const Reader& read) {
        return decode_struct<Struct, Statement>(read);
    }
};

}  // namespace ctql::detail
