// libFuzzer target: the text parsers of ctql::decimal and ctql::uuid
// (decimal<P, S>::try_parse, uuid::try_parse), which read values from users
// and from SQLite. Whatever the input, parsing must not crash or overflow, and
// a value that parses must print as text that parses back to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include <ctql/core/decimal.hpp>
#include <ctql/core/uuid.hpp>

namespace {

template <int P, int S>
void check_decimal(std::string_view text) {
    using D = ctql::decimal<P, S>;
    const std::optional<D> parsed = D::try_parse(text);
    if (!parsed) return;
    if (parsed->units() > D::max_units || parsed->units() < -D::max_units) std::abort();
    const std::optional<D> again = D::try_parse(parsed->to_string());
    if (!again || *again != *parsed) std::abort();
}

void check_uuid(std::string_view text) {
    const std::optional<ctql::uuid> parsed = ctql::uuid::try_parse(text);
    if (!parsed) return;
    const std::string printed = parsed->to_string();
    if (printed.size() != ctql::uuid::text_size) std::abort();
    for (std::size_t i = 0; i < printed.size(); ++i) {
        const char c = text[i];
        const char lower = c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c;
        if (printed[i] != lower) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_decimal<18, 2>(text);
    check_decimal<18, 0>(text);
    check_decimal<18, 18>(text);
    check_decimal<3, 1>(text);
    check_decimal<1, 1>(text);
    check_uuid(text);
    return 0;
}
