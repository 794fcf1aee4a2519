// The database configuration: the file format, each mistake with its
// message, environment overrides, passwords from the environment or a file,
// masking wherever a configuration is printed, and registries made from it
// (SQLite and PostgreSQL).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>

#include <ctql/engine.hpp>
#include <ctql/pipeline/database_config.hpp>

#include "../common/engines.hpp"
#include "../common/raw_sql.hpp"
#include "../common/sqlite_file.hpp"

CTQL_TABLE(config_notes,
    (id,   std::int64_t, ctql::primary_key),
    (text, std::string));

CTQL_TABLE(config_events,
    (id,   std::int64_t, ctql::primary_key),
    (kind, std::string));
CTQL_TABLE_BIND(config_events, "warehouse");

using namespace ctql;

namespace {
std::string error_text(auto&& f) {
    try {
        f();
    } catch (const interface_error& e) {
        return e.what();
    }
    FAIL("no interface_error");
    return {};
}

std::string parse_error(const std::string& text) {
    return error_text([&] { database_config::parse(text, "pipeline.ini"); });
}

// A file in the working directory, removed afterwards.
struct temp_file {
    std::string path;
    temp_file(const std::string& stem, const std::string& text)
        : path(stem + "_" + std::to_string(::getpid()) + ".txt") {
        std::ofstream{path} << text;
    }
    ~temp_file() { std::remove(path.c_str()); }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
};

// An environment variable set for one scope.
struct scoped_env {
    std::string name;
    scoped_env(std::string n, const std::string& value) : name(std::move(n)) { ::setenv(name.c_str(), value.c_str(), 1); }
    ~scoped_env() { ::unsetenv(name.c_str()); }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;
};
}  // namespace

TEST_CASE("a configuration file gives each database by url or by Outflow's fields") {
    const auto config = database_config::parse(
        "# databases of the nightly pipeline\r\n"
        "\r\n"
        "[database.default]\r\n"
        "url = sqlite:///pipeline.db\r\n"
        "\n"
        "; another tool's section: skipped\n"
        "[scheduler]\n"
        "workers = 4\n"
        "\n"
        "  [ database.warehouse ]\n"
        "\tdialect = postgresql\n"
        "address = db.internal:5433\n"
        "database=events\n"
        "user = etl\n"
        "password_env = WAREHOUSE_PW\n"
        "admin = etl_owner\n"
        "admin_password_file = \" /run/secrets/owner pw \"\n"
        "; a comment line\n"
        "[database.archive]\n"
        "dialect = sqlite\n"
        "address = /var/lib/archive.db\n"
        "[database.replica]\n"
        "dialect = postgres\n"
        "address = [::1]:6543\n"
        "[database.local]\n"
        "dialect = postgresql\n"
        "address = /run/postgresql\n"
        "database = app\n"
        "[database.reports]\n"
        "url = postgresql://reader@reports/db?sslmode=require#x;y\n"
        "admin_url = postgresql://owner@reports/db\n"
        "admin_password_env = REPORTS_OWNER_PW\n",
        "pipeline.ini");
    std::vector<std::string> names;
    for (const auto& e : config.databases()) names.push_back(e.name);
    CHECK(names == std::vector<std::string>{"default", "warehouse", "archive", "replica", "local", "reports"});
    CHECK_FALSE(config.find("scheduler"));

    CHECK(config.at("default").user.to_string(false) == "sqlite:///pipeline.db");
    CHECK(config.at("default").admin == config.at("default").user);
    CHECK(config.at("default").origin == "pipeline.ini:3");

    const auto& warehouse = config.at("warehouse");
    CHECK(warehouse.user.to_string(false) == "postgresql://etl@db.internal:5433/events?password_env=WAREHOUSE_PW");
    CHECK(warehouse.admin.to_string(false) ==
          "postgresql://etl_owner@db.internal:5433/events?password_file=%20/run/secrets/owner%20pw%20");
    CHECK(warehouse.role_url(database_role::admin) == warehouse.admin);
    CHECK(warehouse.role_url(database_role::user) == warehouse.user);
    CHECK(warehouse.origin == "pipeline.ini:10");

    CHECK(config.at("archive").user.to_string(false) == "sqlite:////var/lib/archive.db");
    CHECK(config.at("replica").user.host == "::1");
    CHECK(config.at("replica").user.port == 6543);
    CHECK(config.at("local").user.host == "/run/postgresql");
    CHECK(config.at("local").user.database == "app");
    // '#' and ';' inside a value belong to it.
    CHECK(config.at("reports").user.query_value("sslmode") == "require#x;y");
    CHECK(config.at("reports").admin.to_string(false) == "postgresql://owner@reports/db?password_env=REPORTS_OWNER_PW");
    CHECK(config.find("nowhere") == nullptr);
    CHECK(error_text([&] { config.at("nowhere"); }) ==
          "ctql: the database configuration has no database \"nowhere\"; it has: default, warehouse, archive, "
          "replica, local, reports");
}

