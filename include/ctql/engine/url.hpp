// SPDX-License-Identifier: MIT
#pragma once
// Database URLs in the shape SQLAlchemy made familiar:
//
//   dialect[+driver]://user:password@host:port/database?key=value&key=value
//
//   auto u = ctql::resolve_password(ctql::parse_url(
//       "postgresql://app@db.internal:5432/orders?sslmode=require&password_env=ORDERS_PW"));
//   PQconnectdb(u.libpq_conninfo().c_str());
//
//   sqlite://                  in memory (so is sqlite:///:memory:)
//   sqlite:///relative.db      three slashes: a path relative to the working directory
//   sqlite:////absolute.db     four slashes: an absolute path
//   postgresql:///db?host=/run/postgresql   a unix socket directory (or host %2Frun%2Fpostgresql)
//   postgresql://h1:5432,h2:5433/db?target_session_attrs=read-write
//                              several hosts, tried in order by libpq; the first
//                              is host/port, the others more_hosts
//
// Reading rules, where a URL could mean two things:
// - user name, password, host, database, query keys and values are percent-decoded;
//   '+' is a plus sign, never a space (this is a URL, not an HTML form), so a
//   password "a+b" survives unencoded.
// - The user information ends at the last '@' before the first '/' or '?' that
//   follows its first '@'. So a password may hold '@' and ':' unencoded, and
//   '/' or '?' before its first '@' (after it they end the user information,
//   and what follows reads as host and path); but without a user, an '@'
//   anywhere after a host:port must be %40 (postgresql://h:5432/a%40b), or "h"
//   reads as the user. A user name must encode '/', '?' and '[' (%2F, %3F,
//   %5B): unencoded, the authority ends there, and the rest reads as a path.
//   Percent-encoding always works; use it for generated passwords.
// - Query keys may repeat; all pairs are kept in order. A key without '=' has an
//   empty value. query_value() answers with the FIRST occurrence.
// - An empty user name or host is absent (nullopt). A password written as
//   "user:@host" is present and empty.
//
// Secrets: to_string(), operator<< and fmt print the password, and the values of
// the query keys `password` and `sslpassword`, as ***. Every interface_error that
// parse_url() or resolve_password() throws echoes the URL masked the same way,
// and masks more where the URL is too broken to tell where a password ends: after
// "dialect:" with no "//", or a "port" that is not a number (postgresql://u:pw
// that lost its "@host").
// Columns in those messages count characters of the echoed (masked) text.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <ctql/core/error.hpp>

namespace ctql {

// Every member has an initializer so that designated initializers may name only some,
// as in url{.dialect = "sqlite", .database = "app.db"}, without -Wextra's complaint.
struct url {
    std::string dialect{};  // "sqlite" or "postgresql" ("postgres" is read as "postgresql")
    std::string driver{};   // after '+', as written; empty when absent
    std::optional<std::string> username{};
    std::optional<std::string> password{};
    std::optional<std::string> host{};  // an IPv6 address without its brackets
    std::optional<int> port{};          // 1-65535
    // The hosts after the first in a host list (h1:5432,h2:5433), in order.
    struct endpoint {
        std::string host{};
        std::optional<int> port{};
        friend bool operator==(const endpoint&, const endpoint&) = default;
    };
    std::vector<endpoint> more_hosts{};
    std::string database{};             // sqlite: a path; "" or ":memory:" is in memory
    std::vector<std::pair<std::string, std::string>> query{};

    // Query keys that configure the engine (pool, logging, SQLite locking) rather
    // than the connection, so they are never handed to the driver.
    static constexpr std::array engine_option_keys{
        std::string_view{"pool_size"},     std::string_view{"max_overflow"},
        std::string_view{"pool_timeout"},  std::string_view{"pool_recycle"},
        std::string_view{"pool_pre_ping"}, std::string_view{"echo"},
        std::string_view{"busy_timeout"},  std::string_view{"pool_reset_on_return"},
        std::string_view{"pooler"},
    };

