// libFuzzer target: the timestamp text parser (what SQLite columns hold).
//
// For any text: try_parse_timestamp never crashes; parse_timestamp throws
// only ctql::data_error, exactly when try_parse_timestamp says no; and a
// timestamp it reads writes back to text that reads as the same instant.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <ctql/core/timestamp_text.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = ctql::detail::try_parse_timestamp(text);
    try {
        const auto thrown = ctql::detail::parse_timestamp(text);
        if (!parsed || thrown != *parsed) std::abort();
    } catch (const ctql::data_error&) {
        if (parsed) std::abort();
    }
    if (parsed) {
        ctql::detail::timestamp_buffer buffer;
        const std::size_t n = ctql::detail::write_timestamp(*parsed, buffer);
        if (n != ctql::detail::timestamp_text_size) std::abort();
        const auto again = ctql::detail::try_parse_timestamp(std::string_view(buffer, n));
        if (!again || *again != *parsed) std::abort();
    }
    return 0;
}