TEST_CASE("each mistake in a configuration file is an error naming the file, the line and what is wrong") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"url = sqlite://\n", "ctql: pipeline.ini:1: key url comes before any [database.<name>] section"},
        {"[database.default]\nurl = sqlite://\npasword = x\n",
         "ctql: pipeline.ini:3: [database.default]: unknown key pasword; the keys are url, admin_url, dialect, "
         "address, database, user, admin, password_env, password_file, admin_password_env, admin_password_file, replica_url, "
         "max_replica_lag_ms"},
        {"[database.default]\nurl = sqlite://\nurl = sqlite:///b.db\n",
         "ctql: pipeline.ini:3: [database.default]: key url is given twice (first on line 2)"},
        {"[database.default]\nurl = sqlite://\n\n[database.default]\nurl = sqlite://\n",
         "ctql: pipeline.ini:4: [database.default] appears twice (first on line 1)"},
        {"\n[database.default]\ndatabase = x\n", "ctql: pipeline.ini:2: [database.default] has neither url nor dialect"},
        {"[database.default]\nurl = sqlite://\ndialect = sqlite\n",
         "ctql: pipeline.ini:1: [database.default] gives both url and dialect; use one form"},
        {"[database.default]\nurl = sqlite://\n", ""},  // the one good input: no error
        {"[database.default\nurl = sqlite://\n", "ctql: pipeline.ini:1: a section header is not closed with ']'"},
        {"[database]\n", "ctql: pipeline.ini:1: [database] needs a name, as [database.default]"},
        {"[database.Ware-house]\n",
         "ctql: pipeline.ini:1: [database.Ware-house]: a bind name begins with a lower-case letter a-z"},
        {"[database.default]\nurl sqlite://\n",
         "ctql: pipeline.ini:2: expected key = value, a [section] header or a comment (# or ;)"},
        {"[database.default]\n = sqlite://\n", "ctql: pipeline.ini:2: a line has no key before '='"},
        {"[database.default]\nurl =   \n", "ctql: pipeline.ini:2: [database.default]: key url has no value"},
        {"[database.default]\nurl = \"sqlite://\n",
         "ctql: pipeline.ini:2: [database.default]: the value of url opens a double quote that it does not close"},
        {"[database.default]\nurl = mysql://u@h/db\n",
         "ctql: pipeline.ini:2: [database.default]: url: malformed database URL \"mysql://u@h/db\": unknown dialect "
         "\"mysql\"; supported: sqlite, postgresql (or postgres) (at column 1)"},
        {"[database.default]\ndialect = oracle\n",
         "ctql: pipeline.ini:2: [database.default]: dialect oracle is not supported; use postgresql or sqlite"},
        {"[database.default]\ndialect = postgresql\n",
         "ctql: pipeline.ini:1: [database.default] needs address: host[:port], [ipv6]:port or a unix socket "
         "directory"},
        {"[database.default]\ndialect = sqlite\n",
         "ctql: pipeline.ini:1: [database.default] needs address: the sqlite database file, or :memory:"},
        {"[database.default]\ndialect = sqlite\naddress = a.db\nuser = bob\n",
         "ctql: pipeline.ini:4: [database.default]: sqlite databases have no user; the database file is address"},
        {"[database.default]\ndialect = postgresql\naddress = h:99999\n",
         "ctql: pipeline.ini:3: [database.default]: address: the port is not a number in 1-65535"},
        {"[database.default]\ndialect = postgresql\naddress = ::1\n",
         "ctql: pipeline.ini:3: [database.default]: address: an IPv6 address is written in brackets, as [::1]:5432"},
        {"[database.default]\ndialect = postgresql\naddress = [::1\n",
         "ctql: pipeline.ini:3: [database.default]: address: '[' opens an IPv6 address that ']' does not close"},
        {"[database.default]\ndialect = postgresql\naddress = h\nuser = :pw\n",
         "ctql: pipeline.ini:4: [database.default]: the role name before ':' is empty"},
        {"[database.default]\ndialect = postgresql\naddress = h\nuser = u:pw\npassword_env = PW\n",
         "ctql: pipeline.ini:5: [database.default]: the user has an inline password and password_env too; use one"},
        {"[database.default]\nurl = postgresql://u@h/db\npassword_env = PW\npassword_file = /pw\n",
         "ctql: pipeline.ini:4: [database.default]: password_env and password_file are both given; use one"},
        {"[database.default]\nurl = postgresql://u@h/db?password_env=A\npassword_env = B\n",
         "ctql: pipeline.ini:3: [database.default]: the user url names password_env or password_file already, and "
         "password_env is given too; use one"},
        {"[database.default]\nurl = postgresql://u@h/db\naddress = h\n",
         "ctql: pipeline.ini:3: [database.default]: key address goes with dialect, not url; put it in the url"},
        {"[database.default]\ndialect = postgresql\naddress = h\nadmin_url = postgresql://a@h/db\n",
         "ctql: pipeline.ini:4: [database.default]: admin_url goes with url, not dialect; use admin"},
        {"[database.default]\nurl = postgresql://u@h/db\nadmin = a\nadmin_url = postgresql://a@h/db\n",
         "ctql: pipeline.ini:3: [database.default]: admin and admin_url are both given; use one"},
        {"[database.default]\nurl = postgresql://u@h/db\nadmin_password_env = PW\n",
         "ctql: pipeline.ini:3: [database.default]: admin_password_env needs admin or admin_url"},
        {"[database.default]\nurl = sqlite:///a.db\nadmin = owner\n",
         "ctql: pipeline.ini:3: [database.default]: sqlite databases have no admin role"},
        {"[database.default]\nurl = sqlite:///a.db\npassword_file = /pw\n",
         "ctql: pipeline.ini:3: [database.default]: sqlite databases have no password"},
    };
    for (const auto& [text, expected] : cases) {
        INFO(text);
        if (expected.empty()) CHECK_NOTHROW(database_config::parse(text, "pipeline.ini"));
        else CHECK(parse_error(text) == expected);
    }
}