    static constexpr bool is_engine_option(std::string_view key) {
        return std::find(engine_option_keys.begin(), engine_option_keys.end(), key) !=
               engine_option_keys.end();
    }

    // The URL again, reserved characters percent-encoded, so that
    // parse_url(u.to_string(false)) == u.
    std::string to_string(bool hide_password = true) const;

    // The value of the first `key` in the query.
    std::optional<std::string> query_value(std::string_view key) const {
        for (const auto& [k, v] : query)
            if (k == key) return v;
        return std::nullopt;
    }

    bool is_memory() const { return dialect == "sqlite" && (database.empty() || database == ":memory:"); }

    // A libpq keyword/value connection string: host, port, user, password, dbname,
    // then every query pair that is not an engine option, in order (libpq lets a
    // later keyword win, so ?host=/tmp overrides the URL's host). Values are always
    // single-quoted with ' and \ backslash-escaped.
    std::string libpq_conninfo() const;

    friend bool operator==(const url&, const url&) = default;
};

url parse_url(std::string_view text);

// Takes the password from where the query says, and removes those keys:
//   password_env=NAME    the environment variable NAME
//   password_file=PATH   the first line of the file (line ending stripped)
// A URL with neither comes back unchanged. It is an error to name both, to name
// one when the URL already has a password, or for the source to be missing or
// empty; the message names the variable or path, never a value.
url resolve_password(url u);

inline std::ostream& operator<<(std::ostream& out, const url& u) { return out << u.to_string(); }

namespace detail::url_text {

inline constexpr std::size_t npos = std::string_view::npos;

constexpr bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
constexpr bool is_unreserved(char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }
constexpr bool is_scheme_char(char c) { return is_alnum(c) || c == '+' || c == '-' || c == '.' || c == '_'; }

constexpr int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 1-65535 written in at most five digits; anything else is no port.
// What follows host ':' in a well-formed authority: a port, then maybe more
// hosts ("5432,h2:5433,[::1]:5434"). Anything else after a ':' may be a
// password that lost its '@host', and is masked in messages.
constexpr bool is_port_and_hosts(std::string_view s) {
    const auto comma = s.find(',');
    if (comma == std::string_view::npos) return all_digits(s);
    if (!all_digits(s.substr(0, comma))) return false;
    for (std::size_t begin = comma + 1; begin <= s.size();) {
        auto end = std::min(s.find(',', begin), s.size());
        auto piece = s.substr(begin, end - begin);
        std::size_t port_colon = std::string_view::npos;
        if (piece.starts_with('[')) {
            const auto close = piece.find(']');
            if (close == std::string_view::npos || piece.substr(1, close - 1).find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos)
                return false;
            if (close + 1 < piece.size()) {
                if (piece[close + 1] != ':') return false;
                port_colon = close + 1;
            }
        } else {
            if (piece.find('@') != std::string_view::npos) return false;
            port_colon = piece.find(':');
            if (port_colon != std::string_view::npos && piece.find(':', port_colon + 1) != std::string_view::npos)
                return false;
        }
        if (port_colon != std::string_view::npos && !all_digits(piece.substr(port_colon + 1))) return false;
        begin = end + 1;
    }
    return true;
}

constexpr std::optional<int> port_value(std::string_view s) {
    if (!all_digits(s) || s.size() > 5) return std::nullopt;
    int value = 0;
    for (char c : s) value = value * 10 + (c - '0');
    if (value < 1 || value > 65535) return std::nullopt;
    return value;
}

// Hex digits, ':' and '.' (an embedded IPv4), then an optional %zone.
constexpr bool looks_like_ipv6(std::string_view s) {
    auto address = s.substr(0, s.find('%'));
    return address.find(':') != npos && std::all_of(address.begin(), address.end(), [](char c) {
               return hex_value(c) >= 0 || c == ':' || c == '.';
           });
}

// Query keys whose values are secrets as much as the URL's own password, in
// any letter case (libpq refuses "PASSWORD", but only after it was quoted).
constexpr bool is_secret_key(std::string_view key) {
    const auto equals_folded = [](std::string_view a, std::string_view lower) {
        if (a.size() != lower.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if ((a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i]) != lower[i]) return false;
        return true;
    };
    return equals_folded(key, "password") || equals_folded(key, "sslpassword");
}

// A query key as the parser will read it (percent-decoded), so that
// "pass%77ord" is recognised as the secret key it is; malformed escapes stay.
inline std::string decoded_key(std::string_view key) {
    std::string out;
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (key[i] == '%' && i + 2 < key.size() && hex_value(key[i + 1]) >= 0 && hex_value(key[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(key[i + 1]) * 16 + hex_value(key[i + 2]));
            i += 2;
        } else {
            out += key[i];
        }
    }
    return out;
}

inline std::string percent_encode(std::string_view s, std::string_view keep = {}) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (is_unreserved(c) || keep.find(c) != npos) {
            out += c;
        } else {
            auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += digits[byte >> 4];
            out += digits[byte & 0xF];
        }
    }
    return out;
}

