// libFuzzer target: the database URL parser and its masking.
//
// Input: three parts separated by '\n': a user, a password, and the rest of a
// URL. The target parses "postgresql://USER:PASSWORD@REST", and "postgresql://
// USER@REST&password=PASSWORD" (the password as a query value), and requires:
//   - parse_url never crashes, and fails only with ctql::interface_error;
//   - masking never depends on the password: the error message, or the URL
//     printed, is the same when every letter and digit of the password is
//     replaced by another one (so no character of it is ever shown);
//   - a parsed URL prints back, unmasked, to text that parses to the same URL.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <ctql/engine/url.hpp>

namespace {

// Letters to letters and digits to digits, hex digits to hex digits and '0'
// to itself, so that percent escapes stay well- or ill-formed as they were.
char other_character(char c) {
    if (c >= '1' && c <= '9') return c == '9' ? '1' : static_cast<char>(c + 1);
    if (c >= 'a' && c <= 'f') return c == 'f' ? 'a' : static_cast<char>(c + 1);
    if (c >= 'A' && c <= 'F') return c == 'F' ? 'A' : static_cast<char>(c + 1);
    if (c >= 'g' && c <= 'z') return c == 'z' ? 'g' : static_cast<char>(c + 1);
    if (c >= 'G' && c <= 'Z') return c == 'Z' ? 'G' : static_cast<char>(c + 1);
    return c;
}

std::string other_password(std::string_view password) {
    std::string out(password);
    for (char& c : out) c = other_character(c);
    return out;
}

// What a user sees: the error message, or the URL as printed (password hidden).
std::string shown(const std::string& text) {
    try {
        const ctql::url u = ctql::parse_url(text);
        // Printing unmasked and reading back gives the same URL.
        if (ctql::parse_url(u.to_string(false)) != u) std::abort();
        return "parsed: " + u.to_string();
    } catch (const ctql::interface_error& e) {
        return std::string("error: ") + e.what();
    }
}

void check(const std::string& before, const std::string& password, const std::string& after) {
    const std::string a = shown(before + password + after);
    const std::string b = shown(before + other_password(password) + after);
    if (a != b) std::abort();  // a character of the password was shown
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t first = input.find('\n');
    const std::size_t second = first == std::string_view::npos ? first : input.find('\n', first + 1);
    if (second == std::string_view::npos) {
        (void)shown(std::string(input));  // any text at all: no crash, only interface_error
        return 0;
    }
    const std::string user(input.substr(0, first));
    const std::string password(input.substr(first + 1, second - first - 1));
    const std::string rest(input.substr(second + 1));
    // The documented reading: the user information ends at the first '/' or
    // '?' after its first '@', so a password may hold '/' or '?' only before
    // the first '@' of user and password (write them %2F, %3F).
    const std::string userinfo = user + ":" + password;
    const std::size_t first_at = userinfo.find('@');
    const bool readable =
        first_at == std::string::npos || userinfo.find_first_of("/?", first_at) == std::string::npos;
    // A user name with an unencoded '/', '?' or '[' ends before it (the rest
    // reads as host and path, so no password is there to hide).
    const bool user_readable = user.find_first_of("/?[") == std::string::npos;
    if (readable && user_readable) check("postgresql://" + user + ":", password, "@" + rest);
    // As the value of a password key; the rest of the query may not hold another '&'-separated key=value
    // that starts differently, so the value ends at the first '&' of the password itself.
    if (password.find('&') == std::string::npos && user_readable)
        check("postgresql://" + user + "@" + rest + (rest.find('?') == std::string::npos ? "?" : "&") + "password=",
              password, "");
    return 0;
}
