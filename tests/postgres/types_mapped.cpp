// The user's own types through ctql::column_mapping, and enums through
// ctql::enum_names (stored as their names), on both backends: round trips
// with NULL, comparison and parameters, the bulk path, printing, and the
// errors for a value without a mapping.
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include <ctql/engine/logging.hpp>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

// A strong id, stored as the integer it wraps.
struct user_id {
    std::int64_t value;
    bool operator==(const user_id&) const = default;
};
template <>
struct ctql::column_mapping<user_id> {
    using stored = std::int64_t;
    static stored to_stored(const user_id& id) { return id.value; }
    static user_id from_stored(stored v) { return user_id{v}; }
};

// Text viewed in place (to_stored returns a reference), checked when read.
struct email {
    std::string address;
    bool operator==(const email&) const = default;
};
template <>
struct ctql::column_mapping<email> {
    using stored = std::string;
    static const std::string& to_stored(const email& e) { return e.address; }
    static email from_stored(std::string s) {
        if (s.find('@') == std::string::npos) {
            ctql::error_details details;
            details.message = "not an email address: " + s;
            throw ctql::data_error(std::move(details));
        }
        return email{std::move(s)};
    }
};

// Text built on the way (to_stored returns a new string).
struct grid_point {
    int x, y;
    bool operator==(const grid_point&) const = default;
};
template <>
struct ctql::column_mapping<grid_point> {
    using stored = std::string;
    static std::string to_stored(const grid_point& p) { return std::to_string(p.x) + "," + std::to_string(p.y); }
    static grid_point from_stored(const std::string& s) {
        const auto comma = s.find(',');
        return grid_point{std::stoi(s.substr(0, comma)), std::stoi(s.substr(comma + 1))};
    }
};

enum class color { red, green, blue };
template <>
struct ctql::enum_names<color> {
    static constexpr std::string_view names[] = {"red", "green", "blue"};
};

enum class status : std::int16_t { active = 10, closed = -20 };
template <>
struct ctql::enum_names<status> {
    static constexpr std::string_view names[] = {"active", "closed"};
    static constexpr status values[] = {status::active, status::closed};
};

using namespace ctql;
using ctql_test::postgres_backend;
using ctql_test::sqlite_backend;

CTQL_TABLE(accounts,
    (id,      std::int64_t, ctql::primary_key),
    (owner,   user_id),
    (backup,  std::optional<user_id>),
    (contact, email),
    (spot,    grid_point),
    (shade,   color),
    (state,   std::optional<status>));

namespace {
using record = std::tuple<user_id, std::optional<user_id>, email, grid_point, color, std::optional<status>>;
const std::vector<record> records = {
    {user_id{7}, std::nullopt, email{"ada@example.org"}, grid_point{1, -2}, color::green, status::closed},
    {user_id{-1}, user_id{7}, email{"bob@example.org"}, grid_point{0, 0}, color::red, std::nullopt},
    {user_id{INT64_MAX}, user_id{INT64_MIN}, email{"c@d"}, grid_point{-5, 40}, color::blue, status::active},
};

template <class Backend>
typename Backend::connection filled(bool bulk) {
    auto db = Backend::open();
    ctql_test::recreate(db, accounts);
    if (bulk) {
        CHECK(db(insert_into(accounts).columns(accounts.owner, accounts.backup, accounts.contact, accounts.spot,
                                               accounts.shade, accounts.state),
                 records) == 3);
    } else {
        for (const auto& [owner, backup, contact, spot, shade, state] : records)
            db(insert_into(accounts).set(accounts.owner = owner, accounts.backup = backup, accounts.contact = contact,
                                         accounts.spot = spot, accounts.shade = shade, accounts.state = state));
    }
    return db;
}

const auto all_columns = select(accounts.owner, accounts.backup, accounts.contact, accounts.spot, accounts.shade,
                                accounts.state)
                             .from(accounts)
                             .order_by(accounts.id);

template <class Connection>
std::vector<record> read_all(Connection& db) {
    std::vector<record> out;
    for (const auto& row : db(all_columns))
        out.emplace_back(row.owner, row.backup, row.contact, row.spot, row.shade, row.state);
    return out;
}
}  // namespace

