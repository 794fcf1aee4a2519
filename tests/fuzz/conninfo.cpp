// libFuzzer target: hiding passwords in libpq's messages about a connection
// string (ctql::postgres::detail::without_conninfo_secrets).
//
// Input: "BEFORE\nPASSWORD\nAFTER"; the connection string is
// BEFORE + "password=" + PASSWORD + AFTER. libpq's parser is asked for its
// verdict, and its message (or, for a string it accepts, a message quoting
// every value it read) is scrubbed. Then:
//   - a string libpq accepts: the scrubbed text holds none of its passwords;
//   - a string libpq refuses: the scrubbed text quotes nothing but "***", and
//     it is the same with every letter and digit of PASSWORD replaced by
//     another one whenever libpq's own message starts the same way (the
//     replacement may turn the string into another error altogether).
#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <ctql/backend/postgres/error.hpp>

namespace {

char other_character(char c) {
    if (c >= '0' && c <= '9') return c == '9' ? '0' : static_cast<char>(c + 1);
    if (c >= 'a' && c <= 'z') return c == 'z' ? 'a' : static_cast<char>(c + 1);
    if (c >= 'A' && c <= 'Z') return c == 'Z' ? 'A' : static_cast<char>(c + 1);
    return c;
}

struct verdict {
    bool parsed = false;
    std::string message_start;  // libpq's message up to its first quote
    std::string scrubbed;
    std::vector<std::string> passwords;  // as libpq read them, when it parsed the string
};

verdict scrub(const std::string& conninfo) {
    verdict v;
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    std::string message;
    if (options == nullptr) {
        message = error != nullptr ? error : "out of memory";
    } else {
        v.parsed = true;
        for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
            if (o->val == nullptr) continue;
            message += std::string(o->keyword) + " \"" + o->val + "\" ";
            const std::string_view keyword = o->keyword;
            if (keyword == "password" || keyword == "sslpassword") v.passwords.emplace_back(o->val);
        }
        PQconninfoFree(options);
    }
    PQfreemem(error);
    v.message_start = message.substr(0, message.find('"'));
    v.scrubbed = ctql::postgres::detail::without_conninfo_secrets(message, conninfo);
    return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (input.find('\0') != std::string_view::npos) return 0;  // C strings end there
    const std::size_t first = input.find('\n');
    const std::size_t second = first == std::string_view::npos ? first : input.find('\n', first + 1);
    if (second == std::string_view::npos) return 0;
    const std::string before(input.substr(0, first));
    std::string password(input.substr(first + 1, second - first - 1));
    const std::string after(input.substr(second + 1));

    const verdict original = scrub(before + "password=" + password + after);
    if (original.parsed) {
        // "***" itself, or a password made of '*', would be found in the mask.
        for (const std::string& p : original.passwords)
            if (!p.empty() && p.find('*') == std::string::npos && original.scrubbed.find(p) != std::string::npos)
                std::abort();
        return 0;
    }
    const std::size_t quote = original.scrubbed.find('"');
    if (quote != std::string::npos) {
        const std::string_view quoted = std::string_view(original.scrubbed).substr(quote);
        if (quoted != "\"***\"" && quoted != "\"***" && quoted.substr(0, 5) != "\"***\"") std::abort();
        if (quoted.find('"', 5) != std::string_view::npos) std::abort();
    }
    for (char& c : password) c = other_character(c);
    const verdict other = scrub(before + "password=" + password + after);
    if (!other.parsed && other.message_start == original.message_start && other.scrubbed != original.scrubbed)
        std::abort();
    return 0;
}