TEST_CASE("a URL the file gets wrong is quoted with its password masked") {
    const std::string message =
        parse_error("[database.default]\nurl = postgresql://etl:Hunter2secret@db:99999/events\n");
    CHECK(message.find("Hunter2secret") == std::string::npos);
    CHECK(message.starts_with("ctql: pipeline.ini:2: [database.default]: url: "));
    CHECK(message.find("port 99999 is out of range") != std::string::npos);
}

TEST_CASE("a configuration printed or logged never shows a password") {
    const auto config = database_config::parse(
        "[database.default]\n"
        "url = postgresql://app:UrlSecret1@db/app?sslpassword=KeySecret2\n"
        "[database.warehouse]\n"
        "dialect = postgresql\n"
        "address = wh\n"
        "user = etl:InlineSecret3\n"
        "admin = owner:AdminSecret4\n",
        "pipeline.ini");
    std::ostringstream streamed;
    streamed << config;
    std::ostringstream entry_streamed;
    entry_streamed << config.at("warehouse");
    for (const std::string& shown : {config.to_string(), streamed.str(), fmt::format("{}", config),
                                     fmt::format("{}", config.at("warehouse")), entry_streamed.str(),
                                     config.at("default").to_string()}) {
        INFO(shown);
        for (const char* secret : {"UrlSecret1", "KeySecret2", "InlineSecret3", "AdminSecret4"})
            CHECK(shown.find(secret) == std::string::npos);
    }
    CHECK(config.to_string() ==
          "[database.default]\n"
          "url = postgresql://app:***@db/app?sslpassword=***\n"
          "\n"
          "[database.warehouse]\n"
          "url = postgresql://etl:***@wh\n"
          "admin_url = postgresql://owner:***@wh\n");
    // The engines have them.
    CHECK(config.at("warehouse").user.password == "InlineSecret3");
    CHECK(config.at("warehouse").admin.password == "AdminSecret4");
}