TEMPLATE_TEST_CASE("mapped types and named enums round-trip with NULLs", "[both][mapping]", sqlite_backend,
                   postgres_backend) {
    auto db = filled<TestType>(false);
    CHECK(read_all(db) == records);
}

TEMPLATE_TEST_CASE("mapped types and named enums inserted in bulk round-trip", "[both][mapping][bulk]",
                   sqlite_backend, postgres_backend) {
    auto db = filled<TestType>(true);
    CHECK(read_all(db) == records);
}

TEMPLATE_TEST_CASE("mapped types compare with their own values and parameters in SQL", "[both][mapping]",
                   sqlite_backend, postgres_backend) {
    auto db = filled<TestType>(false);
    using ids = std::vector<std::int64_t>;
    const auto where = [&](const auto& condition) {
        return db(select(accounts.id).from(accounts).where(condition).order_by(accounts.id)).to_vector();
    };
    CHECK(where(accounts.owner == user_id{7}) == ids{1});
    CHECK(where(accounts.backup == accounts.owner) == ids{});
    CHECK(where(accounts.owner.in(user_id{-1}, user_id{INT64_MAX})) == ids{2, 3});
    CHECK(where(accounts.shade == color::blue) == ids{3});
    CHECK(where(accounts.shade != color::blue && accounts.state.is_null()) == ids{2});
    CHECK(where(accounts.state == status::closed) == ids{1});
    CHECK(where(accounts.contact == email{"c@d"}) == ids{3});
    CHECK(where(accounts.spot == grid_point{0, 0}) == ids{2});
    const auto owned_by = select(accounts.id).from(accounts).where(accounts.owner == param<"owner", user_id>);
    CHECK(db(owned_by, arg<"owner">(user_id{-1})).to_vector() == ids{2});
    const auto shaded = select(accounts.id).from(accounts).where(accounts.shade == param<"shade", color>);
    CHECK(db(shaded, arg<"shade">(color::green)).to_vector() == ids{1});

    db(update(accounts).set(accounts.shade = color::red, accounts.backup = null).where(accounts.id == 3));
    CHECK(where(accounts.shade == color::red) == ids{2, 3});
}

TEMPLATE_TEST_CASE("an enum is stored as its name and a mapped type as its stored value", "[both][mapping]",
                   sqlite_backend, postgres_backend) {
    auto db = filled<TestType>(false);
    const auto stored = ctql_test::raw_rows(db, R"(SELECT "owner", "shade", "state", "spot" FROM "accounts" ORDER BY "id")");
    REQUIRE(stored.size() == 3);
    CHECK(stored[0] == ctql_test::raw_row{"7", "green", "closed", "1,-2"});
    CHECK(stored[1] == ctql_test::raw_row{"-1", "red", std::nullopt, "0,0"});
    CHECK(fmt::format("{}", db(all_columns).front()) ==
          R"({owner: 7, backup: NULL, contact: "ada@example.org", spot: "1,-2", shade: "green", state: "closed"})");
    CHECK(ctql::detail::format_parameters(select(accounts.id).from(accounts).where(accounts.shade == color::red &&
                                                                                   accounts.owner == user_id{3})) ==
          "('red', 3)");
}

TEMPLATE_TEST_CASE("a name without an enum value, or a stored value its mapping refuses, is a data_error",
                   "[both][mapping]", sqlite_backend, postgres_backend) {
    auto db = filled<TestType>(false);
    db(update(accounts).set(accounts.contact = email{"nobody"}).where(accounts.id == 1));
    CHECK_THROWS_WITH(db(select(accounts.contact).from(accounts).where(accounts.id == 1)).to_vector(),
                      Catch::Contains("not an email address: nobody"));
    CHECK_THROWS_WITH(db(insert_into(accounts).set(accounts.owner = user_id{1}, accounts.contact = email{"a@b"},
                                                   accounts.spot = grid_point{0, 0},
                                                   accounts.shade = static_cast<color>(7))),
                      Catch::Contains("the enum value 7 has no name in ctql::enum_names"));
    db.execute(verbatim(R"(UPDATE "accounts" SET "shade" = 'purple' WHERE "id" = 2)"));
    CHECK_THROWS_WITH(db(select(accounts.shade).from(accounts).where(accounts.id == 2)).to_vector(),
                      Catch::Contains("\"purple\" is not a name in ctql::enum_names"));
}
