// libFuzzer target: the timestamp and date text parsers (what SQLite columns hold).
//
// For any text: try_parse_timestamp / try_parse_date never crash;
// parse_timestamp / parse_date throw only ctql::data_error, exactly when the
// try_ form says no; and a value they read writes back to text that reads as
// the same instant or day. A bare date also reads as a timestamp, at its midnight.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <ctql/core/date_text.hpp>
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
    const auto day = ctql::detail::try_parse_date(text);
    try {
        const auto thrown = ctql::detail::parse_date(text);
        if (!day || thrown != *day) std::abort();
    } catch (const ctql::data_error&) {
        if (day) std::abort();
    }
    if (day) {
        // A bare date also reads as a timestamp: its midnight.
        if (parsed && *parsed != std::chrono::time_point_cast<std::chrono::microseconds>(*day)) std::abort();
        if (ctql::detail::try_parse_date(ctql::detail::format_date(*day)) != day) std::abort();
    }
    return 0;
}
