// SPDX-License-Identifier: MIT
#pragma once
// What the backends' checks of a SQL template's declared outputs share
// (backend/<name>/declared_outputs.hpp): the errors they throw when the
// count or a name differs from what the database reports.
#include <cstddef>
#include <string>
#include <string_view>

#include <ctql/core/error.hpp>

namespace ctql::detail {

[[noreturn]] inline void throw_output_mismatch(std::string message, std::string_view sql) {
    error_details d;
    d.message = std::move(message);
    d.sql = std::string(sql);
    throw programming_error(std::move(d));
}

inline void check_output_count(std::size_t declared, int reported, std::string_view backend, std::string_view sql) {
    if (reported != static_cast<int>(declared))
        throw_output_mismatch("ctql: the SQL template declares " + std::to_string(declared) + " outputs but " +
                                  std::string(backend) + " reports " + std::to_string(reported) + " columns",
                              sql);
}

inline void check_output_name(std::size_t i, std::string_view declared, const char* reported, std::string_view backend,
                              std::string_view sql) {
    const std::string_view got = reported != nullptr ? reported : "";
    if (got != declared)
        throw_output_mismatch("ctql: output " + std::to_string(i + 1) + " of the SQL template is declared as \"" +
                                  std::string(declared) + "\" but " + std::string(backend) + " names it \"" +
                                  std::string(got) + "\"",
                              sql);
}

}  // namespace ctql::detail