// Where the secrets sit in a URL's text, found before (and without) parsing it,
// so that every error, even one about the scheme, can echo the URL masked.
struct layout {
    std::size_t scheme_end = npos;    // index of "://", npos when the URL does not start "dialect://"
    std::size_t userinfo_end = npos;  // index of the '@' that closes user:password, or npos
    std::size_t colon = npos;         // index of the ':' between user and password, or npos
    std::vector<std::pair<std::size_t, std::size_t>> masked;  // [begin, end) ranges shown as ***, in order
};

// The values of secret keys in a query starting at `question` (the '?'), or none.
inline void mask_query_secrets(std::string_view s, std::size_t question, layout& l) {
    if (question == npos) return;
    for (std::size_t begin = question + 1; begin <= s.size();) {
        auto end = std::min(s.find('&', begin), s.size());
        auto pair = s.substr(begin, end - begin);
        if (auto eq = pair.find('='); eq != npos && is_secret_key(decoded_key(pair.substr(0, eq))))
            l.masked.emplace_back(begin + eq + 1, end);
        begin = end + 1;
    }
}

// The rules above read a well-formed URL; a malformed one ("us[er:pw@h",
// "[u]:pw@h") may be read otherwise, and its error message must still not
// show a password. So messages also hide, more widely, whatever could be
// one: from the first ':' of the authority (after a leading [IPv6] host) to
// the last '@', or without an '@' a "port" that is not a number. Only
// messages about malformed URLs use these spans; valid URLs print from
// their parsed parts.
inline void mask_like_a_password(std::string_view s, std::size_t authority, layout& l) {
    std::size_t from = authority;
    if (s.substr(authority, 1) == "[")
        if (auto close = s.find(']', authority); close != npos) from = close + 1;
    const auto colon = s.find(':', from);
    if (colon == npos) return;
    if (auto at = s.rfind('@'); at != npos && at > colon) {
        l.masked.emplace_back(colon + 1, at);
    } else {
        auto end = std::min(s.find_first_of("/?", colon), s.size());
        if (end > colon + 1 && !is_port_and_hosts(s.substr(colon + 1, end - colon - 1))) l.masked.emplace_back(colon + 1, end);
    }
    // Kept in order and without overlaps, as echo() and column() expect.
    std::sort(l.masked.begin(), l.masked.end());
    std::vector<std::pair<std::size_t, std::size_t>> merged;
    for (auto span : l.masked) {
        if (!merged.empty() && span.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, span.second);
        else
            merged.push_back(span);
    }
    l.masked = std::move(merged);
}

