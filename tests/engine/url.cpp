#include <ctql/engine/url.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using ctql::parse_url;
using ctql::url;

namespace {

using query_pairs = std::vector<std::pair<std::string, std::string>>;

// One row per URL: either the fields it parses to, or a piece of the error it raises.
struct url_case {
    std::string_view input;
    url expected = {};
    std::string_view error = {};  // non-empty: parse_url must throw interface_error containing it
};

const std::vector<url_case>& url_cases() {
    static const std::vector<url_case> cases{
        // --- sqlite -------------------------------------------------------------------
        {"sqlite://", {.dialect = "sqlite"}},
        {"sqlite:///rel.db", {.dialect = "sqlite", .database = "rel.db"}},
        {"sqlite:////abs/x.db", {.dialect = "sqlite", .database = "/abs/x.db"}},
        {"sqlite:///:memory:", {.dialect = "sqlite", .database = ":memory:"}},
        {"sqlite+pysqlite:///data/app.db", {.dialect = "sqlite", .driver = "pysqlite", .database = "data/app.db"}},
        {"sqlite:///my%20file%2B1.db", {.dialect = "sqlite", .database = "my file+1.db"}},
        {"sqlite://?mode=ro", {.dialect = "sqlite", .query = query_pairs{{"mode", "ro"}}}},
        {"sqlite:///x.db?busy_timeout=100&echo",
         {.dialect = "sqlite", .database = "x.db", .query = query_pairs{{"busy_timeout", "100"}, {"echo", ""}}}},
        // --- postgresql ---------------------------------------------------------------
        {"postgresql://u:pw@h:5432/db",
         {.dialect = "postgresql", .username = "u", .password = "pw", .host = "h", .port = 5432, .database = "db"}},
        {"postgres://h/db", {.dialect = "postgresql", .host = "h", .database = "db"}},
        {"PostgreSQL://h/db", {.dialect = "postgresql", .host = "h", .database = "db"}},
        {"postgresql+psycopg2://u@h/db",
         {.dialect = "postgresql", .driver = "psycopg2", .username = "u", .host = "h", .database = "db"}},
        {"postgresql+://h", {.dialect = "postgresql", .host = "h"}},
        {"postgresql://u:p%40ss%3Aw%2Fd@h/db",
         {.dialect = "postgresql", .username = "u", .password = "p@ss:w/d", .host = "h", .database = "db"}},
        {"postgresql://u:p@ss@h/db",  // an unencoded '@' in the password: the last '@' ends it
         {.dialect = "postgresql", .username = "u", .password = "p@ss", .host = "h", .database = "db"}},
        {"postgresql://u:a/b?c@h/db",  // '/' and '?' before the last '@' belong to the password
         {.dialect = "postgresql", .username = "u", .password = "a/b?c", .host = "h", .database = "db"}},
        {"postgresql://me@corp@h/db", {.dialect = "postgresql", .username = "me@corp", .host = "h", .database = "db"}},
        {"postgresql://u:a+b@h/db",  // '+' is a plus, not a space
         {.dialect = "postgresql", .username = "u", .password = "a+b", .host = "h", .database = "db"}},
        {"postgresql://u:@h/db", {.dialect = "postgresql", .username = "u", .password = "", .host = "h", .database = "db"}},
        {"postgresql://[::1]:5433/db", {.dialect = "postgresql", .host = "::1", .port = 5433, .database = "db"}},
        // several hosts, for libpq to try in order (failover)
        {"postgresql://u:pw@h1:5432,h2:5433/db?target_session_attrs=read-write",
         {.dialect = "postgresql", .username = "u", .password = "pw", .host = "h1", .port = 5432,
          .more_hosts = {{"h2", 5433}}, .database = "db", .query = query_pairs{{"target_session_attrs", "read-write"}}}},
        {"postgresql://h1,h2:6000,[::1]:5433,[::2]/db",
         {.dialect = "postgresql", .host = "h1", .more_hosts = {{"h2", 6000}, {"::1", 5433}, {"::2", {}}},
          .database = "db"}},
        {"postgresql://h1:5432,/db", {}, "empty host in the host list"},
        {"postgresql://h1:5432,h2:x/db", {}, "the port is not a number"},  // masked: it might be a password
        {"postgresql://h1,h2:5432,,h3/db", {}, "empty host in the host list"},
        {"sqlite://,h2/x.db", {}, "sqlite URLs have no host"},
        {"postgresql://u@[fe80::1%25eth0]/db",
         {.dialect = "postgresql", .username = "u", .host = "fe80::1%eth0", .database = "db"}},
        {"postgresql:///db?host=/tmp/sock",
         {.dialect = "postgresql", .database = "db", .query = query_pairs{{"host", "/tmp/sock"}}}},
        {"postgresql://%2Ftmp%2Fsock/db", {.dialect = "postgresql", .host = "/tmp/sock", .database = "db"}},
        {"postgresql://", {.dialect = "postgresql"}},
        {"postgresql://h", {.dialect = "postgresql", .host = "h"}},
        {"postgresql://h:1", {.dialect = "postgresql", .host = "h", .port = 1}},
        {"postgresql://h:65535/", {.dialect = "postgresql", .host = "h", .port = 65535}},
        {"postgresql://h/my%20db", {.dialect = "postgresql", .host = "h", .database = "my db"}},
        {"postgresql://h/db?a=1&a=2&b",
         {.dialect = "postgresql", .host = "h", .database = "db", .query = query_pairs{{"a", "1"}, {"a", "2"}, {"b", ""}}}},
        {"postgresql://h/db?q=a%26b%3Dc+d&&x=1&",
         {.dialect = "postgresql", .host = "h", .database = "db", .query = query_pairs{{"q", "a&b=c+d"}, {"x", "1"}}}},
        {"postgresql://h/db?options=-c%20search_path%3Dapp",
         {.dialect = "postgresql", .host = "h", .database = "db", .query = query_pairs{{"options", "-c search_path=app"}}}},
        // --- malformed ----------------------------------------------------------------
        {"", {}, "the URL is empty"},
        {"postgresql", {}, "expected \"://\" after the dialect name (at column 11)"},
        {"postgresql:/h/db", {}, "expected \"://\" after the dialect name (at column 11)"},
        {"://h/db", {}, "the dialect name is empty (at column 1)"},
        {"/tmp/x.db", {}, "expected a dialect name first, as in sqlite:// or postgresql:// (at column 1)"},
        {"+psycopg2://h/db", {}, "the dialect name is empty (at column 1)"},
        {"mysql://h/db", {}, "unknown dialect \"mysql\"; supported: sqlite, postgresql"},
        {"postgresql+a+b://h", {}, "more than one '+' in the dialect name (at column 13)"},
        {"postgresql://h:99999/db", {}, "port 99999 is out of range 1-65535 (at column 16)"},
        {"postgresql://h:0/db", {}, "port 0 is out of range 1-65535"},
        {"postgresql://u:pw@h:12ab/db", {}, "port 12ab is not a number (at column 22)"},
        {"postgresql://h:/db", {}, "the port after ':' is empty (at column 15)"},
        {"postgresql://h/d%G1b", {}, "malformed percent escape \"%G1\" in the database name; '%' is written %25 (at column 17)"},
        {"postgresql://h/db%4", {}, "truncated percent escape \"%4\" in the database name (at column 18)"},
        {"postgresql://h/db?k=%zz", {}, "malformed percent escape \"%zz\" in the query"},
        {"postgresql://%zz/db", {}, "malformed percent escape \"%zz\" in the host"},
        {"postgresql://h/db%00", {}, "%00 (NUL) is not allowed in the database name"},
        {"postgresql://[::1/db", {}, "unterminated IPv6 address: missing ']' (at column 14)"},
        {"postgresql://[]/db", {}, "empty IPv6 address"},
        {"postgresql://[::1]x/db", {}, "expected ':', ',', '/' or '?' after the IPv6 address (at column 19)"},
        {"postgresql://[host]/db", {}, "\"host\" is not an IPv6 address"},
        {"postgresql://h]/db", {}, "'[' and ']' may only enclose an IPv6 address (at column 15)"},
        {"postgresql://a[b@h/db", {}, "unexpected '@' in the host"},
        {"sqlite://host/x.db", {}, "sqlite URLs have no host; use sqlite:///relative.db or sqlite:////absolute.db (at column 10)"},
        {"sqlite://u@/x.db", {}, "sqlite URLs have no user name or password (at column 10)"},
        {"sqlite://:5/x.db", {}, "sqlite URLs have no port (at column 10)"},
        {"postgresql://h/db?=v", {}, "a query parameter has no name before '=' (at column 19)"},
        {"postgresql://h/db\n", {}, "unexpected control character"},
    };
    return cases;
}

// Malformed in every way above, each carrying the password "s3cr3t" somewhere.
const std::vector<std::string_view> malformed_with_secret{
    "mysql://u:s3cr3t@h/db",
    "postgresql://u:s3cr3t@h:99999/db",
    "postgresql://u:s3cr3t@h:abc/db",
    "postgresql://u:s3cr3t@h:/db",
    "postgresql://u:s3cr3t",            // lost its "@host": reads as host u, port s3cr3t
    "postgresql://u:s3cr3t/db",
    "postgresql:/u:s3cr3t@h/db",         // no "://": no rule says where the password ends
    "postgresql//u:s3cr3t@h/db",
    "u:s3cr3t@h://x",
    "://u:s3cr3t@h/db",
    "+x://u:s3cr3t@h/db",
    "postgresql+a+b://u:s3cr3t@h/db",
    "postgresql://u:s3cr3t%G1@h/db",
    "postgresql://u:s3cr3t%4@h/db",
    "postgresql://u:s3cr3t%00@h/db",
    "postgresql://u:s3cr3t\n@h/db",
    "postgresql://u:s3cr3t@x@h:99999/db",
    "postgresql://u:s3cr3t@[::1/db",
    "postgresql://u:s3cr3t@h/db%ZZ",
    "postgresql://u:s3cr3t@h/db?=x",
    "postgresql://u:s3cr3t@h/db\n",
    "sqlite://u:s3cr3t@/x.db",
    "sqlite://u:s3cr3t/x.db",
    "postgresql://h/db?password=s3cr3t&=x",
    "postgresql://h/db?sslpassword=s3cr3t%G1",
    "postgresql://h:99999/db?password=s3cr3t",
};

std::string error_of(std::string_view input) {
    try {
        (void)parse_url(input);
    } catch (const ctql::interface_error& e) {
        return e.what();
    }
    return {};
}

// A file that is removed when the test ends, pass or fail.
struct temp_file {
    std::filesystem::path path;
    explicit temp_file(std::string_view contents)
        : path(std::filesystem::temp_directory_path() /
               ("ctql_url_password_" + std::to_string(::getpid()) + ".txt")) {
        std::ofstream{path, std::ios::binary} << contents;
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    ~temp_file() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("parse_url reads every URL in the table, or rejects it saying what and where", "[engine][url]") {
    REQUIRE(url_cases().size() >= 35);
    for (const auto& c : url_cases()) {
        INFO("URL: " << c.input);
        if (!c.error.empty()) {
            auto message = error_of(c.input);
            REQUIRE_FALSE(message.empty());
            CHECK(message.rfind("malformed database URL \"", 0) == 0);
            CHECK_THAT(message, Catch::Contains(std::string{c.error}));
            continue;
        }
        url parsed;
        REQUIRE_NOTHROW(parsed = parse_url(c.input));
        CHECK(parsed.dialect == c.expected.dialect);
        CHECK(parsed.driver == c.expected.driver);
        CHECK(parsed.username == c.expected.username);
        CHECK(parsed.password == c.expected.password);
        CHECK(parsed.host == c.expected.host);
        CHECK(parsed.port == c.expected.port);
        CHECK(parsed.more_hosts == c.expected.more_hosts);
        CHECK(parsed.database == c.expected.database);
        CHECK(parsed.query == c.expected.query);
        // Rendering with the password shown must read back to the same fields.
        auto rendered = parsed.to_string(false);
        INFO("rendered: " << rendered);
        CHECK(parse_url(rendered) == c.expected);
    }
}

TEST_CASE("the password never appears in an error, to_string(), operator<< or fmt", "[engine][url]") {
    for (auto input : malformed_with_secret) {
        INFO("URL: " << input);
        auto message = error_of(input);
        REQUIRE_FALSE(message.empty());
        CHECK(message.find("s3cr3t") == std::string::npos);
        CHECK(message.find("***") != std::string::npos);
    }

    auto u = parse_url("postgresql://u:s3cr3t@h/db?sslmode=require&password=s3cr3t&sslpassword=s3cr3t");
    CHECK(u.to_string() == "postgresql://u:***@h/db?sslmode=require&password=***&sslpassword=***");
    CHECK(fmt::format("{}", u) == u.to_string());
    CHECK(fmt::format("[{:>90}]", u).find("s3cr3t") == std::string::npos);
    std::ostringstream out;
    out << u;
    CHECK(out.str() == u.to_string());
    CHECK(u.to_string(false).find("s3cr3t") != std::string::npos);  // only when asked for
}

TEST_CASE("error columns count characters of the masked URL the message shows", "[engine][url]") {
    CHECK(error_of("postgresql://u:s3cr3t@h:99999/db") ==
          "malformed database URL \"postgresql://u:***@h:99999/db\": "
          "port 99999 is out of range 1-65535 (at column 22)");
    // An error inside the password points at its *** and does not quote the escape.
    CHECK(error_of("postgresql://u:ab%G1@h/db") ==
          "malformed database URL \"postgresql://u:***@h/db\": "
          "malformed percent escape in the password; '%' is written %25 (at column 16)");
    // A "port" that may be a password that lost its "@host" is masked and not quoted.
    CHECK(error_of("postgresql://u:s3cr3t/db") ==
          "malformed database URL \"postgresql://u:***/db\": the port is not a number (at column 16)");
}

TEST_CASE("percent-decoding of every part, and encoding on the way back", "[engine][url]") {
    auto u = parse_url("postgresql://us%65r%21:p%40ss%3Aw%2Fd%25@db%2Dhost/my%2Fdb?k%20ey=v%26al%3D");
    CHECK(u.username == "user!");
    CHECK(u.password == "p@ss:w/d%");
    CHECK(u.host == "db-host");
    CHECK(u.database == "my/db");
    CHECK(u.query == query_pairs{{"k ey", "v&al="}});
    CHECK(u.to_string(false) == "postgresql://user%21:p%40ss%3Aw%2Fd%25@db-host/my/db?k%20ey=v%26al%3D");
    CHECK(u.to_string() == "postgresql://user%21:***@db-host/my/db?k%20ey=v%26al%3D");

    url built{.dialect = "postgresql", .username = "a b", .password = "x&y=z+1", .host = "fe80::2", .port = 6543};
    built.query = {{"application_name", "ctql test"}};
    CHECK(built.to_string(false) == "postgresql://a%20b:x%26y%3Dz%2B1@[fe80::2]:6543?application_name=ctql%20test");
    CHECK(parse_url(built.to_string(false)) == built);
}

TEST_CASE("query_value answers with the first occurrence; is_memory only for sqlite", "[engine][url]") {
    auto u = parse_url("postgresql://h/db?a=1&a=2&flag");
    CHECK(u.query_value("a") == "1");
    CHECK(u.query_value("flag") == "");
    CHECK_FALSE(u.query_value("missing"));

    CHECK(parse_url("sqlite://").is_memory());
    CHECK(parse_url("sqlite:///:memory:").is_memory());
    CHECK(parse_url("sqlite://?cache=shared").is_memory());
    CHECK_FALSE(parse_url("sqlite:///x.db").is_memory());
    CHECK_FALSE(parse_url("postgresql://").is_memory());

    STATIC_REQUIRE(url::is_engine_option("pool_size"));
    STATIC_REQUIRE(url::is_engine_option("busy_timeout"));
    STATIC_REQUIRE_FALSE(url::is_engine_option("sslmode"));
    STATIC_REQUIRE(url::is_engine_option("pool_reset_on_return"));
    STATIC_REQUIRE(url::is_engine_option("pooler"));
    STATIC_REQUIRE(url::engine_option_keys.size() == 9);
}

TEST_CASE("resolve_password takes the password from an environment variable", "[engine][url]") {
    ::setenv("CTQL_TEST_URL_PASSWORD", "p@ss w'rd", 1);
    auto u = ctql::resolve_password(parse_url("postgresql://u@h/db?sslmode=require&password_env=CTQL_TEST_URL_PASSWORD"));
    CHECK(u.password == "p@ss w'rd");
    CHECK(u.query == query_pairs{{"sslmode", "require"}});

    auto plain = parse_url("postgresql://u:pw@h/db");
    CHECK(ctql::resolve_password(plain) == plain);

    ::unsetenv("CTQL_TEST_URL_UNSET");
    CHECK_THROWS_WITH(ctql::resolve_password(parse_url("postgresql://u@h/db?password_env=CTQL_TEST_URL_UNSET")),
                      Catch::Contains("environment variable \"CTQL_TEST_URL_UNSET\" (password_env) is not set"));
    ::setenv("CTQL_TEST_URL_EMPTY", "", 1);
    CHECK_THROWS_WITH(ctql::resolve_password(parse_url("postgresql://u@h/db?password_env=CTQL_TEST_URL_EMPTY")),
                      Catch::Contains("\"CTQL_TEST_URL_EMPTY\" (password_env) is empty"));

    // Neither the URL's password nor the variable's value appears in the complaint.
    ::setenv("CTQL_TEST_URL_SECRET", "v4lu3", 1);
    std::string twice;
    try {
        (void)ctql::resolve_password(parse_url("postgresql://u:s3cr3t@h/db?password_env=CTQL_TEST_URL_SECRET"));
    } catch (const ctql::interface_error& e) {
        twice = e.what();
    }
    CHECK_THAT(twice, Catch::Contains("has a password and also password_env"));
    CHECK(twice.find("s3cr3t") == std::string::npos);
    CHECK(twice.find("v4lu3") == std::string::npos);

    CHECK_THROWS_WITH(ctql::resolve_password(parse_url("postgresql://h/db?password_env=A&password_file=/b")),
                      Catch::Contains("password_env and password_file are both given"));
}

TEST_CASE("resolve_password takes the password from the first line of a file", "[engine][url]") {
    temp_file secret{"s3cr3t w'th\\ \r\nsecond line\n"};
    auto u = ctql::resolve_password(parse_url("postgresql://u@h/db?password_file=" + secret.path.string() + "&x=1"));
    CHECK(u.password == "s3cr3t w'th\\ ");
    CHECK(u.query == query_pairs{{"x", "1"}});

    auto missing = secret.path.string() + ".missing";
    auto message = std::string{};
    try {
        (void)ctql::resolve_password(parse_url("postgresql://u@h/db?password_file=" + missing));
    } catch (const ctql::interface_error& e) {
        message = e.what();
    }
    CHECK_THAT(message, Catch::Contains("cannot open password_file \"" + missing + "\""));

    temp_file empty{""};
    CHECK_THROWS_WITH(ctql::resolve_password(parse_url("postgresql://u@h/db?password_file=" + empty.path.string())),
                      Catch::Contains("is empty or unreadable"));
    CHECK_THROWS_WITH(ctql::resolve_password(parse_url("postgresql://u@h/db?password_file=" +
                                                       std::filesystem::temp_directory_path().string())),
                      Catch::Contains("is empty or unreadable"));
}

TEST_CASE("libpq_conninfo quotes every value and leaves out engine options", "[engine][url]") {
    url u{.dialect = "postgresql",
          .username = "o'brien",
          .password = "a\\b'c d",
          .host = "/tmp/sock",
          .port = 5432,
          .database = "my db"};
    u.query = {{"sslmode", "require"}, {"pool_size", "5"}, {"echo", ""}, {"application_name", ""}};
    CHECK(u.libpq_conninfo() ==
          "host='/tmp/sock' port='5432' user='o\\'brien' password='a\\\\b\\'c d' dbname='my db' "
          "sslmode='require' application_name=''");

    CHECK(parse_url("postgresql://").libpq_conninfo().empty());
    CHECK(parse_url("postgresql:///db?host=%2Frun%2Fpostgresql").libpq_conninfo() ==
          "dbname='db' host='/run/postgresql'");

    CHECK_THROWS_WITH(parse_url("sqlite:///x.db").libpq_conninfo(), Catch::Contains("needs a postgresql URL"));
    CHECK_THROWS_WITH(parse_url("postgresql://h/db?password_env=X").libpq_conninfo(),
                      Catch::Contains("call ctql::resolve_password() first"));
    // A key is not quoted, so one that is not a plain word could smuggle in other keywords.
    CHECK_THROWS_WITH(parse_url("postgresql://h/db?sslmode%3D%27disable%27%20host=x").libpq_conninfo(),
                      Catch::Contains("is not a libpq connection keyword"));
}

TEST_CASE("a host list goes to libpq as host and port lists, and its ports are never masked", "[engine][url]") {
    auto u = parse_url("postgresql://app:s3cr3t@10.0.0.1:5432,10.0.0.2:5433,[::1]/orders?target_session_attrs=read-write");
    CHECK(u.to_string() == "postgresql://app:***@10.0.0.1:5432,10.0.0.2:5433,[::1]/orders?target_session_attrs=read-write");
    CHECK(u.libpq_conninfo() ==
          "host='10.0.0.1,10.0.0.2,::1' port='5432,5433,' user='app' password='s3cr3t' dbname='orders' "
          "target_session_attrs='read-write'");
    CHECK(parse_url("postgresql://h1,h2/db").libpq_conninfo() == "host='h1,h2' dbname='db'");
    // A malformed URL with a host list echoes its hosts and ports, and still hides the password.
    CHECK(error_of("postgresql://u:s3cr3t@h1:5432,h2:99999/db") ==
          "malformed database URL \"postgresql://u:***@h1:5432,h2:99999/db\": "
          "port 99999 is out of range 1-65535 (at column 31)");
    CHECK_THAT(error_of("postgresql://h1:5432,h2:5433/db?x=%G1"),
               Catch::StartsWith("malformed database URL \"postgresql://h1:5432,h2:5433/db?x=%G1\": "));
    // ...but a "port" list that could be a password which lost its '@host' is masked.
    CHECK(error_of("postgresql://u:s3,cr3t/db").find("s3,cr3t") == std::string::npos);
}
