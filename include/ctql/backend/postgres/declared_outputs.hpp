// SPDX-License-Identifier: MIT
#pragma once
// Checks the outputs declared for a SQL template outside the subset resolved
// at compile time (pipeline/sql_template.hpp) against what PostgreSQL reports
// for the prepared statement (PQdescribePrepared): the column count, each
// name, and each type, by the same rule the result decoder reads it with.
#include <libpq-fe.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include <ctql/backend/postgres/codec.hpp>
#include <ctql/backend/postgres/error.hpp>
#include <ctql/backend/declared_outputs.hpp>
#include <ctql/core/error.hpp>
#include <ctql/core/type_name.hpp>
#include <ctql/core/value_types.hpp>

namespace ctql::postgres::detail {

template <class Statement>
void check_declared_outputs(const PGresult* described, std::string_view sql) {
    ctql::detail::check_output_count(Statement::column_count, PQnfields(described), "PostgreSQL", sql);
    Statement::each_declared_output([&](std::size_t i, std::string_view name, auto type) {
        using T = typename decltype(type)::type;
        const int index = static_cast<int>(i);
        ctql::detail::check_output_name(i, name, PQfname(described, index), "PostgreSQL", sql);
        const Oid oid = PQftype(described, index);
        if (!codec<base_type_t<T>>::accepts(oid))
            ctql::detail::throw_output_mismatch(
                "ctql: output \"" + std::string(name) + "\" of the SQL template is declared as " +
                    ctql::detail::type_name<T>() + " but PostgreSQL reports its type as " + pg_type_name(oid),
                sql);
    });
}

}  // namespace ctql::postgres::detail
