// libFuzzer target: the delimited-text reader and the field parsers of
// copy_to_table (pipeline/delimited_text.hpp, pipeline/text_value.hpp), which
// read files from outside. The first byte picks the separator and NULL token;
// the rest is the text. Whatever the input, reading must not crash, and a
// field it returns must be a view into what it unescaped, never past it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include <ctql/pipeline/delimited_text.hpp>
#include <ctql/pipeline/text_value.hpp>

namespace {

template <class T>
void parse_as(std::string_view text) {
    T value{};
    try {
        (void)ctql::detail::parse_text_value(text, value);
    } catch (const ctql::data_error&) {
        // mapped types may refuse a value; anything else escaping is a bug
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    ctql::delimited_format format;
    const char separators[] = {'\t', ',', '|', ';'};
    format.separator = separators[data[0] & 3];
    if (data[0] & 4) format.null_token = "";
    if (data[0] & 8) format.null_token = "NULL";
    std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    ctql::detail::delimited_reader reader(in, format);
    std::uint64_t last_bytes = 0;
    try {
        while (reader.next()) {
            if (reader.bytes_read() < last_bytes || reader.bytes_read() > size - 1) std::abort();
            last_bytes = reader.bytes_read();
            for (const auto& field : reader.fields()) {
                if (field.is_null && !field.text.empty()) std::abort();
                parse_as<std::int64_t>(field.text);
                parse_as<std::int16_t>(field.text);
                parse_as<double>(field.text);
                parse_as<bool>(field.text);
                parse_as<ctql::blob>(field.text);
                parse_as<ctql::timestamp>(field.text);
                parse_as<std::chrono::sys_days>(field.text);
                parse_as<ctql::decimal<18, 4>>(field.text);
                parse_as<ctql::uuid>(field.text);
            }
        }
    } catch (const ctql::data_error&) {
        // a malformed line: the load would stop here with this error
    }
    return 0;
}
