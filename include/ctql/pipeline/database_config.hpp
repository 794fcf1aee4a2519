// SPDX-License-Identifier: MIT
#pragma once
// The databases of a program, read from a configuration file and the
// environment, and made into a registry of engines (pipeline/binds.hpp):
//
//   auto config = ctql::database_config::load("pipeline.ini");   // the file, then the environment
//   ctql::bind_registry dbs = ctql::make_registry(config);       // engines with the user role
//   fmt::print("{}\n", config);                                  // passwords shown as ***
//
// The file, INI-style; one section per bind:
//
//   # the default bind: tables without CTQL_TABLE_BIND
//   [database.default]
//   url = sqlite:///pipeline.db
//
//   [database.warehouse]
//   dialect = postgresql          ; the fields of Outflow's configuration
//   address = db.internal:5432    ; host[:port], [ipv6]:port, or a unix socket directory
//   database = events
//   user = etl                    ; or etl:password, accepted but never required
//   password_env = WAREHOUSE_PW   ; or password_file = /run/secrets/warehouse
//   admin = etl_owner             ; the role for migrations (default: user)
//   admin_password_file = /run/secrets/warehouse_owner
//   replica_url = postgresql://etl@replica.internal/events   ; selects go there (engine/read_replica.hpp)
//   max_replica_lag_ms = 2000     ; ...while it is at most this far behind
//
// Reading rules:
// - A line is blank, a comment (its first non-blank character is '#' or ';'),
//   a [section] header, or `key = value`. Comments take whole lines only: '#'
//   and ';' inside a value belong to it (URLs and passwords hold them).
// - Spaces and tabs around keys and values are dropped. A value in double
//   quotes keeps what is inside as written (spaces included, no escapes).
// - Sections other than [database.<name>] are skipped with their keys, so the
//   file may hold other tools' settings. A name is a bind name: lower-case
//   letters, digits and '_', beginning with a letter.
// - Keys: either `url` (and `admin_url`), or `dialect` (postgresql or
//   sqlite), `address`, `database`, `user`; with both forms `password_env`,
//   `password_file`, `admin`, `admin_password_env`, `admin_password_file`.
//   `user` and `admin` are `name` or `name:password`. A password comes from one
//   place only. SQLite takes `address` (a path, or :memory:) and nothing else.
// - `replica_url` (PostgreSQL, either form) names a streaming replica for the
//   user role's reads; without a password of its own it takes the user's
//   (inline, password_env or password_file). `max_replica_lag_ms` needs it.
// - Every mistake is an interface_error naming the file, the line and what is
//   wrong: an unknown or repeated key, a repeated section, a section with
//   neither url nor dialect, ... Values are never quoted in messages (they
//   may be secrets); URLs are, with their passwords masked.
//
// Each database has a user URL, for everything a program does with data, and
// an admin URL, for migrations; without `admin` or `admin_url` the two are the
// same. Passwords named by password_env / password_file are read when an
// engine is made (ctql::resolve_password), not when the file is read.
//
// The environment overrides the file: CTQL_DATABASE_<NAME>_URL sets the user
// URL of the bind <name> (upper-cased), and its admin URL too unless
// CTQL_DATABASE_<NAME>_ADMIN_URL sets that; a bind only the environment names
// is added. CTQL_DATABASE_<NAME>_REPLICA_URL sets its read replica. To take a password from elsewhere, give the URL password_env=... .
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <optional>
#include <cstddef>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include <ctql/core/error.hpp>
#include <ctql/engine/engine.hpp>
#include <ctql/engine/url.hpp>
#include <ctql/pipeline/binds.hpp>

namespace ctql {

// Which of a database's two roles an engine connects as.
enum class database_role {
    user,   // reads and writes data
    admin,  // changes the schema (migrations)
};

struct database_entry {
    std::string name;    // the bind name
    url user{};          // password_env / password_file stay in the query until an engine is made
    url admin{};         // the same as user when the configuration names no admin
    std::string origin;  // "pipeline.ini:12", or the environment variable that set it
    std::optional<url> replica{};  // a streaming replica for the user role's reads
    std::optional<std::chrono::milliseconds> max_replica_lag{};

