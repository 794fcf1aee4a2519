// Conditions and sort keys switched on or off at run time: every variant is a
// compile-time text, each is prepared once per connection, and each gives
// the rows of the same query written without the parts switched off.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using ctql_test::check_same_rows;

namespace {
auto search(const std::optional<std::string>& name, std::optional<double> min_score, bool by_score) {
    return select(users.name)
        .from(users)
        .where(users.active && when(name.has_value(), users.name.like(name.value_or(""))) &&
               when(min_score.has_value(), users.score >= min_score.value_or(0.0)))
        .order_by(when(by_score, users.score.desc()), users.id);
}
using search_t = decltype(search({}, {}, false));

template <class Connection>
Connection seeded() {
    auto db = ctql_test::fresh<std::conditional_t<std::is_same_v<Connection, sqlite::connection>,
                                                  ctql_test::sqlite_backend, ctql_test::postgres_backend>>();
    for (const auto& [name, score, active] : {std::tuple{"Ada", 9.0, true}, {"Bob", 5.0, true}, {"Al", 7.0, true}, {"Ann", 8.0, false}})
        db(insert_into(users).set(users.name = name, users.score = score, users.active = active));
    return db;
}
}  // namespace

TEST_CASE("each combination of optional parts is its own compile-time text") {
    using variants = render::sql_variants<search_t, dialect::postgres>;
    STATIC_REQUIRE(variants::parts == 3);
    STATIC_REQUIRE(variants::count == 8);
    STATIC_REQUIRE(variants::texts[0] ==
                   R"(SELECT "users"."name" FROM "users" WHERE "users"."active" AND TRUE AND TRUE ORDER BY "users"."id" ASC)");
    STATIC_REQUIRE(variants::texts[0b011] ==
                   R"(SELECT "users"."name" FROM "users" WHERE "users"."active" AND "users"."name" LIKE $1 ESCAPE '\' AND "users"."score" >= $2 ORDER BY "users"."id" ASC)");
    STATIC_REQUIRE(variants::texts[0b110] ==
                   R"(SELECT "users"."name" FROM "users" WHERE "users"."active" AND TRUE AND "users"."score" >= $1 ORDER BY "users"."score" DESC, "users"."id" ASC)");
    STATIC_REQUIRE(render::sql_variants<search_t, dialect::sqlite>::texts[0b100] ==
                   R"(SELECT "users"."name" FROM "users" WHERE "users"."active" AND TRUE AND TRUE ORDER BY "users"."score" DESC, "users"."id" ASC)");
    // A list whose only keys are switched off renders no ORDER BY at all.
    constexpr auto only_optional = select(users.id).from(users).order_by(when(false, users.name.asc()));
    STATIC_REQUIRE(render::sql_variants<decltype(only_optional), dialect::sqlite>::texts[0] == R"(SELECT "users"."id" FROM "users")");
    // Statements without optional parts have one text, as always.
    STATIC_REQUIRE(render::sql_variants<decltype(select(users.id).from(users)), dialect::sqlite>::count == 1);
}

TEMPLATE_TEST_CASE("every combination gives the rows of the query written without the parts switched off", "[both]",
                   sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    const std::size_t before = db.prepared_statements();
    for (int round = 0; round < 2; ++round) {
        for (const bool with_name : {false, true}) {
            for (const bool with_min : {false, true}) {
                for (const bool by_score : {false, true}) {
                    std::string raw = "SELECT name FROM users WHERE active";
                    if (with_name) raw += " AND name LIKE 'A%'";
                    if (with_min) raw += " AND score >= 7.5";
                    raw += by_score ? " ORDER BY score DESC, id" : " ORDER BY id";
                    INFO(raw);
                    check_same_rows(db, search(with_name ? std::optional<std::string>("A%") : std::nullopt,
                                               with_min ? std::optional<double>(7.5) : std::nullopt, by_score),
                                    raw);
                }
            }
        }
    }
    // Eight variants, each prepared once, reused in the second round.
    CHECK(db.prepared_statements() == before + 8);
}
