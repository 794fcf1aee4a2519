// Functions, CASE, names, LIKE forms, DISTINCT and FILTER aggregates and sort
// keys: their SQL text in both dialects.
#include <catch2/catch.hpp>

#include "../test_schema.hpp"

using namespace ctql;
using sqlite_d = dialect::sqlite;
using postgres_d = dialect::postgres;

CTQL_NAME(spent);

namespace {
// The text after "SELECT " of a one-expression select from users.
template <class Dialect, class E>
constexpr std::string_view expression_text(const E&) {
    constexpr std::string_view text = decltype(select(std::declval<E>()).from(users))::template sql<Dialect>();
    return text.substr(7, text.size() - 7 - std::string_view(R"( FROM "users")").size());
}
}  // namespace

TEST_CASE("coalesce, nullif and cast render the same in both dialects") {
    STATIC_REQUIRE(expression_text<sqlite_d>(coalesce(users.email, "none")) == R"(COALESCE("users"."email", ?))");
    STATIC_REQUIRE(expression_text<postgres_d>(coalesce(users.email, "none")) == R"(COALESCE("users"."email", $1))");
    STATIC_REQUIRE(expression_text<postgres_d>(nullif(users.score, 0.0)) == R"(NULLIF("users"."score", $1))");
    STATIC_REQUIRE(expression_text<sqlite_d>(cast<std::int64_t>(users.score)) == R"(CAST("users"."score" AS INTEGER))");
    STATIC_REQUIRE(expression_text<postgres_d>(cast<std::int64_t>(users.score)) == R"(CAST("users"."score" AS BIGINT))");
    STATIC_REQUIRE(expression_text<postgres_d>(cast<std::string>(users.id)) == R"(CAST("users"."id" AS TEXT))");
    STATIC_REQUIRE(std::is_same_v<value_type_of<decltype(coalesce(users.email, "none"))>, std::string>);
    STATIC_REQUIRE(std::is_same_v<value_type_of<decltype(nullif(users.score, 0.0))>, std::optional<double>>);
}

TEST_CASE("text functions and concatenation render the same in both dialects") {
    STATIC_REQUIRE(expression_text<postgres_d>(lower(users.name)) == R"(LOWER("users"."name"))");
    STATIC_REQUIRE(expression_text<postgres_d>(upper(users.name)) == R"(UPPER("users"."name"))");
    STATIC_REQUIRE(expression_text<postgres_d>(length(users.name)) == R"(LENGTH("users"."name"))");
    STATIC_REQUIRE(expression_text<postgres_d>(substr(users.name, 2, 3)) == R"(SUBSTR("users"."name", $1, $2))");
    STATIC_REQUIRE(expression_text<postgres_d>(trim(users.name)) == R"(TRIM("users"."name"))");
    STATIC_REQUIRE(expression_text<postgres_d>(replace(users.name, "a", "b")) == R"(REPLACE("users"."name", $1, $2))");
    STATIC_REQUIRE(expression_text<sqlite_d>(concat(users.name, " <", users.email, ">")) ==
                   R"(("users"."name" || ? || "users"."email" || ?))");
    STATIC_REQUIRE(std::is_same_v<value_type_of<decltype(concat(users.name, users.email))>, std::optional<std::string>>);
    STATIC_REQUIRE(std::is_same_v<value_type_of<decltype(length(users.name))>, std::int64_t>);
}

TEST_CASE("numbers: abs, round and greatest/least take each dialect's spelling") {
    STATIC_REQUIRE(expression_text<sqlite_d>(abs(users.score)) == R"(ABS("users"."score"))");
    STATIC_REQUIRE(expression_text<sqlite_d>(round(users.score, 1)) == R"(ROUND("users"."score", ?))");
    STATIC_REQUIRE(expression_text<postgres_d>(round(users.score, 1)) ==
                   R"(CAST(ROUND(CAST("users"."score" AS NUMERIC), $1) AS DOUBLE PRECISION))");
    STATIC_REQUIRE(expression_text<postgres_d>(round(users.score)) ==
                   R"(CAST(ROUND(CAST("users"."score" AS NUMERIC)) AS DOUBLE PRECISION))");
    STATIC_REQUIRE(expression_text<sqlite_d>(greatest(users.score, 1.0, users.id)) == R"(MAX("users"."score", ?, "users"."id"))");
    STATIC_REQUIRE(expression_text<postgres_d>(greatest(users.score, 1.0)) == R"(GREATEST("users"."score", $1))");
    STATIC_REQUIRE(expression_text<sqlite_d>(least(users.score, 1.0)) == R"(MIN("users"."score", ?))");
    STATIC_REQUIRE(expression_text<postgres_d>(least(users.score, 1.0)) == R"(LEAST("users"."score", $1))");
}

