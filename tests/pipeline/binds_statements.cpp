// Which bind a table and a statement belong to, found at compile time from
// every table the statement names (FROM, JOINs, the written table, UPDATE ...
// FROM, DELETE ... USING, subqueries, derived tables, CTEs, unions,
// INSERT ... SELECT, DDL). The statements that mix binds are in
// tests/compile_fail/binds_*.cpp.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include <ctql/pipeline/binds.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(people,
    (id,   std::int64_t, ctql::primary_key),
    (name, std::string));

CTQL_TABLE(clicks,
    (id,        std::int64_t, ctql::primary_key),
    (person_id, std::int64_t),
    (page,      std::string));
CTQL_TABLE_BIND(clicks, "warehouse");

CTQL_TABLE(sessions,
    (id,        std::int64_t, ctql::primary_key),
    (person_id, std::int64_t),
    (clicks,    std::int64_t));
CTQL_TABLE_BIND(sessions, "warehouse");

namespace reporting_schema {
CTQL_TABLE(daily,
    (day,    std::string, ctql::primary_key),
    (clicks, std::int64_t));
CTQL_TABLE_BIND(daily, "reporting");
}  // namespace reporting_schema

// Naming the default bind is the same as naming none.
CTQL_TABLE(settings, (key, std::string, ctql::primary_key), (value, std::string));
CTQL_TABLE_BIND(settings, "default");

using namespace ctql;
using reporting_schema::daily;

template <class Statement>
constexpr std::string_view bind_of(const Statement&) {
    return statement_bind_v<Statement>;
}

// Tables.
static_assert(table_bind_v<people_t> == "default");
static_assert(table_bind_v<settings_t> == "default");
static_assert(table_bind_v<clicks_t> == "warehouse");
static_assert(table_bind_v<reporting_schema::daily_t> == "reporting");
static_assert(default_bind == "default");

// Selects, joins, aliases.
static_assert(bind_of(select(people.name).from(people)) == "default");
static_assert(bind_of(select(clicks.page).from(clicks)) == "warehouse");
static_assert(bind_of(select(clicks.page, sessions.clicks)
                          .from(clicks)
                          .join(sessions).on(sessions.person_id == clicks.person_id)) == "warehouse");
constexpr auto other = alias<"other">(clicks);
static_assert(bind_of(select(other.page).from(other)) == "warehouse");
static_assert(bind_of(select(clicks.page).from(clicks).left_join(other).on(other.id == clicks.id)) == "warehouse");
static_assert(bind_of(select(people.name, settings.value).from(people).cross_join(settings)) == "default");

// Writes and DDL name their table.
static_assert(bind_of(insert_into(clicks).set(clicks.person_id = 1, clicks.page = "/")) == "warehouse");
static_assert(bind_of(insert_into(clicks).columns(clicks.person_id, clicks.page)) == "warehouse");
static_assert(bind_of(update(daily).set(daily.clicks = 0).all_rows()) == "reporting");
static_assert(bind_of(delete_from(clicks).where(clicks.id == 1)) == "warehouse");
static_assert(bind_of(update(sessions).set(sessions.clicks = 1).from(clicks).where(clicks.person_id == sessions.person_id)) ==
              "warehouse");
static_assert(bind_of(delete_from(sessions).using_(clicks).where(clicks.person_id == sessions.person_id)) == "warehouse");
static_assert(bind_of(create_table(daily)) == "reporting");
static_assert(bind_of(drop_table(clicks)) == "warehouse");

// Queries inside queries.
static_assert(bind_of(select(sessions.id).from(sessions).where(exists(
                  select(clicks.id).from(clicks).where(clicks.person_id == sessions.person_id)))) == "warehouse");
static_assert(bind_of(select(sessions.id).from(sessions).where(sessions.person_id.in(select(clicks.person_id).from(clicks)))) ==
              "warehouse");
constexpr auto per_person = derived<"per_person">(select(clicks.person_id, count(clicks.id).as<"n">())
                                                      .from(clicks)
                                                      .group_by(clicks.person_id));
static_assert(bind_of(select(per_person.column<"n">()).from(per_person)) == "warehouse");
static_assert(bind_of(union_all(select(clicks.page).from(clicks), select(clicks.page).from(clicks))) == "warehouse");
static_assert(bind_of(insert_into(sessions)
                          .columns(sessions.person_id, sessions.clicks)
                          .select(select(clicks.person_id, count(clicks.id)).from(clicks).group_by(clicks.person_id))) ==
              "warehouse");

// A statement without tables runs on the default bind.
static_assert(bind_of(select(ctql::cast<std::int64_t>(1))) == "default");

TEST_CASE("a table's bind is the name CTQL_TABLE_BIND gives it, or default") {
    CHECK(std::string{table_bind_v<clicks_t>} == "warehouse");
    CHECK(std::string{table_bind_v<reporting_schema::daily_t>} == "reporting");
    CHECK(std::string{table_bind_v<people_t>} == "default");
}

TEST_CASE("naming a bind changes nothing in a statement's SQL") {
    // The bind routes a statement; the text stays the table's own.
    CHECK(std::string{select(clicks.page).from(clicks).sql<dialect::sqlite>()} ==
          R"(SELECT "clicks"."page" FROM "clicks")");
    CHECK(std::string{bind_of(select(daily.clicks).from(daily).where(daily.day == "2026-01-01"))} == "reporting");
}

// A statement kept in a constant: its type is const, its bind the same.
constexpr auto recent_clicks = select(clicks.page).from(clicks).where(clicks.id > 100);
static_assert(statement_bind_v<decltype(recent_clicks)> == "warehouse");
static_assert(table_bind_v<const clicks_t> == "warehouse");
