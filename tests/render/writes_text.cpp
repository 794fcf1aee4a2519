// The SQL text of the write forms (issue: writes): INSERT ... SELECT, upsert,
// RETURNING, UPDATE ... FROM, DELETE ... USING, UPDATE with a subquery value,
// in both dialects.
#include <catch2/catch.hpp>

#include <ctql/ctql.hpp>

#include "../test_schema.hpp"

using namespace ctql;
using sqlite_d = dialect::sqlite;
using postgres_d = dialect::postgres;

CTQL_TABLE(archived_users,
    (id,   std::int64_t, ctql::primary_key),
    (name, std::string));

namespace {
template <class Dialect, class S>
constexpr std::string_view text(const S&) {
    return S::template sql<Dialect>();
}
}  // namespace

TEST_CASE("INSERT ... SELECT names the columns and writes the query after them") {
    constexpr auto s = insert_into(archived_users)
                           .columns(archived_users.id, archived_users.name)
                           .select(select(users.id, users.name).from(users).where(users.score < 10.0));
    STATIC_REQUIRE(text<postgres_d>(s) ==
                   R"(INSERT INTO "archived_users" ("id", "name") SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."score" < $1)");
    STATIC_REQUIRE(text<sqlite_d>(s) ==
                   R"(INSERT INTO "archived_users" ("id", "name") SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."score" < ?)");
    STATIC_REQUIRE(std::is_same_v<decltype(s)::result_row, void>);
}

TEST_CASE("ON CONFLICT DO NOTHING, with a key or any") {
    constexpr auto on_email = insert_into(users).set(users.name = "Ada", users.email = "ada@x").on_conflict(users.email).do_nothing();
    STATIC_REQUIRE(text<postgres_d>(on_email) ==
                   R"(INSERT INTO "users" ("name", "email") VALUES ($1, $2) ON CONFLICT ("email") DO NOTHING)");
    STATIC_REQUIRE(text<sqlite_d>(on_email) ==
                   R"(INSERT INTO "users" ("name", "email") VALUES (?, ?) ON CONFLICT ("email") DO NOTHING)");
    constexpr auto any = insert_into(users).set(users.name = "Ada").on_conflict_do_nothing();
    STATIC_REQUIRE(text<sqlite_d>(any) == R"(INSERT INTO "users" ("name") VALUES (?) ON CONFLICT DO NOTHING)");
}

TEST_CASE("ON CONFLICT DO UPDATE reads the proposed row as excluded, with an optional WHERE") {
    constexpr auto s = insert_into(users)
                           .set(users.id = 1, users.name = "Ada", users.score = 5.0)
                           .on_conflict(users.id)
                           .do_update(users.score = users.score + excluded(users.score), users.name = excluded(users.name))
                           .where(users.active);
    STATIC_REQUIRE(text<postgres_d>(s) ==
                   R"(INSERT INTO "users" ("id", "name", "score") VALUES ($1, $2, $3) ON CONFLICT ("id") DO UPDATE SET "score" = "users"."score" + excluded."score", "name" = excluded."name" WHERE "users"."active")");
    STATIC_REQUIRE(text<sqlite_d>(s) ==
                   R"(INSERT INTO "users" ("id", "name", "score") VALUES (?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "score" = "users"."score" + excluded."score", "name" = excluded."name" WHERE "users"."active")");
}

TEST_CASE("INSERT ... SELECT with ON CONFLICT: SQLite's query ends in WHERE true") {
    constexpr auto s = insert_into(archived_users)
                           .columns(archived_users.id, archived_users.name)
                           .select(select(users.id, users.name).from(users))
                           .on_conflict(archived_users.id)
                           .do_update(archived_users.name = excluded(archived_users.name));
    STATIC_REQUIRE(text<postgres_d>(s) ==
                   R"(INSERT INTO "archived_users" ("id", "name") SELECT "users"."id", "users"."name" FROM "users" ON CONFLICT ("id") DO UPDATE SET "name" = excluded."name")");
    STATIC_REQUIRE(text<sqlite_d>(s) ==
                   R"(INSERT INTO "archived_users" ("id", "name") SELECT * FROM (SELECT "users"."id", "users"."name" FROM "users") WHERE true ON CONFLICT ("id") DO UPDATE SET "name" = excluded."name")");
}

TEST_CASE("RETURNING on insert, update and delete gives typed rows") {
    constexpr auto ins = insert_into(users).set(users.name = "Ada").returning(users.id);
    STATIC_REQUIRE(text<postgres_d>(ins) == R"(INSERT INTO "users" ("name") VALUES ($1) RETURNING "users"."id")");
    STATIC_REQUIRE(std::is_same_v<decltype(ins)::result_row, std::int64_t>);

    constexpr auto upd = update(users).set(users.score = users.score + 1.0).where(users.id == 3).returning(users.id, users.score);
    STATIC_REQUIRE(text<sqlite_d>(upd) ==
                   R"(UPDATE "users" SET "score" = "users"."score" + ? WHERE "users"."id" = ? RETURNING "users"."id", "users"."score")");
    using upd_row = decltype(upd)::result_row;
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<upd_row>().score), double>);

    constexpr auto del = delete_from(orders).where(orders.total < 1.0).returning(orders.id, orders.note);
    STATIC_REQUIRE(text<postgres_d>(del) ==
                   R"(DELETE FROM "orders" WHERE "orders"."total" < $1 RETURNING "orders"."id", "orders"."note")");
    using del_row = decltype(del)::result_row;
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<del_row>().note), std::optional<std::string>>);

    constexpr auto upsert = insert_into(users).set(users.id = 1, users.name = "Ada").on_conflict(users.id).do_nothing().returning(users.id);
    STATIC_REQUIRE(text<sqlite_d>(upsert) ==
                   R"(INSERT INTO "users" ("id", "name") VALUES (?, ?) ON CONFLICT ("id") DO NOTHING RETURNING "users"."id")");
}

TEST_CASE("UPDATE ... FROM reads another table in its values and condition") {
    constexpr auto s = update(orders)
                           .set(orders.note = users.name)
                           .from(users)
                           .where(orders.user_id == users.id && users.active);
    constexpr std::string_view expected =
        R"(UPDATE "orders" SET "note" = "users"."name" FROM "users" WHERE "orders"."user_id" = "users"."id" AND "users"."active")";
    STATIC_REQUIRE(text<postgres_d>(s) == expected);
    STATIC_REQUIRE(text<sqlite_d>(s) == expected);
}

TEST_CASE("DELETE ... USING on PostgreSQL is WHERE EXISTS on SQLite") {
    constexpr auto s = delete_from(orders).using_(users).where(orders.user_id == users.id && users.score < 1.0);
    STATIC_REQUIRE(text<postgres_d>(s) ==
                   R"(DELETE FROM "orders" USING "users" WHERE "orders"."user_id" = "users"."id" AND "users"."score" < $1)");
    STATIC_REQUIRE(text<sqlite_d>(s) ==
                   R"(DELETE FROM "orders" WHERE EXISTS (SELECT 1 FROM "users" WHERE "orders"."user_id" = "users"."id" AND "users"."score" < ?))");
}

TEST_CASE("UPDATE with a subquery value") {
    constexpr auto s = update(users)
                           .set(users.score = coalesce(select(max(orders.total)).from(orders).where(orders.user_id == users.id), 0.0))
                           .all_rows();
    STATIC_REQUIRE(text<postgres_d>(s) ==
                   R"(UPDATE "users" SET "score" = COALESCE((SELECT MAX("orders"."total") FROM "orders" WHERE "orders"."user_id" = "users"."id"), $1))");
}
