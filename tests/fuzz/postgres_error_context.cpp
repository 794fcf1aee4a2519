// libFuzzer target: reading a bulk load's failing row from the CONTEXT field
// of a PostgreSQL error (server text).
//
// For any text: copy_row_of never crashes, and names a row (>= 0) only for a
// text that begins "COPY " and holds ", line " followed by a positive number.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <ctql/backend/postgres/error.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view context(reinterpret_cast<const char*>(data), size);
    const std::int64_t row = ctql::postgres::detail::copy_row_of(context);
    if (row < -1) std::abort();
    if (row >= 0) {
        if (!context.starts_with("COPY ")) std::abort();
        const auto at = context.find(", line ");
        if (at == std::string_view::npos || at + 7 >= context.size()) std::abort();
        const char first = context[at + 7];
        if (first < '0' || first > '9') std::abort();
    }
    return 0;
}
