// Operators, predicates and parenthesisation.
#include <catch2/catch.hpp>

#include "../test_schema.hpp"

using namespace ctql;
using sqlite_d = dialect::sqlite;
using postgres_d = dialect::postgres;

template <class Condition>
constexpr std::string_view where_text(const Condition& c) {
    return decltype(select(users.id).from(users).where(c))::template sql<postgres_d>().substr(
        std::string_view(R"(SELECT "users"."id" FROM "users" WHERE )").size());
}

TEST_CASE("comparison operators render with SQL spelling") {
    STATIC_REQUIRE(where_text(users.id == 1) == R"("users"."id" = $1)");
    STATIC_REQUIRE(where_text(users.id != 1) == R"("users"."id" <> $1)");
    STATIC_REQUIRE(where_text(users.id < 1) == R"("users"."id" < $1)");
    STATIC_REQUIRE(where_text(users.id <= 1) == R"("users"."id" <= $1)");
    STATIC_REQUIRE(where_text(users.id > 1) == R"("users"."id" > $1)");
    STATIC_REQUIRE(where_text(users.id >= 1) == R"("users"."id" >= $1)");
    STATIC_REQUIRE(where_text(1 < users.id) == R"($1 < "users"."id")");
}

TEST_CASE("logical operators parenthesise only where precedence needs it") {
    STATIC_REQUIRE(where_text(users.id == 1 && users.score > 2) == R"("users"."id" = $1 AND "users"."score" > $2)");
    STATIC_REQUIRE(where_text(users.id == 1 || users.id == 2 && users.active) ==
                   R"("users"."id" = $1 OR "users"."id" = $2 AND "users"."active")");
    STATIC_REQUIRE(where_text((users.id == 1 || users.id == 2) && users.active) ==
                   R"(("users"."id" = $1 OR "users"."id" = $2) AND "users"."active")");
    STATIC_REQUIRE(where_text(!(users.id == 1)) == R"(NOT ("users"."id" = $1))");
    STATIC_REQUIRE(where_text(!users.active) == R"(NOT "users"."active")");
}

TEST_CASE("arithmetic renders with precedence") {
    STATIC_REQUIRE(where_text(users.score + 1 > 2) == R"("users"."score" + $1 > $2)");
    STATIC_REQUIRE(where_text((users.score + 1) * 2 > 2) == R"(("users"."score" + $1) * $2 > $3)");
    STATIC_REQUIRE(where_text(users.score - (users.score - 1) > 0) == R"("users"."score" - ("users"."score" - $1) > $2)");
    STATIC_REQUIRE(where_text(users.id % 2 == 0) == R"("users"."id" % $1 = $2)");
    STATIC_REQUIRE(where_text(-users.score < 0) == R"(-"users"."score" < $1)");
    STATIC_REQUIRE(where_text(users.score / 2 > 1) == R"("users"."score" / $1 > $2)");
}

TEST_CASE("null tests, like, in and between render") {
    STATIC_REQUIRE(where_text(users.email.is_null()) == R"("users"."email" IS NULL)");
    STATIC_REQUIRE(where_text(users.email.is_not_null()) == R"("users"."email" IS NOT NULL)");
    STATIC_REQUIRE(where_text(users.name.like("A%")) == R"("users"."name" LIKE $1 ESCAPE '\')");
    STATIC_REQUIRE(where_text(users.id.in(1, 2, 3)) == R"("users"."id" IN ($1, $2, $3))");
    STATIC_REQUIRE(where_text(users.score.between(1, 2.5)) == R"("users"."score" BETWEEN $1 AND $2)");
    STATIC_REQUIRE(where_text(is_null(users.email) && like(users.name, "%a")) ==
                   R"("users"."email" IS NULL AND "users"."name" LIKE $1 ESCAPE '\')");
}

TEST_CASE("comparing two columns binds nothing") {
    constexpr auto q = select(users.id).from(users).join(orders).on(orders.user_id == users.id);
    STATIC_REQUIRE(render::sql_text<decltype(q), sqlite_d>::placeholder_count == 0);
}

TEST_CASE("condition value types are optional when an operand is nullable") {
    STATIC_REQUIRE(std::is_same_v<value_type_of<decltype(users.email == "a")>, std::optional<bool>>);
    STATIC_REQUIRE(std::is_same_v<value_type_of<decltype(users.name == "a")>, bool>);
    STATIC_REQUIRE(std::is_same_v<value_type_of<decltype(users.email.is_null())>, bool>);
}

TEST_CASE("a comparison inside a comparison is parenthesised on either side") {
    STATIC_REQUIRE(where_text((users.score > 1.0) == users.active) == R"(("users"."score" > $1) = "users"."active")");
    STATIC_REQUIRE(where_text(users.active == (users.score > 1.0)) == R"("users"."active" = ("users"."score" > $1))");
    STATIC_REQUIRE(where_text((users.id < 3) != (users.score >= 2.0)) ==
                   R"(("users"."id" < $1) <> ("users"."score" >= $2))");
    STATIC_REQUIRE(where_text(users.name.like("A%") == users.active) == R"(("users"."name" LIKE $1 ESCAPE '\') = "users"."active")");
    STATIC_REQUIRE(where_text(users.email.is_null() == users.active) == R"(("users"."email" IS NULL) = "users"."active")");
    STATIC_REQUIRE(where_text(is_null(users.score > 1.0)) == R"(("users"."score" > $1) IS NULL)");
    STATIC_REQUIRE(where_text(users.id.between(1, 2) == users.active) ==
                   R"(("users"."id" BETWEEN $1 AND $2) = "users"."active")");
    STATIC_REQUIRE(where_text((!users.active) == users.active) == R"((NOT "users"."active") = "users"."active")");
}

TEST_CASE("aggregates render with the same result types in both dialects") {
    using all = decltype(select(sum(all_types.i32), sum(all_types.i64), sum(all_types.f32), sum(all_types.f64),
                                avg(all_types.i64), avg(all_types.f64))
                             .from(all_types));
    STATIC_REQUIRE(all::sql<sqlite_d>() ==
                   R"(SELECT SUM("all_types"."i32"), SUM("all_types"."i64"), SUM("all_types"."f32"), SUM("all_types"."f64"), AVG("all_types"."i64"), AVG("all_types"."f64") FROM "all_types")");
    STATIC_REQUIRE(all::sql<postgres_d>() ==
                   R"(SELECT CAST(SUM("all_types"."i32") AS BIGINT), CAST(SUM("all_types"."i64") AS BIGINT), SUM(CAST("all_types"."f32" AS DOUBLE PRECISION)), SUM("all_types"."f64"), CAST(AVG("all_types"."i64") AS DOUBLE PRECISION), AVG("all_types"."f64") FROM "all_types")");
}
