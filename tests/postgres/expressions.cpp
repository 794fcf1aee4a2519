// Functions, CASE, LIKE forms, DISTINCT and FILTER aggregates, sort keys and
// names, run on both backends and compared with the same query as raw SQL.
#include <catch2/catch.hpp>

#include <string>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using ctql_test::check_same_rows;

CTQL_NAME(total_score);

namespace {
template <class Connection>
Connection seeded() {
    auto db = ctql_test::fresh<std::conditional_t<std::is_same_v<Connection, sqlite::connection>,
                                                  ctql_test::sqlite_backend, ctql_test::postgres_backend>>();
    constexpr auto add = insert_into(users).set(users.name = param<"name", std::string>,
                                                users.email = param<"email", std::optional<std::string>>,
                                                users.score = param<"score", double>, users.active = param<"active", bool>);
    db(add, arg<"name">(" Ada "), arg<"email">("ada@example.org"), arg<"score">(91.5), arg<"active">(true));
    db(add, arg<"name">("bob"), arg<"email">(std::nullopt), arg<"score">(40.25), arg<"active">(false));
    db(add, arg<"name">("Cy_x"), arg<"email">("cy@example.org"), arg<"score">(-2.5), arg<"active">(true));
    db(add, arg<"name">("ADA"), arg<"email">(std::nullopt), arg<"score">(0.5), arg<"active">(true));
    return db;
}

template <class Connection>
constexpr bool is_sqlite = std::is_same_v<Connection, sqlite::connection>;
}  // namespace

TEMPLATE_TEST_CASE("coalesce, nullif and cast give what raw SQL gives", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db, select(users.id, coalesce(users.email, "none"), nullif(users.score, 0.5)).from(users).order_by(users.id),
                    R"(SELECT id, COALESCE(email, 'none'), NULLIF(score, 0.5) FROM users ORDER BY id)");
    check_same_rows(db, select(cast<std::int64_t>(users.score * 2.0), cast<std::string>(users.id)).from(users).order_by(users.id),
                    is_sqlite<TestType> ? R"(SELECT CAST(score * 2.0 AS INTEGER), CAST(id AS TEXT) FROM users ORDER BY id)"
                                        : R"(SELECT CAST(score * 2.0 AS BIGINT), CAST(id AS TEXT) FROM users ORDER BY id)");
}

TEMPLATE_TEST_CASE("text functions and concatenation give what raw SQL gives", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db,
                    select(lower(users.name), upper(users.name), length(users.name), trim(users.name),
                           substr(users.name, 2, 2), substr(users.name, 2), replace(users.name, "A", "4"))
                        .from(users)
                        .order_by(users.id),
                    R"(SELECT LOWER(name), UPPER(name), LENGTH(name), TRIM(name), SUBSTR(name, 2, 2), SUBSTR(name, 2),
                              REPLACE(name, 'A', '4') FROM users ORDER BY id)");
    check_same_rows(db, select(concat(users.name, " <", users.email, ">")).from(users).order_by(users.id),
                    R"(SELECT name || ' <' || email || '>' FROM users ORDER BY id)");
}

TEMPLATE_TEST_CASE("abs, round, greatest and least give what raw SQL gives", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    // Halves round away from zero on both: 91.5 -> 92, -2.5 -> -3, 40.25 -> 40.3 at one digit.
    check_same_rows(db, select(abs(users.score), round(users.score), round(users.score, 1)).from(users).order_by(users.id),
                    is_sqlite<TestType> ? R"(SELECT ABS(score), ROUND(score), ROUND(score, 1) FROM users ORDER BY id)"
                                        : R"(SELECT ABS(score), ROUND(score::numeric), ROUND(score::numeric, 1) FROM users ORDER BY id)");
    CHECK(db(select(round(users.score)).from(users).order_by(users.id)).to_vector() ==
          std::vector<double>{92.0, 40.0, -3.0, 1.0});
    check_same_rows(db, select(greatest(users.score, 1.0, 0.0), least(users.score, 1.0)).from(users).order_by(users.id),
                    is_sqlite<TestType> ? R"(SELECT MAX(score, 1.0, 0.0), MIN(score, 1.0) FROM users ORDER BY id)"
                                        : R"(SELECT GREATEST(score, 1.0, 0.0), LEAST(score, 1.0) FROM users ORDER BY id)");
}