inline layout locate(std::string_view s) {
    layout l;
    std::size_t scheme = 0;
    while (scheme < s.size() && is_scheme_char(s[scheme])) ++scheme;
    if (s.substr(scheme, 3) != "://") {
        // Not a URL we can read, so no rule says where a password ends: hide all
        // between the first ':' and the last '@', the widest span that could be one.
        if (auto at = s.rfind('@'); at != npos) {
            auto colon = s.find(':');
            l.masked.emplace_back(colon < at ? colon + 1 : 0, at);
        }
        mask_query_secrets(s, s.find('?', l.masked.empty() ? 0 : l.masked.back().second), l);
        return l;
    }
    l.scheme_end = scheme;
    auto authority = scheme + 3;
    // A user name ends at ':' or '@'; a '[' before either opens an IPv6 host (in a
    // user name it must be %5B).
    auto stop = s.find_first_of(":@/?[", authority);
    bool may_have_userinfo = stop != npos && (s[stop] == ':' || s[stop] == '@');
    auto first_at = may_have_userinfo ? s.find('@', stop) : npos;
    if (first_at != npos) {
        auto authority_end = s.find_first_of("/?", first_at);
        l.userinfo_end = s.rfind('@', authority_end == npos ? npos : authority_end - 1);
        if (auto colon = s.find(':', authority); colon < l.userinfo_end) {
            l.colon = colon;
            l.masked.emplace_back(colon + 1, l.userinfo_end);
        }
    } else if (stop != npos && s[stop] == ':') {
        // "user:password" missing its "@host" reads as host:port; a "port" that is
        // not a number may well be the password, so it is masked too.
        auto end = std::min(s.find_first_of("/?", stop), s.size());
        if (end > stop + 1 && !is_port_and_hosts(s.substr(stop + 1, end - stop - 1))) l.masked.emplace_back(stop + 1, end);
    }
    mask_query_secrets(s, s.find('?', l.userinfo_end == npos ? authority : l.userinfo_end), l);
    mask_like_a_password(s, authority, l);
    return l;
}

class parser {
public:
    explicit parser(std::string_view text) : text_(text), layout_(locate(text)) {}

    url parse() {
        if (text_.empty()) fail("the URL is empty");
        for (std::size_t i = 0; i < text_.size(); ++i)
            if (static_cast<unsigned char>(text_[i]) < 0x20 || text_[i] == '\x7f')
                fail("unexpected control character; is there a stray newline?", i);
        url u;
        read_scheme(u);
        std::size_t pos = layout_.scheme_end + 3;
        if (layout_.userinfo_end != npos) pos = read_userinfo(u, pos);
        pos = read_host(u, pos);
        pos = read_port(u, pos);
        while (pos < text_.size() && text_[pos] == ',') {
            url next;
            const auto begin = pos + 1;
            pos = read_port(next, read_host(next, begin));
            if (!next.host) fail("empty host in the host list", begin);
            u.more_hosts.push_back({std::move(*next.host), next.port});
        }
        if (u.dialect == "sqlite") reject_server_parts(u, pos);
        if (pos < text_.size() && text_[pos] == '/') {
            auto end = std::min(text_.find('?', pos), text_.size());
            u.database = decode(pos + 1, end, "database name");
            pos = end;
        }
        if (pos < text_.size()) read_query(u, pos + 1);  // text_[pos] is '?'
        return u;
    }

    // The URL as messages show it: secrets replaced by ***.
    std::string echo() const {
        std::string out;
        std::size_t from = 0;
        for (auto [begin, end] : layout_.masked) {
            out.append(text_.substr(from, begin - from)).append("***");
            from = end;
        }
        return out.append(text_.substr(from));
    }

    // 1-based column of text_[index] in echo(); inside a masked span, the span's.
    std::size_t column(std::size_t index) const {
        std::ptrdiff_t shift = 0;  // how much further left echo() puts text_[index]; negative for "u:@h"
        for (auto [begin, end] : layout_.masked) {
            if (index < begin) break;
            if (index < end) {
                index = begin;
                break;
            }
            shift += static_cast<std::ptrdiff_t>(end - begin) - 3;
        }
        return static_cast<std::size_t>(static_cast<std::ptrdiff_t>(index) - shift) + 1;
    }