    const url& role_url(database_role role) const { return role == database_role::admin ? admin : user; }

    // [database.<name>] with its URLs, passwords shown as ***.
    std::string to_string() const {
        std::string out = "[database." + name + "]\nurl = " + user.to_string() + "\n";
        if (admin != user) out += "admin_url = " + admin.to_string() + "\n";
        if (replica) out += "replica_url = " + replica->to_string() + "\n";
        if (max_replica_lag) out += "max_replica_lag_ms = " + std::to_string(max_replica_lag->count()) + "\n";
        return out;
    }
};

class database_config {
public:
    // Reads configuration text; `source` names it in error messages (a file name).
    static database_config parse(std::string_view text, std::string_view source = "configuration");

    static database_config from_file(const std::string& path) {
        std::ifstream file{path, std::ios::binary};
        if (!file) {
            const auto reason = std::error_code{errno, std::generic_category()}.message();
            throw interface_error("ctql: cannot read the database configuration file \"" + path + "\": " + reason);
        }
        std::ostringstream text;
        text << file.rdbuf();
        return parse(text.str(), path);
    }

    // The file, then the overrides of the process environment.
    static database_config load(const std::string& path) {
        database_config config = from_file(path);
        config.apply_environment();
        return config;
    }

    // Applies CTQL_DATABASE_<NAME>_URL and _ADMIN_URL from the process environment.
    database_config& apply_environment() {
        std::vector<std::pair<std::string, std::string>> variables;
        for (char** at = ::environ; at != nullptr && *at != nullptr; ++at) {
            const std::string_view entry{*at};
            const auto eq = entry.find('=');
            if (eq != std::string_view::npos && entry.starts_with(prefix))
                variables.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
        }
        return apply_environment(variables);
    }

    // The same from the variables given (name, value); others are ignored.
    database_config& apply_environment(std::vector<std::pair<std::string, std::string>> variables);

    const std::vector<database_entry>& databases() const { return entries_; }

    const database_entry* find(std::string_view name) const {
        const auto at = std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.name == name; });
        return at == entries_.end() ? nullptr : &*at;
    }

    const database_entry& at(std::string_view name) const {
        if (const database_entry* entry = find(name)) return *entry;
        std::string known;
        for (const auto& e : entries_) known += (known.empty() ? "" : ", ") + e.name;
        throw interface_error("ctql: the database configuration has no database \"" + std::string{name} + "\"; " +
                              (known.empty() ? std::string{"it has none"} : "it has: " + known));
    }

    // The configuration as a file would give it, passwords shown as ***.
    std::string to_string() const {
        std::string out;
        for (const auto& e : entries_) out += (out.empty() ? "" : "\n") + e.to_string();
        return out;
    }

private:
    static constexpr std::string_view prefix = "CTQL_DATABASE_";
    database_entry& entry_named(const std::string& name) {
        for (auto& e : entries_)
            if (e.name == name) return e;
        entries_.push_back(database_entry{name, {}, {}, {}});
        return entries_.back();
    }

    std::vector<database_entry> entries_;
};

inline std::ostream& operator<<(std::ostream& out, const database_entry& e) { return out << e.to_string(); }
inline std::ostream& operator<<(std::ostream& out, const database_config& c) { return out << c.to_string(); }