TEST_CASE("environment variables override the file and add databases") {
    auto config = database_config::parse(
        "[database.default]\nurl = sqlite:///file.db\n"
        "[database.warehouse]\nurl = postgresql://etl@old/events\nadmin = owner\n",
        "pipeline.ini");
    config.apply_environment({
        {"CTQL_DATABASE_WAREHOUSE_URL", "postgresql://etl@new/events?password_env=WH_PW"},
        {"CTQL_DATABASE_REPORTING_ADMIN_URL", "postgresql://owner:AdminSecret5@rep/db"},
        {"CTQL_DATABASE_REPORTING_URL", "postgresql://reader@rep/db"},
        {"CTQL_OTHER", "ignored"},
        {"PATH", "/usr/bin"},
    });
    CHECK(config.at("default").user.to_string(false) == "sqlite:///file.db");
    // The environment's URL replaces the database, admin included.
    CHECK(config.at("warehouse").user.to_string(false) == "postgresql://etl@new/events?password_env=WH_PW");
    CHECK(config.at("warehouse").admin == config.at("warehouse").user);
    CHECK(config.at("warehouse").origin == "CTQL_DATABASE_WAREHOUSE_URL");
    CHECK(config.at("reporting").user.to_string(false) == "postgresql://reader@rep/db");
    CHECK(config.at("reporting").admin.to_string(false) == "postgresql://owner:AdminSecret5@rep/db");
    CHECK(config.at("reporting").origin ==
          "CTQL_DATABASE_REPORTING_URL, admin from CTQL_DATABASE_REPORTING_ADMIN_URL");
    CHECK(config.to_string().find("AdminSecret5") == std::string::npos);

    database_config empty;
    CHECK(error_text([&] { empty.apply_environment({{"CTQL_DATABASE_X_ADMIN_URL", "sqlite://"}}); }) ==
          "ctql: environment variable CTQL_DATABASE_X_ADMIN_URL: sets the admin URL of the database x, which neither "
          "the configuration nor CTQL_DATABASE_X_URL gives");
    CHECK(error_text([&] { empty.apply_environment({{"CTQL_DATABASE_WARE-HOUSE_URL", "sqlite://"}}); }) ==
          "ctql: environment variable CTQL_DATABASE_WARE-HOUSE_URL: the database name is written in upper-case "
          "letters, digits and '_', beginning with a letter, as CTQL_DATABASE_WAREHOUSE_URL");
    CHECK(error_text([&] { empty.apply_environment({{"CTQL_DATABASE_URL", "sqlite://"}}); }) ==
          "ctql: environment variable CTQL_DATABASE_URL names no database; write CTQL_DATABASE_<NAME>_URL, as "
          "CTQL_DATABASE_DEFAULT_URL");
    const auto bad_url = error_text([&] {
        empty.apply_environment({{"CTQL_DATABASE_DEFAULT_URL", "postgresql://u:EnvSecret6@h:0/db"}});
    });
    CHECK(bad_url.starts_with("ctql: environment variable CTQL_DATABASE_DEFAULT_URL: "));
    CHECK(bad_url.find("EnvSecret6") == std::string::npos);
    CHECK(empty.databases().empty());

    // A bad variable changes nothing, not even what the good ones before it would have set.
    const auto before = config.to_string();
    CHECK_THROWS_AS(config.apply_environment({{"CTQL_DATABASE_AARDVARK_URL", "sqlite:///a.db"},
                                              {"CTQL_DATABASE_DEFAULT_URL", "sqlite:///b.db"},
                                              {"CTQL_DATABASE_ZEBRA_URL", "nonsense"}}),
                    interface_error);
    CHECK(config.to_string() == before);
    CHECK(config.find("aardvark") == nullptr);

    // The process environment, as load() reads it.
    scoped_env set{"CTQL_DATABASE_ARCHIVE_URL", "sqlite:///archive.db"};
    empty.apply_environment();
    CHECK(empty.at("archive").user.to_string(false) == "sqlite:///archive.db");
}

TEST_CASE("load() reads the file and then the environment; a missing file is named") {
    temp_file file{"binds_config_load", "[database.default]\nurl = sqlite:///from_file.db\n"};
    {
        const auto config = database_config::load(file.path);
        CHECK(config.at("default").user.to_string(false) == "sqlite:///from_file.db");
        CHECK(config.at("default").origin == file.path + ":1");
    }
    {
        scoped_env set{"CTQL_DATABASE_DEFAULT_URL", "sqlite:///from_env.db"};
        CHECK(database_config::load(file.path).at("default").user.to_string(false) == "sqlite:///from_env.db");
    }
    CHECK(error_text([] { database_config::load("no_such_dir/pipeline.ini"); }) ==
          "ctql: cannot read the database configuration file \"no_such_dir/pipeline.ini\": No such file or directory");
    temp_file bad{"binds_config_bad", "[database.default]\nurl = sqlite://\nfoo = 1\n"};
    CHECK(error_text([&] { database_config::load(bad.path); }).starts_with("ctql: " + bad.path + ":3: "));
}