    bool is_masked(std::size_t index) const {
        return std::any_of(layout_.masked.begin(), layout_.masked.end(),
                           [&](auto span) { return index >= span.first && index < span.second; });
    }

private:
    [[noreturn]] void fail(std::string_view what, std::size_t at = npos) const {
        std::string message = "malformed database URL \"" + echo() + "\": ";
        message += what;
        if (at != npos) message += " (at column " + std::to_string(column(at)) + ")";
        throw interface_error(message);
    }

    void read_scheme(url& u) const {
        if (layout_.scheme_end == npos) {
            std::size_t length = 0;
            while (length < text_.size() && is_scheme_char(text_[length])) ++length;
            if (length == 0) fail("expected a dialect name first, as in sqlite:// or postgresql://", 0);
            fail("expected \"://\" after the dialect name", length);
        }
        auto scheme = text_.substr(0, layout_.scheme_end);
        auto plus = scheme.find('+');
        auto name = scheme.substr(0, plus);
        if (name.empty()) fail("the dialect name is empty", 0);
        if (plus != npos) {
            u.driver = scheme.substr(plus + 1);
            if (auto second = u.driver.find('+'); second != npos)
                fail("more than one '+' in the dialect name", plus + 1 + second);
        }
        // Schemes are case-insensitive (RFC 3986), so PostgreSQL:// is fine.
        for (char c : name) u.dialect += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (u.dialect == "postgres") u.dialect = "postgresql";
        if (u.dialect != "sqlite" && u.dialect != "postgresql")
            fail("unknown dialect \"" + u.dialect + "\"; supported: sqlite, postgresql (or postgres)", 0);
    }

    std::size_t read_userinfo(url& u, std::size_t pos) const {
        auto user_end = layout_.colon != npos ? layout_.colon : layout_.userinfo_end;
        if (user_end > pos) u.username = decode(pos, user_end, "user name");
        if (layout_.colon != npos) u.password = decode(layout_.colon + 1, layout_.userinfo_end, "password");
        return layout_.userinfo_end + 1;
    }

    std::size_t read_host(url& u, std::size_t pos) const {
        if (pos < text_.size() && text_[pos] == '[') {
            auto limit = std::min(text_.find_first_of("/?", pos), text_.size());
            auto close = text_.find(']', pos);
            if (close == npos || close > limit) fail("unterminated IPv6 address: missing ']'", pos);
            auto address = decode(pos + 1, close, "IPv6 address");
            if (address.empty()) fail("empty IPv6 address between '[' and ']'", pos);
            if (!looks_like_ipv6(address)) fail("\"" + address + "\" is not an IPv6 address", pos + 1);
            u.host = std::move(address);
            pos = close + 1;
            if (pos < text_.size() && text_[pos] != ':' && text_[pos] != '/' && text_[pos] != '?' && text_[pos] != ',')
                fail("expected ':', ',', '/' or '?' after the IPv6 address", pos);
            return pos;
        }
        auto end = std::min(text_.find_first_of(":/?,", pos), text_.size());
        auto host = text_.substr(pos, end - pos);
        if (auto bad = host.find('@'); bad != npos)
            fail("unexpected '@' in the host; write '@' in a user name as %40", pos + bad);
        if (auto bad = host.find_first_of("[]"); bad != npos)
            fail("'[' and ']' may only enclose an IPv6 address", pos + bad);
        if (!host.empty()) u.host = decode(pos, end, "host");
        return end;
    }

    std::size_t read_port(url& u, std::size_t pos) const {
        if (pos >= text_.size() || text_[pos] != ':') return pos;
        auto begin = pos + 1;
        auto end = std::min(text_.find_first_of("/?,", begin), text_.size());
        auto digits = text_.substr(begin, end - begin);
        if (digits.empty()) fail("the port after ':' is empty", pos);
        // A masked "port" may be a password that lost its '@host': never quote it.
        auto quoted = is_masked(begin) ? std::string{"the port"} : "port " + std::string{digits};
        if (!all_digits(digits)) fail(quoted + " is not a number", begin);
        u.port = port_value(digits);
        if (!u.port) fail(quoted + " is out of range 1-65535", begin);
        return end;
    }

