// The exact SQL text of select statements in both dialects, checked at compile time.
#include <catch2/catch.hpp>

#include "../test_schema.hpp"

using namespace ctql;
using sqlite_d = dialect::sqlite;
using postgres_d = dialect::postgres;

TEST_CASE("a select with where, order and a compile-time limit renders per dialect") {
    constexpr auto q = select(users.id, users.name)
                           .from(users)
                           .where(users.score > param<"min", double>)
                           .order_by(users.name.asc())
                           .limit<10>();
    STATIC_REQUIRE(q.sql<sqlite_d>() ==
                   R"(SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."score" > ? ORDER BY "users"."name" ASC LIMIT 10)");
    STATIC_REQUIRE(q.sql<postgres_d>() ==
                   R"(SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."score" > $1 ORDER BY "users"."name" ASC LIMIT 10)");
}

TEST_CASE("values written in a query become placeholders, never text") {
    constexpr auto q = select(users.name).from(users).where(users.name == "x'; DROP TABLE users; --" && users.score < 3);
    STATIC_REQUIRE(q.sql<sqlite_d>() ==
                   R"(SELECT "users"."name" FROM "users" WHERE "users"."name" = ? AND "users"."score" < ?)");
    STATIC_REQUIRE(q.sql<postgres_d>() ==
                   R"(SELECT "users"."name" FROM "users" WHERE "users"."name" = $1 AND "users"."score" < $2)");
}

TEST_CASE("run-time limit and offset are bound parameters") {
    constexpr auto q = select(users.id).from(users).order_by(users.id.desc()).limit(5).offset(10);
    STATIC_REQUIRE(q.sql<sqlite_d>() == R"(SELECT "users"."id" FROM "users" ORDER BY "users"."id" DESC LIMIT ? OFFSET ?)");
    STATIC_REQUIRE(q.sql<postgres_d>() ==
                   R"(SELECT "users"."id" FROM "users" ORDER BY "users"."id" DESC LIMIT $1 OFFSET $2)");
}

TEST_CASE("an offset without a limit gets SQLite's LIMIT -1") {
    constexpr auto q = select(users.id).from(users).offset<3>();
    STATIC_REQUIRE(q.sql<sqlite_d>() == R"(SELECT "users"."id" FROM "users" LIMIT -1 OFFSET 3)");
    STATIC_REQUIRE(q.sql<postgres_d>() == R"(SELECT "users"."id" FROM "users" OFFSET 3)");
}

TEST_CASE("distinct, aggregates, group by and having render") {
    constexpr auto q = select(users.name, count(orders.id), sum(orders.total), avg(orders.total), min(orders.total),
                              max(orders.total))
                           .from(users)
                           .join(orders).on(orders.user_id == users.id)
                           .group_by(users.name)
                           .having(count(orders.id) > 1);
    STATIC_REQUIRE(q.sql<postgres_d>() ==
                   R"(SELECT "users"."name", COUNT("orders"."id"), SUM("orders"."total"), AVG("orders"."total"), MIN("orders"."total"), MAX("orders"."total") FROM "users" JOIN "orders" ON "orders"."user_id" = "users"."id" GROUP BY "users"."name" HAVING COUNT("orders"."id") > $1)");
    constexpr auto d = select(users.name).from(users).distinct();
    STATIC_REQUIRE(d.sql<sqlite_d>() == R"(SELECT DISTINCT "users"."name" FROM "users")");
    constexpr auto c = select(count(), count_distinct(users.name)).from(users);
    STATIC_REQUIRE(c.sql<sqlite_d>() == R"(SELECT COUNT(*), COUNT(DISTINCT "users"."name") FROM "users")");
}

TEST_CASE("a left join renders and makes the joined table's columns optional") {
    constexpr auto q = select(users.name, orders.total).from(users).left_join(orders).on(orders.user_id == users.id);
    STATIC_REQUIRE(q.sql<sqlite_d>() ==
                   R"(SELECT "users"."name", "orders"."total" FROM "users" LEFT JOIN "orders" ON "orders"."user_id" = "users"."id")");
    using row = decltype(q)::result_row;
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<0, row>, std::string>);
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<1, row>, std::optional<double>>);
}

TEST_CASE("result types follow the selected expressions") {
    using one = decltype(select(count(users.id)).from(users))::result_row;
    STATIC_REQUIRE(std::is_same_v<one, std::int64_t>);
    using emails = decltype(select(users.email).from(users))::result_row;
    STATIC_REQUIRE(std::is_same_v<emails, std::optional<std::string>>);
    using sums = decltype(select(sum(users.score), sum(users.id), avg(users.id)).from(users))::result_row;
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<0, sums>, std::optional<double>>);
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<1, sums>, std::optional<std::int64_t>>);
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<2, sums>, std::optional<double>>);
    using arithmetic = decltype(select(users.score * 2, users.id + 1, orders.note).from(orders).join(users).on(users.id == orders.user_id))::result_row;
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<0, arithmetic>, double>);
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<1, arithmetic>, std::int64_t>);
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<2, arithmetic>, std::optional<std::string>>);
}

TEST_CASE("the same parameter used twice gets a placeholder per use") {
    constexpr auto q = select(users.id).from(users).where(users.score > param<"x", double> || users.id == param<"x", double>);
    STATIC_REQUIRE(q.sql<postgres_d>() ==
                   R"(SELECT "users"."id" FROM "users" WHERE "users"."score" > $1 OR "users"."id" = $2)");
}

TEST_CASE("the SQL text is a constant with a stable address") {
    constexpr auto q = select(users.id).from(users);
    const char* first = q.c_str<sqlite_d>();
    const char* second = decltype(q)::c_str<sqlite_d>();
    REQUIRE(first == second);
    REQUIRE(std::string_view(first) == R"(SELECT "users"."id" FROM "users")");
}