TEST_CASE("a registry made from a configuration routes statements to SQLite and PostgreSQL") {
    ctql_test::sqlite_file lite{"binds_config"};
    auto config = database_config::parse("[database.default]\ndialect = sqlite\naddress = " + lite.path + "\n",
                                         "pipeline.ini");
    config.apply_environment({{"CTQL_DATABASE_WAREHOUSE_URL", ctql_test::postgres_url()}});
    bind_registry dbs = make_registry(config);
    CHECK(dbs.names() == std::vector<std::string>{"default", "warehouse"});
    CHECK(dbs.engine("default").backend() == backend_kind::sqlite);
    CHECK(dbs.engine("warehouse").backend() == backend_kind::postgresql);
    for (const std::string name : {"default", "warehouse"}) {
        auto c = dbs.connect(name);
        c(drop_table(config_events));
        c(drop_table(config_notes));
        c(create_table(config_events));
        c(create_table(config_notes));
    }
    dbs(insert_into(config_events).set(config_events.kind = "load"));
    dbs(insert_into(config_notes).set(config_notes.text = "note"));
    const auto count_in = [&](const std::string& name, const std::string& table) {
        return dbs.connect(name).with_backend([&](auto& backend) {
            return ctql_test::raw_scalar_text(backend, "SELECT count(*) FROM " + table).value_or("NULL");
        });
    };
    CHECK(count_in("warehouse", "config_events") == "1");
    CHECK(count_in("default", "config_events") == "0");
    CHECK(count_in("default", "config_notes") == "1");
    CHECK(count_in("warehouse", "config_notes") == "0");
}

TEST_CASE("passwords come from the environment or a file when the engines are made") {
    // The test server trusts its clients, so any password connects; what is
    // checked is where the password is read from, and the errors.
    const std::string pg = ctql_test::postgres_url();
    temp_file secret{"binds_config_secret", "FileSecret7\n"};
    auto config = database_config::parse(
        "[database.default]\nurl = " + pg + "\npassword_file = " + secret.path + "\n"
        "[database.warehouse]\nurl = " + pg + "\npassword_env = CTQL_TEST_BINDS_PW\n"
        "admin = postgres\nadmin_password_env = CTQL_TEST_BINDS_ADMIN_PW\n",
        "pipeline.ini");
    {
        scoped_env user_pw{"CTQL_TEST_BINDS_PW", "EnvSecret8"};
        bind_registry dbs = make_registry(config);
        CHECK(dbs.engine("default").address().password == "FileSecret7");
        CHECK(dbs.engine("warehouse").address().password == "EnvSecret8");
        CHECK(dbs.engine("warehouse").display_url().find("EnvSecret8") == std::string::npos);
        CHECK(dbs.connect("warehouse")(select(ctql::cast<std::int64_t>(1))).front() == 1);
        CHECK(dbs.connect("default")(select(ctql::cast<std::int64_t>(1))).front() == 1);

        // The admin role's engines: the admin URL, its own password source.
        const std::string admin_missing = error_text([&] { make_registry(config, database_role::admin); });
        CHECK(admin_missing.starts_with("ctql: database warehouse (pipeline.ini:4): "));
        CHECK(admin_missing.find("environment variable \"CTQL_TEST_BINDS_ADMIN_PW\" (password_env) is not set") !=
              std::string::npos);
        scoped_env admin_pw{"CTQL_TEST_BINDS_ADMIN_PW", "AdminSecret9"};
        bind_registry admins = make_registry(config, database_role::admin);
        CHECK(admins.engine("warehouse").address().password == "AdminSecret9");
        CHECK(admins.engine("warehouse").address().username == "postgres");
        CHECK(admins.connect("warehouse")(select(ctql::cast<std::int64_t>(2))).front() == 2);
    }
    const std::string missing = error_text([&] { make_registry(config); });
    CHECK(missing.starts_with("ctql: database warehouse (pipeline.ini:4): "));
    CHECK(missing.find("environment variable \"CTQL_TEST_BINDS_PW\" (password_env) is not set") != std::string::npos);

    auto no_file = database_config::parse(
        "[database.default]\nurl = " + pg + "\npassword_file = no_such_dir/pw\n", "pipeline.ini");
    const std::string file_missing = error_text([&] { make_registry(no_file); });
    CHECK(file_missing.starts_with("ctql: database default (pipeline.ini:1): "));
    CHECK(file_missing.find("cannot open password_file \"no_such_dir/pw\"") != std::string::npos);
}

