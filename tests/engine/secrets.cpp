// No password or secret value appears in any exception text, log line or
// printed URL, however the URL or connection string is malformed and
// whatever the database quotes back.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include <ctql/engine.hpp>

#include "../common/engines.hpp"
#include "../common/error_text.hpp"

CTQL_TABLE(accounts,
    (id,       std::int64_t, ctql::primary_key),
    (login,    std::string),
    (password, std::string,  ctql::secret, ctql::unique));

using namespace ctql;
using ctql_test::postgres_url;

namespace {
// What a user gets to see of a call: the exception text, or the URL printed.
template <class F>
std::string shown(F&& f) {
    try {
        return fmt::format("{}", f());
    } catch (const std::exception& e) {
        return e.what();
    }
}

}  // namespace

TEST_CASE("a malformed URL is quoted without its password, however it is malformed") {
    const std::vector<std::string> urls{
        "postgresql://us[er:PW4leak@h/db",       // '[' in the user name
        "postgresql://[u]:PW4leak@h/db",         // a bracketed "host" before the password
        "postgresql://[u:PW4leak@h/db",          // an unterminated '['
        "postgresql://u:PW4leak@h:99999/db",     // a port out of range after the password
        "postgresql://u:PW4%zzleak@h/db",        // a bad escape inside the password
        "postgresql://u:PW4leak",                // the "@host" missing
        "postgresql:u:PW4leak@h/db",             // the "//" missing
        "postgresql://u@h/db?password=PW4leak&=x",
        "postgresql://u@h/db?pass%77ord=PW4leak&%zz",
        "postgresql://u@h/db?PASSWORD=PW4leak&%zz",
        "postgresql://u@h/db?sslpassword=PW4leak&a=%zz",
    };
    for (const auto& text : urls) {
        INFO(text);
        const std::string parsed = shown([&] { return parse_url(text); });
        CHECK(parsed.find("PW4") == std::string::npos);
        const std::string engine_error = shown([&] { return create_engine(text).display_url(); });
        CHECK(engine_error.find("PW4") == std::string::npos);
    }
}

TEST_CASE("a percent-encoded or upper-case password key is masked like password") {
    for (const char* text : {"postgresql://u@h/db?pass%77ord=PW4leak", "postgresql://u@h/db?PASSWORD=PW4leak",
                             "postgresql://u@h/db?SSLPassword=PW4leak"}) {
        INFO(text);
        const url u = parse_url(text);
        CHECK(u.to_string().find("PW4") == std::string::npos);
        CHECK(fmt::format("{}", u).find("PW4") == std::string::npos);
        // libpq refuses the key; the complaint still does not quote the value.
        CHECK(shown([&] { return create_engine(text).display_url(); }).find("PW4") == std::string::npos);
    }
}

TEST_CASE("the raw PostgreSQL connection never quotes a password from its connection string") {
    const std::vector<std::string> strings{
        "host=/nonexistent/ctql password=PW4leak bogus",          // libpq quotes a word it cannot read
        "host=/nonexistent/ctql password='PW4leak",               // unterminated quote
        "postgresql://u:PW4%zzleak@/db?host=/nonexistent/ctql",   // a bad escape in the password
        "postgresql://u\":PW4\"leak@h:x/db",                      // quotes inside what libpq quotes
        "postgresql://u:PW4leak@/db?host=/nonexistent/ctql&port=PW4leak",  // quoted as a bad port
        "host=/nonexistent/ctql port=1 password=PW4leak connect_timeout=1",
    };
    for (const auto& conninfo : strings) {
        INFO(conninfo);
        const std::string message = ctql_test::error_text([&] { postgres::connection db{conninfo}; });
        CHECK_THAT(message, Catch::StartsWith("cannot connect to PostgreSQL"));
        CHECK(message.find("PW4") == std::string::npos);
    }
    // The rest of libpq's explanation is kept.
    CHECK_THAT(ctql_test::error_text([] { postgres::connection db{"host=/nonexistent/ctql password=PW4leak bogus"}; }),
               Catch::Contains("could not be read (quoted parts hidden, they may hold a password): missing "
                               "\"***\" in connection info string"));
    CHECK_THAT(ctql_test::error_text([] { postgres::connection db{"host=/nonexistent/ctql sslmode=bogus password=x"}; }),
               Catch::Contains("invalid sslmode value: \"bogus\""));
}

TEST_CASE("a constraint error on a secret column does not quote the secret value") {
    constexpr auto add = insert_into(accounts).set(accounts.login = param<"login", std::string>,
                                                   accounts.password = param<"password", std::string>);
    SECTION("through the backend connection") {
        postgres::connection db{ctql_test::postgres_conninfo()};
        db(drop_table(accounts));
        db(create_table(accounts));
        db(add, arg<"login">("ada"), arg<"password">("hunter2-secret"));
        try {
            db(add, arg<"login">("bob"), arg<"password">("hunter2-secret"));
            FAIL("a duplicate password was stored");
        } catch (const integrity_error& e) {
            CHECK(e.sqlstate() == "23505");
            CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
            CHECK(e.detail() == "Key (password)=(***) already exists.");
        }
        // The same through a literal value, a pipeline and COPY.
        CHECK(ctql_test::error_text([&] { db(insert_into(accounts).set(accounts.login = "cy", accounts.password = "hunter2-secret")); })
                  .find("hunter2") == std::string::npos);
        CHECK(ctql_test::error_text([&] {
                  auto batch = db.pipeline();
                  batch(add, arg<"login">("dee"), arg<"password">("hunter2-secret"));
                  batch.sync();
              }).find("hunter2") == std::string::npos);
        std::vector<std::tuple<std::string, std::string>> rows{{"eve", "hunter2-secret"}};
        const std::string copied = ctql_test::error_text([&] { db(insert_into(accounts).columns(accounts.login, accounts.password), rows); });
        CHECK_THAT(copied, Catch::Contains("duplicate key"));
        CHECK(copied.find("hunter2") == std::string::npos);
    }
    SECTION("through an engine, which also logs the failure") {
        std::vector<std::string> lines;
        engine_options options;
        options.echo.enabled = true;
        options.echo.sink = [&](const statement_event& e) { lines.push_back(fmt::format("{} {}", e.parameters, e.error)); };
        engine db = create_engine(postgres_url(), options);
        auto c = db.connect();
        c(drop_table(accounts));
        c(create_table(accounts));
        c(add, arg<"login">("ada"), arg<"password">("hunter2-secret"));
        const std::string message = ctql_test::error_text([&] { c(add, arg<"login">("bob"), arg<"password">("hunter2-secret")); });
        CHECK_THAT(message, Catch::Contains("duplicate key"));
        CHECK(message.find("hunter2") == std::string::npos);
        for (const auto& line : lines) CHECK(line.find("hunter2") == std::string::npos);
    }
}