    // Checked before the path so that sqlite://host/x.db is reported as a host,
    // not as whatever goes wrong later.
    void reject_server_parts(const url& u, std::size_t pos) const {
        auto authority = layout_.scheme_end + 3;
        if (layout_.userinfo_end != npos) fail("sqlite URLs have no user name or password", authority);
        if (u.host || !u.more_hosts.empty())
            fail("sqlite URLs have no host; use sqlite:///relative.db or sqlite:////absolute.db", authority);
        if (u.port) fail("sqlite URLs have no port", text_.rfind(':', pos));
    }

    void read_query(url& u, std::size_t pos) const {
        while (pos <= text_.size()) {
            auto end = std::min(text_.find('&', pos), text_.size());
            if (end > pos) {  // "a=1&&b=2" and a trailing '&' are harmless
                auto eq = std::min(text_.find('=', pos), end);
                if (eq == pos) fail("a query parameter has no name before '='", pos);
                auto key = decode(pos, eq, "query");
                auto value = eq < end ? decode(eq + 1, end, "query") : std::string{};
                u.query.emplace_back(std::move(key), std::move(value));
            }
            pos = end + 1;
        }
    }

    // text_[begin, end) percent-decoded. Errors inside a secret name the part but
    // do not quote the escape: it is a piece of the secret.
    std::string decode(std::size_t begin, std::size_t end, std::string_view part) const {
        std::string out;
        out.reserve(end - begin);
        for (auto i = begin; i < end; ++i) {
            if (text_[i] != '%') {
                out += text_[i];
                continue;
            }
            auto escape = text_.substr(i, std::min<std::size_t>(3, end - i));
            auto quoted = is_masked(i) ? std::string{} : " \"" + std::string{escape} + "\"";
            if (escape.size() < 3) fail("truncated percent escape" + quoted + " in the " + std::string{part}, i);
            int high = hex_value(escape[1]);
            int low = hex_value(escape[2]);
            if (high < 0 || low < 0)
                fail("malformed percent escape" + quoted + " in the " + std::string{part} +
                         "; '%' is written %25",
                     i);
            // A NUL would silently cut the value short in every C API it reaches.
            if (high == 0 && low == 0) fail("%00 (NUL) is not allowed in the " + std::string{part}, i);
            out += static_cast<char>(high * 16 + low);
            i += 2;
        }
        return out;
    }

    std::string_view text_;
    layout layout_;
};

inline void append_conninfo(std::string& out, std::string_view key, std::string_view value) {
    if (!out.empty()) out += ' ';
    out.append(key).append("='");
    for (char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    out += '\'';
}

inline std::string read_first_line(const std::string& path, const std::string& context) {
    std::ifstream file{path};
    if (!file) {
        auto reason = std::error_code{errno, std::generic_category()}.message();
        throw interface_error(context + ": cannot open password_file \"" + path + "\": " + reason);
    }
    std::string line;
    // A directory opens but reads nothing, like an empty file: both are errors
    // rather than an empty password that fails later, far from the cause.
    if (!std::getline(file, line))
        throw interface_error(context + ": password_file \"" + path + "\" is empty or unreadable");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) throw interface_error(context + ": the first line of password_file \"" + path + "\" is empty");
    return line;
}

}  // namespace detail::url_text

inline url parse_url(std::string_view text) { return detail::url_text::parser{text}.parse(); }