TEST_CASE("a database may name a read replica, which takes the user's password unless it has its own") {
    auto config = database_config::parse(
        "[database.warehouse]\nurl = postgresql://etl@primary/events\npassword_env = WH_PW\n"
        "replica_url = postgresql://etl@replica/events\nmax_replica_lag_ms = 2500\n"
        "[database.reports]\ndialect = postgresql\naddress = primary:5432\ndatabase = reports\nuser = rep:Inline7\n"
        "replica_url = postgresql://rep@replica:5433/reports\n"
        "[database.own]\nurl = postgresql://a@p/db\nreplica_url = postgresql://b:Own9@r/db\n",
        "pipeline.ini");
    const auto& warehouse = config.at("warehouse");
    REQUIRE(warehouse.replica.has_value());
    CHECK(warehouse.replica->to_string(false) == "postgresql://etl@replica/events?password_env=WH_PW");
    CHECK(warehouse.max_replica_lag == std::chrono::milliseconds{2500});
    CHECK(config.at("reports").replica->to_string(false) == "postgresql://rep:Inline7@replica:5433/reports");
    CHECK_FALSE(config.at("reports").max_replica_lag.has_value());
    CHECK(config.at("own").replica->to_string(false) == "postgresql://b:Own9@r/db");
    // Printed with the rest, passwords masked.
    const std::string printed = config.to_string();
    CHECK(printed.find("replica_url = postgresql://rep:***@replica:5433/reports\n") != std::string::npos);
    CHECK(printed.find("max_replica_lag_ms = 2500\n") != std::string::npos);
    CHECK(printed.find("Inline7") == std::string::npos);
    CHECK(printed.find("Own9") == std::string::npos);

    CHECK(parse_error("[database.a]\nurl = postgresql://u@p/db\nmax_replica_lag_ms = 10\n") ==
          "ctql: pipeline.ini:3: [database.a]: max_replica_lag_ms needs replica_url");
    CHECK(parse_error("[database.a]\nurl = postgresql://u@p/db\nreplica_url = postgresql://u@r/db\nmax_replica_lag_ms = 2s\n") ==
          "ctql: pipeline.ini:4: [database.a]: max_replica_lag_ms is not a whole number of milliseconds, 0 or more");
    CHECK(parse_error("[database.a]\nurl = sqlite:///a.db\nreplica_url = postgresql://u@r/db\n") ==
          "ctql: pipeline.ini:3: [database.a]: replica_url: read replicas are PostgreSQL's, for a postgresql database");

    // The environment: a replica for a database it or the file gives; a new user URL drops the file's replica.
    config.apply_environment({{"CTQL_DATABASE_OWN_REPLICA_URL", "postgresql://b@r2/db"},
                              {"CTQL_DATABASE_WAREHOUSE_URL", "postgresql://etl@elsewhere/events"}});
    CHECK(config.at("own").replica->to_string(false) == "postgresql://b@r2/db");
    CHECK(config.at("own").origin == "pipeline.ini:12, replica from CTQL_DATABASE_OWN_REPLICA_URL");
    CHECK_FALSE(config.at("warehouse").replica.has_value());
    CHECK(error_text([&] { config.apply_environment({{"CTQL_DATABASE_NOPE_REPLICA_URL", "postgresql://r/db"}}); }) ==
          "ctql: environment variable CTQL_DATABASE_NOPE_REPLICA_URL: sets the replica URL of the database nope, which "
          "neither the configuration nor CTQL_DATABASE_NOPE_URL gives");
}

TEST_CASE("a registry's engine for a database with a replica sends its selects there") {
    const std::string primary = ctql_test::postgres_url();
    const char* replica = std::getenv("CTQL_TEST_PG_REPLICA_URL");
    if (replica == nullptr) FAIL("CTQL_TEST_PG_REPLICA_URL is not set: run through scripts/with-postgres.sh --replica");
    auto config = database_config::parse("[database.default]\nurl = " + primary + "\nreplica_url = " + replica + "\n");
    bind_registry user = make_registry(config);
    CHECK(user.engine("default").has_read_replica());
    CHECK(user.engine("default").connect().reads_on_replica());
    // Migrations connect as the admin role, to the primary only.
    CHECK_FALSE(make_registry(config, database_role::admin).engine("default").has_read_replica());
}