TEST_CASE("CASE, searched and simple, renders in both dialects") {
    constexpr auto grade = case_when(users.score >= 90.0, "A").when(users.score >= 80.0, "B").else_("C");
    STATIC_REQUIRE(expression_text<postgres_d>(grade) ==
                   R"(CASE WHEN "users"."score" >= $1 THEN $2 WHEN "users"."score" >= $3 THEN $4 ELSE $5 END)");
    STATIC_REQUIRE(std::is_same_v<value_type_of<decltype(grade)>, std::string>);
    constexpr auto open_ended = case_when(users.active, 1);
    STATIC_REQUIRE(std::is_same_v<value_type_of<decltype(open_ended)>, std::optional<int>>);
    constexpr auto simple = case_(users.id).when(1, "one").when(2, "two").else_("many");
    STATIC_REQUIRE(expression_text<sqlite_d>(simple) == R"(CASE "users"."id" WHEN ? THEN ? WHEN ? THEN ? ELSE ? END)");
}

TEST_CASE("LIKE forms say their escape character in both dialects; ILIKE is spelled with LOWER on SQLite") {
    STATIC_REQUIRE(expression_text<postgres_d>(users.name.like("A%")) == R"("users"."name" LIKE $1 ESCAPE '\')");
    STATIC_REQUIRE(expression_text<sqlite_d>(users.name.not_like("A%")) == R"("users"."name" NOT LIKE ? ESCAPE '\')");
    STATIC_REQUIRE(expression_text<postgres_d>(users.name.ilike("a%")) == R"("users"."name" ILIKE $1 ESCAPE '\')");
    STATIC_REQUIRE(expression_text<sqlite_d>(users.name.ilike("a%")) == R"(LOWER("users"."name") LIKE LOWER(?) ESCAPE '\')");
    STATIC_REQUIRE(expression_text<sqlite_d>(users.id.not_in(1, 2)) == R"("users"."id" NOT IN (?, ?))");
}

TEST_CASE("DISTINCT and FILTER aggregates render in both dialects") {
    STATIC_REQUIRE(expression_text<postgres_d>(count().filter(users.active)) == R"(COUNT(*) FILTER (WHERE "users"."active"))");
    STATIC_REQUIRE(expression_text<sqlite_d>(sum_distinct(users.score)) == R"(SUM(DISTINCT "users"."score"))");
    STATIC_REQUIRE(expression_text<postgres_d>(sum(users.id).filter(users.score > 1.0)) ==
                   R"(CAST(SUM("users"."id") FILTER (WHERE "users"."score" > $1) AS BIGINT))");
    STATIC_REQUIRE(expression_text<postgres_d>(avg_distinct(users.id)) == R"(CAST(AVG(DISTINCT "users"."id") AS DOUBLE PRECISION))");
}

TEST_CASE("every expression sorts, with NULLs placed") {
    constexpr auto q = select(users.id).from(users).order_by((users.score * 2.0).desc().nulls_last(), lower(users.name).asc(),
                                                            users.email.asc().nulls_first());
    STATIC_REQUIRE(q.sql<postgres_d>() ==
                   R"(SELECT "users"."id" FROM "users" ORDER BY "users"."score" * $1 DESC NULLS LAST, LOWER("users"."name") ASC, "users"."email" ASC NULLS FIRST)");
}

TEST_CASE("a named value is written AS its name in the select list only, and names the row member") {
    constexpr auto q = select(users.name, sum(users.score).as(spent), count().as<"how_many">()).from(users).group_by(users.name).order_by(sum(users.score).as(spent));
    STATIC_REQUIRE(q.sql<sqlite_d>() ==
                   R"(SELECT "users"."name", SUM("users"."score") AS "spent", COUNT(*) AS "how_many" FROM "users" GROUP BY "users"."name" ORDER BY SUM("users"."score") ASC)");
    using row = decltype(q)::result_row;
    STATIC_REQUIRE(std::is_same_v<decltype(std::declval<row>().spent), std::optional<double>>);
    STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(get<"how_many">(std::declval<const row&>()))>, std::int64_t>);
    STATIC_REQUIRE(decltype(q)::column_names[1] == "spent");
}