namespace detail::config_text {

inline constexpr std::string_view keys[] = {
    "url",  "admin_url", "dialect",       "address",       "database",           "user",
    "admin", "password_env", "password_file", "admin_password_env", "admin_password_file",
    "replica_url", "max_replica_lag_ms",
};

inline std::string_view trim(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

struct value_at {
    std::string text;
    std::size_t line;
};

// One [database.<name>] section as read, before it is made into URLs.
struct section {
    std::string name;
    std::size_t line = 0;
    std::vector<std::pair<std::string, value_at>> values;

    const value_at* get(std::string_view key) const {
        for (const auto& [k, v] : values)
            if (k == key) return &v;
        return nullptr;
    }
};

// A replica URL without a password of its own takes the user's: the same role on another host.
inline url with_password_of(const url& user, url replica) {
    const bool has_own = replica.password || replica.query_value("password_env") || replica.query_value("password_file");
    if (has_own) return replica;
    replica.password = user.password;
    for (const auto& [key, value] : user.query)
        if (key == "password_env" || key == "password_file") replica.query.emplace_back(key, value);
    return replica;
}

class builder {
public:
    builder(std::string_view source, const section& s) : source_(source), s_(s) {}

    database_entry build() const {
        database_entry entry;
        entry.name = s_.name;
        entry.origin = where(s_.line);
        const bool has_url = s_.get("url") != nullptr;
        const bool has_dialect = s_.get("dialect") != nullptr;
        if (has_url && has_dialect) fail_section("gives both url and dialect; use one form");
        if (!has_url && !has_dialect) fail_section("has neither url nor dialect");
        if (has_url) {
            for (std::string_view key : {"address", "database", "user"})
                if (s_.get(key)) fail(s_.get(key)->line, "key " + std::string{key} + " goes with dialect, not url; put it in the url");
            entry.user = read_url("url");
            if (s_.get("admin_url") && s_.get("admin"))
                fail(s_.get("admin")->line, "admin and admin_url are both given; use one");
        } else {
            if (s_.get("admin_url")) fail(s_.get("admin_url")->line, "admin_url goes with url, not dialect; use admin");
            entry.user = from_fields();
        }
        add_password_source(entry.user, "password_env", "password_file", "user");
        if (s_.get("admin_url")) {
            entry.admin = read_url("admin_url");
            add_password_source(entry.admin, "admin_password_env", "admin_password_file", "admin");
        } else if (const value_at* admin = s_.get("admin")) {
            entry.admin = entry.user;
            entry.admin.password.reset();
            std::erase_if(entry.admin.query, [](const auto& pair) {
                return pair.first == "password_env" || pair.first == "password_file";
            });
            if (entry.admin.dialect == "sqlite") fail(admin->line, "sqlite databases have no admin role");
            set_role(entry.admin, *admin);
            add_password_source(entry.admin, "admin_password_env", "admin_password_file", "admin");
        } else {
            for (std::string_view key : {"admin_password_env", "admin_password_file"})
                if (s_.get(key)) fail(s_.get(key)->line, std::string{key} + " needs admin or admin_url");
            entry.admin = entry.user;
        }
        read_replica(entry);
        return entry;
    }

private:
    std::string where(std::size_t line) const { return std::string{source_} + ":" + std::to_string(line); }
    [[noreturn]] void fail(std::size_t line, const std::string& what) const {
        throw interface_error("ctql: " + where(line) + ": [database." + s_.name + "]: " + what);
    }
    [[noreturn]] void fail_section(const std::string& what) const {
        throw interface_error("ctql: " + where(s_.line) + ": [database." + s_.name + "] " + what);
    }

    url read_url(std::string_view key) const {
        const value_at& v = *s_.get(key);
        url u;
        try {
            u = parse_url(v.text);
        } catch (const interface_error& e) {
            fail(v.line, std::string{key} + ": " + e.what());  // the URL's messages mask its password
        }
        return u;
    }

    url from_fields() const {
        const value_at& dialect = *s_.get("dialect");
        const value_at* address = s_.get("address");
        url u;
        if (dialect.text == "sqlite") {
            for (std::string_view key : {"user", "admin", "database", "password_env", "password_file",
                                         "admin_password_env", "admin_password_file"})
                if (s_.get(key))
                    fail(s_.get(key)->line, "sqlite databases have no " + std::string{key} +
                                                "; the database file is address");
            if (!address) fail_section("needs address: the sqlite database file, or :memory:");
            u.dialect = "sqlite";
            u.database = address->text;
            return u;
        }
        if (dialect.text != "postgresql" && dialect.text != "postgres")
            fail(dialect.line, "dialect " + dialect.text + " is not supported; use postgresql or sqlite");
        u.dialect = "postgresql";
        if (!address) fail_section("needs address: host[:port], [ipv6]:port or a unix socket directory");
        read_address(u, *address);
        if (const value_at* database = s_.get("database")) u.database = database->text;
        if (const value_at* user = s_.get("user")) set_role(u, *user);
        return u;
    }

    void read_address(url& u, const value_at& v) const {
        std::string_view text = v.text;
        std::string_view port;
        if (text.starts_with('/')) {
            u.host = std::string{text};  // a unix socket directory: libpq takes it as the host
            return;
        }
        if (text.starts_with('[')) {
            const auto close = text.find(']');
            if (close == std::string_view::npos) fail(v.line, "address: '[' opens an IPv6 address that ']' does not close");
            u.host = std::string{text.substr(1, close - 1)};
            const auto rest = text.substr(close + 1);
            if (!rest.empty() && rest.front() != ':') fail(v.line, "address: after ']' comes :port or nothing");
            if (!rest.empty()) port = rest.substr(1);
            else return;
        } else {
            const auto colon = text.find(':');
            if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos)
                fail(v.line, "address: an IPv6 address is written in brackets, as [::1]:5432");
            u.host = std::string{text.substr(0, colon)};
            if (colon == std::string_view::npos) return;
            port = text.substr(colon + 1);
        }
        if (u.host->empty()) fail(v.line, "address: the host is empty");
        int n = 0;
        const bool digits = !port.empty() && port.size() <= 5 &&
                            std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digits) for (char c : port) n = n * 10 + (c - '0');
        if (!digits || n < 1 || n > 65535) fail(v.line, "address: the port is not a number in 1-65535");
        u.port = n;
    }

