// libFuzzer target: making outside text printable for log lines.
//
// Input: one byte giving the byte limit, then any text. The output holds no
// control character and no invalid UTF-8, never more of the text than the
// limit allows, and everything when the text fits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <ctql/core/printable_text.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t limit = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::string out = ctql::detail::printable(text, limit);
    using namespace ctql::detail::printable_text;
    for (std::size_t at = 0; at < out.size();) {
        const std::size_t length = utf8_sequence_length(std::string_view(out).substr(at));
        if (length == 0) std::abort();  // invalid UTF-8 left in
        if (needs_escape(code_point(std::string_view(out).substr(at), length))) std::abort();
        at += length;
    }
    const bool cut = out.size() >= 3 && out.compare(out.size() - 3, 3, "...") == 0;
    if (text.size() <= limit && cut && text.substr(text.size() >= 3 ? text.size() - 3 : 0) != "...") std::abort();
    if (text.size() > limit && !cut) std::abort();
    return 0;
}