inline std::string url::to_string(bool hide_password) const {
    using detail::url_text::percent_encode;
    std::string out = dialect;
    if (!driver.empty()) out.append("+").append(driver);
    out += "://";
    if (username || password) {
        if (username) out += percent_encode(*username);
        if (password) out.append(":").append(hide_password ? "***" : percent_encode(*password));
        out += '@';
    }
    const auto append_endpoint = [&](const std::string& name, const std::optional<int>& number) {
        if (detail::url_text::looks_like_ipv6(name)) out.append("[").append(percent_encode(name, ":")).append("]");
        else out += percent_encode(name);
        if (number) out.append(":").append(std::to_string(*number));
    };
    if (host || port) append_endpoint(host.value_or(""), port);
    for (const auto& [name, number] : more_hosts) {
        out += ',';
        append_endpoint(name, number);
    }
    if (!database.empty()) out.append("/").append(percent_encode(database, "/:"));
    for (std::size_t i = 0; i < query.size(); ++i) {
        const auto& [key, value] = query[i];
        out += i == 0 ? '?' : '&';
        out.append(percent_encode(key, "/:,")).append("=");
        out += hide_password && detail::url_text::is_secret_key(key) ? "***" : percent_encode(value, "/:,");
    }
    return out;
}

inline std::string url::libpq_conninfo() const {
    if (dialect != "postgresql") throw interface_error("libpq_conninfo() needs a postgresql URL, not " + to_string());
    for (std::string_view key : {"password_env", "password_file"})
        if (query_value(key))
            throw interface_error("the URL " + to_string() + " still has " + std::string{key} +
                                  "; call ctql::resolve_password() first");
    using detail::url_text::append_conninfo;
    std::string out;
    // A host list is libpq's too: host=h1,h2 port=5432,5433 (an empty port is the default).
    std::string hosts = host.value_or("");
    std::string ports = port ? std::to_string(*port) : "";
    bool any_port = port.has_value();
    for (const auto& [name, number] : more_hosts) {
        hosts.append(",").append(name);
        ports.append(",").append(number ? std::to_string(*number) : "");
        any_port = any_port || number.has_value();
    }
    if (!hosts.empty()) append_conninfo(out, "host", hosts);
    if (any_port) append_conninfo(out, "port", ports);
    if (username) append_conninfo(out, "user", *username);
    if (password) append_conninfo(out, "password", *password);
    if (!database.empty()) append_conninfo(out, "dbname", database);
    for (const auto& [key, value] : query) {
        if (is_engine_option(key)) continue;
        // A key is written unquoted, so one that is not a plain word could inject
        // other keywords; libpq's keywords are all plain words.
        bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
            return detail::url_text::is_alnum(c) || c == '_';
        });
        if (!plain)
            throw interface_error("query key \"" + key + "\" in " + to_string() +
                                  " is not a libpq connection keyword");
        append_conninfo(out, key, value);
    }
    return out;
}

inline url resolve_password(url u) {
    auto from_env = u.query_value("password_env");
    auto from_file = u.query_value("password_file");
    if (!from_env && !from_file) return u;
    auto context = "cannot resolve the password of database URL \"" + u.to_string() + "\"";
    if (from_env && from_file)
        throw interface_error(context + ": password_env and password_file are both given; use one");
    if (u.password)
        throw interface_error(context + ": the URL has a password and also " +
                              (from_env ? "password_env" : "password_file") + "; use one");
    if (from_env) {
        const char* value = std::getenv(from_env->c_str());
        if (value == nullptr)
            throw interface_error(context + ": environment variable \"" + *from_env + "\" (password_env) is not set");
        if (*value == '\0')
            throw interface_error(context + ": environment variable \"" + *from_env + "\" (password_env) is empty");
        u.password = value;
    } else {
        u.password = detail::url_text::read_first_line(*from_file, context);
    }
    std::erase_if(u.query, [](const auto& pair) {
        return pair.first == "password_env" || pair.first == "password_file";
    });
    return u;
}

}  // namespace ctql

// Prints the URL with its password hidden, like operator<<.
template <>
struct fmt::formatter<ctql::url> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const ctql::url& u, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(u.to_string(), ctx);
    }
};