    // `name` or `name:password` (Outflow's form) as the URL's user.
    void set_role(url& u, const value_at& v) const {
        const auto colon = v.text.find(':');
        u.username = v.text.substr(0, colon);
        if (u.username->empty()) fail(v.line, "the role name before ':' is empty");
        if (colon != std::string::npos) u.password = v.text.substr(colon + 1);
    }

    void read_replica(database_entry& entry) const {
        const value_at* lag = s_.get("max_replica_lag_ms");
        if (!s_.get("replica_url")) {
            if (lag) fail(lag->line, "max_replica_lag_ms needs replica_url");
            return;
        }
        url replica = read_url("replica_url");
        if (replica.dialect != "postgresql" || entry.user.dialect != "postgresql")
            fail(s_.get("replica_url")->line, "replica_url: read replicas are PostgreSQL's, for a postgresql database");
        entry.replica = with_password_of(entry.user, std::move(replica));
        if (lag) {
            long long ms = -1;
            const auto [end, ec] = std::from_chars(lag->text.data(), lag->text.data() + lag->text.size(), ms);
            if (ec != std::errc{} || end != lag->text.data() + lag->text.size() || ms < 0)
                fail(lag->line, "max_replica_lag_ms is not a whole number of milliseconds, 0 or more");
            entry.max_replica_lag = std::chrono::milliseconds{ms};
        }
    }

    void add_password_source(url& u, std::string_view env_key, std::string_view file_key, std::string_view role) const {
        const value_at* env = s_.get(env_key);
        const value_at* file = s_.get(file_key);
        if (!env && !file) return;
        const value_at& given = env ? *env : *file;
        if (env && file)
            fail(file->line, std::string{env_key} + " and " + std::string{file_key} + " are both given; use one");
        if (u.dialect == "sqlite") fail(given.line, "sqlite databases have no password");
        if (u.password)
            fail(given.line, "the " + std::string{role} + " has an inline password and " +
                                 std::string{env ? env_key : file_key} + " too; use one");
        if (u.query_value("password_env") || u.query_value("password_file"))
            fail(given.line, "the " + std::string{role} + " url names password_env or password_file already, and " +
                                 std::string{env ? env_key : file_key} + " is given too; use one");
        u.query.emplace_back(env ? "password_env" : "password_file", given.text);
    }

    std::string_view source_;
    const section& s_;
};

}  // namespace detail::config_text