TEMPLATE_TEST_CASE("CASE gives what raw SQL gives", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db,
                    select(case_when(users.score >= 90.0, "A").when(users.score >= 40.0, "B").else_("C"),
                           case_(users.id).when(1, "one").when(2, "two"))
                        .from(users)
                        .order_by(users.id),
                    R"(SELECT CASE WHEN score >= 90 THEN 'A' WHEN score >= 40 THEN 'B' ELSE 'C' END,
                              CASE id WHEN 1 THEN 'one' WHEN 2 THEN 'two' END FROM users ORDER BY id)");
}

TEMPLATE_TEST_CASE("LIKE matches case and escapes with a backslash on both backends; ilike folds case", "[both]",
                   sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    using names = std::vector<std::string>;
    const auto matching = [&](const auto& condition) {
        return db(select(users.name).from(users).where(condition).order_by(users.id)).to_vector();
    };
    CHECK(matching(users.name.like("A%")) == names{"ADA"});
    CHECK(matching(users.name.ilike("a%")) == names{"ADA"});
    CHECK(matching(users.name.ilike("%a%")) == names{" Ada ", "ADA"});
    CHECK(matching(users.name.not_like("%a%")) == names{"bob", "Cy_x", "ADA"});
    CHECK(matching(users.name.like("Cy\\_%")) == names{"Cy_x"});   // \_ is a literal underscore
    CHECK(matching(users.name.like("%\\_%")) == names{"Cy_x"});
    CHECK(matching(users.id.not_in(1, 2)) == names{"Cy_x", "ADA"});
    check_same_rows(db, select(users.name).from(users).where(users.name.like("A%")).order_by(users.id),
                    is_sqlite<TestType> ? R"(SELECT name FROM users WHERE name GLOB 'A*' ORDER BY id)"
                                        : R"(SELECT name FROM users WHERE name LIKE 'A%' ORDER BY id)");
}

TEMPLATE_TEST_CASE("DISTINCT and FILTER aggregates give what raw SQL gives", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    db(insert_into(users).set(users.name = "dup", users.score = 0.5));
    check_same_rows(db,
                    select(count().filter(users.active), count_distinct(users.score), sum_distinct(users.score),
                           avg_distinct(users.id), sum(users.id).filter(users.score > 1.0))
                        .from(users),
                    is_sqlite<TestType>
                        ? R"(SELECT COUNT(*) FILTER (WHERE active), COUNT(DISTINCT score), SUM(DISTINCT score),
                                   AVG(DISTINCT id), SUM(id) FILTER (WHERE score > 1) FROM users)"
                        : R"(SELECT COUNT(*) FILTER (WHERE active), COUNT(DISTINCT score), SUM(DISTINCT score),
                                   AVG(DISTINCT id)::float8, SUM(id) FILTER (WHERE score > 1) FROM users)");
}

TEMPLATE_TEST_CASE("any expression sorts, and NULLs go where they are told", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db, select(users.id).from(users).order_by(users.email.asc().nulls_last(), (users.score * -1.0).desc()),
                    R"(SELECT id FROM users ORDER BY email ASC NULLS LAST, score * -1.0 DESC)");
    CHECK(db(select(users.id).from(users).order_by(users.email.desc().nulls_first(), users.id)).to_vector() ==
          std::vector<std::int64_t>{2, 4, 3, 1});
}

TEMPLATE_TEST_CASE("named values are row members and struct members", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    const auto rows = db(select(users.active, sum(users.score).as(total_score), count().as<"how_many">())
                             .from(users)
                             .group_by(users.active)
                             .order_by(users.active))
                          .to_vector();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].total_score == 40.25);
    CHECK(get<"how_many">(rows[1]) == 3);
}