inline database_config database_config::parse(std::string_view text, std::string_view source) {
    using namespace detail::config_text;
    const auto where = [&](std::size_t line) { return "ctql: " + std::string{source} + ":" + std::to_string(line) + ": "; };
    std::vector<section> sections;
    section* current = nullptr;
    bool skipping = false;  // inside a section that is not [database.<name>]
    std::size_t line_number = 0;
    for (std::size_t pos = 0; pos <= text.size();) {
        auto end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        line = trim(line);
        if (line.empty() || line.front() == '#' || line.front() == ';') continue;
        if (line.front() == '[') {
            if (line.back() != ']') throw interface_error(where(line_number) + "a section header is not closed with ']'");
            const auto header = trim(line.substr(1, line.size() - 2));
            current = nullptr;
            skipping = false;
            if (header == "database")
                throw interface_error(where(line_number) + "[database] needs a name, as [database.default]");
            if (!header.starts_with("database.")) {
                skipping = true;
                continue;
            }
            const auto name = header.substr(9);
            if (const auto problem = detail::bind_name_problem(name); !problem.empty())
                throw interface_error(where(line_number) + "[database." + std::string{name} + "]: " +
                                      std::string{problem});
            for (const auto& s : sections)
                if (s.name == name)
                    throw interface_error(where(line_number) + "[database." + std::string{name} +
                                          "] appears twice (first on line " + std::to_string(s.line) + ")");
            sections.push_back(section{std::string{name}, line_number, {}});
            current = &sections.back();
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string_view::npos)
            throw interface_error(where(line_number) +
                                  "expected key = value, a [section] header or a comment (# or ;)");
        const auto key = trim(line.substr(0, eq));
        if (key.empty()) throw interface_error(where(line_number) + "a line has no key before '='");
        if (skipping) continue;
        if (current == nullptr)
            throw interface_error(where(line_number) + "key " + std::string{key} +
                                  " comes before any [database.<name>] section");
        if (std::find(std::begin(keys), std::end(keys), key) == std::end(keys)) {
            std::string known;
            for (std::string_view k : keys) known += (known.empty() ? "" : ", ") + std::string{k};
            throw interface_error(where(line_number) + "[database." + current->name + "]: unknown key " +
                                  std::string{key} + "; the keys are " + known);
        }
        if (const value_at* first = current->get(key))
            throw interface_error(where(line_number) + "[database." + current->name + "]: key " +
                                  std::string{key} + " is given twice (first on line " + std::to_string(first->line) +
                                  ")");
        auto value = trim(line.substr(eq + 1));
        if (value.starts_with('"')) {
            if (value.size() < 2 || value.back() != '"')
                throw interface_error(where(line_number) + "[database." + current->name + "]: the value of " +
                                      std::string{key} + " opens a double quote that it does not close");
            value = value.substr(1, value.size() - 2);
        }
        if (value.empty())
            throw interface_error(where(line_number) + "[database." + current->name + "]: key " + std::string{key} +
                                  " has no value");
        if (value.find('\0') != std::string_view::npos)
            throw interface_error(where(line_number) + "[database." + current->name + "]: the value of " +
                                  std::string{key} + " holds a NUL character");
        current->values.emplace_back(std::string{key}, value_at{std::string{value}, line_number});
    }
    database_config config;
    for (const auto& s : sections) config.entries_.push_back(builder{source, s}.build());
    return config;
}

inline database_config& database_config::apply_environment(std::vector<std::pair<std::string, std::string>> variables) {
    // The user URLs first, so that an admin URL finds its database.
    // CTQL_DATABASE_ADMIN_URL is the user URL of a bind named admin.
    // CTQL_DATABASE_REPLICA_URL likewise names a bind called replica.
    const auto sets_admin = [](std::string_view variable) {
        return variable.ends_with("_ADMIN_URL") && variable.size() > prefix.size() + 10;
    };
    const auto sets_replica = [](std::string_view variable) {
        return variable.ends_with("_REPLICA_URL") && variable.size() > prefix.size() + 12;
    };
    // By name, so that the databases the environment adds come in one order whatever the environment's.
    std::sort(variables.begin(), variables.end(), [&](const auto& a, const auto& b) {
        return std::tuple{sets_admin(a.first) || sets_replica(a.first), std::string_view{a.first}} <
               std::tuple{sets_admin(b.first) || sets_replica(b.first), std::string_view{b.first}};
    });
    // Changed as a whole or not at all: a bad variable leaves the configuration as it was.
    database_config next = *this;
    for (const auto& [variable, value] : variables) {
        if (!variable.starts_with(prefix) || !variable.ends_with("_URL")) continue;
        const bool admin = sets_admin(variable);
        const bool replica = sets_replica(variable);
        if (variable.size() <= prefix.size() + 4)
            throw interface_error("ctql: environment variable " + variable +
                                  " names no database; write CTQL_DATABASE_<NAME>_URL, as CTQL_DATABASE_DEFAULT_URL");
        const std::string_view upper = std::string_view{variable}.substr(
            prefix.size(), variable.size() - prefix.size() - (admin ? 10 : replica ? 12 : 4));
        const auto context = "ctql: environment variable " + variable + ": ";
        // Upper case in the environment, lower case as a bind name: one letter case only.
        std::string name;
        bool lower_case_seen = false;
        for (char c : upper) {
            lower_case_seen = lower_case_seen || (c >= 'a' && c <= 'z');
            name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        if (lower_case_seen || !detail::bind_name_problem(name).empty())
            throw interface_error(context + "the database name is written in upper-case letters, digits and '_', "
                                            "beginning with a letter, as CTQL_DATABASE_WAREHOUSE_URL");
        url u;
        try {
            u = parse_url(value);
        } catch (const interface_error& e) {
            throw interface_error(context + e.what());
        }
        if (admin || replica) {
            const auto at = std::find_if(next.entries_.begin(), next.entries_.end(),
                                         [&](const auto& e) { return e.name == name; });
            if (at == next.entries_.end())
                throw interface_error(context + "sets the " + (admin ? "admin" : "replica") + " URL of the database " +
                                      name + ", which neither the configuration nor CTQL_DATABASE_" +
                                      std::string{upper} + "_URL gives");
            if (admin) {
                at->admin = std::move(u);
            } else {
                if (u.dialect != "postgresql" || at->user.dialect != "postgresql")
                    throw interface_error(context + "read replicas are PostgreSQL's, for a postgresql database");
                at->replica = detail::config_text::with_password_of(at->user, std::move(u));
            }
            at->origin += std::string(admin ? ", admin from " : ", replica from ") + variable;
        } else {
            database_entry& entry = next.entry_named(name);
            entry.user = u;
            entry.admin = std::move(u);
            entry.replica.reset();  // the file's replica was of the database this replaces
            entry.max_replica_lag.reset();
            entry.origin = variable;
        }
    }
    *this = std::move(next);
    return *this;
}

// A registry with an engine for each configured database, connecting as the
// role asked for: the user role, unless a migration tool asks for admin.
inline bind_registry make_registry(const database_config& config, database_role role = database_role::user,
                                   const engine_options& options = {}) {
    bind_registry registry;
    for (const auto& entry : config.databases()) {
        try {
            engine_options engine_options_for_entry = options;
            if (role == database_role::user && entry.replica)
                engine_options_for_entry.read_replica =
                    read_replica_options{.url = entry.replica->to_string(false), .max_lag = entry.max_replica_lag};
            registry.add(entry.name, create_engine(entry.role_url(role).to_string(false), engine_options_for_entry));
        } catch (const interface_error& e) {
            throw interface_error("ctql: database " + entry.name + " (" + entry.origin + "): " + e.what());
        }
    }
    return registry;
}

}  // namespace ctql

// Prints with passwords hidden, like operator<<.
template <>
struct fmt::formatter<ctql::database_config> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const ctql::database_config& c, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(c.to_string(), ctx);
    }
};
template <>
struct fmt::formatter<ctql::database_entry> : fmt::formatter<std::string_view> {
    template <typename FormatContext>
    auto format(const ctql::database_entry& e, FormatContext& ctx) const -> decltype(ctx.out()) {
        return fmt::formatter<std::string_view>::format(e.to_string(), ctx);
    }
};
