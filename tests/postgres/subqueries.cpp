// Subqueries (EXISTS, IN, scalar, correlated), derived tables, set
// operations and CTEs, recursive ones included: SQL text in both dialects,
// and rows on both backends compared with the same query as raw SQL.
#include <catch2/catch.hpp>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using ctql_test::check_same_rows;

namespace {
template <class Connection>
Connection seeded() {
    auto db = ctql_test::fresh<std::conditional_t<std::is_same_v<Connection, sqlite::connection>,
                                                  ctql_test::sqlite_backend, ctql_test::postgres_backend>>();
    for (const auto& [name, score] : {std::pair{"Ada", 91.5}, {"Bob", 40.0}, {"Cy", 70.0}, {"Dee", 55.0}})
        db(insert_into(users).set(users.name = name, users.score = score));
    constexpr auto add = insert_into(orders).set(orders.user_id = param<"user", std::int64_t>, orders.total = param<"total", double>);
    db(add, arg<"user">(std::int64_t{1}), arg<"total">(10.0));
    db(add, arg<"user">(std::int64_t{1}), arg<"total">(150.0));
    db(add, arg<"user">(std::int64_t{3}), arg<"total">(20.0));
    return db;
}

constexpr auto spending = derived<"spending">(
    select(orders.user_id, sum(orders.total).as<"spent">(), count().as<"orders">()).from(orders).group_by(orders.user_id));
constexpr auto big_orders = cte<"big_orders">(select(orders.user_id, orders.total).from(orders).where(orders.total > 15.0));
constexpr auto counter = recursive_cte<"counter", cte_column<"n", std::int64_t>>{};
}  // namespace

TEST_CASE("subqueries, derived tables, set operations and CTEs render in both dialects") {
    constexpr auto correlated =
        select(users.name).from(users).where(exists(select(orders.id).from(orders).where(orders.user_id == users.id)));
    STATIC_REQUIRE(correlated.sql<dialect::sqlite>() ==
                   R"(SELECT "users"."name" FROM "users" WHERE EXISTS (SELECT "orders"."id" FROM "orders" WHERE "orders"."user_id" = "users"."id"))");
    constexpr auto scalar = select(users.name, select(max(orders.total)).from(orders).where(orders.user_id == users.id))
                                .from(users)
                                .where(users.score > select(avg(users.score)).from(users));
    STATIC_REQUIRE(scalar.sql<dialect::postgres>() ==
                   R"(SELECT "users"."name", (SELECT MAX("orders"."total") FROM "orders" WHERE "orders"."user_id" = "users"."id") FROM "users" WHERE "users"."score" > (SELECT AVG("users"."score") FROM "users"))");
    constexpr auto in_sub = select(users.name).from(users).where(users.id.not_in(select(orders.user_id).from(orders).where(orders.total > param<"min", double>)));
    STATIC_REQUIRE(in_sub.sql<dialect::postgres>() ==
                   R"(SELECT "users"."name" FROM "users" WHERE "users"."id" NOT IN (SELECT "orders"."user_id" FROM "orders" WHERE "orders"."total" > $1))");
    constexpr auto joined = select(users.name, spending.column<"spent">()).from(users).left_join(spending).on(spending.column(orders.user_id) == users.id);
    STATIC_REQUIRE(joined.sql<dialect::sqlite>() ==
                   R"(SELECT "users"."name", "spending"."spent" FROM "users" LEFT JOIN (SELECT "orders"."user_id", SUM("orders"."total") AS "spent", COUNT(*) AS "orders" FROM "orders" GROUP BY "orders"."user_id") AS "spending" ON "spending"."user_id" = "users"."id")");
    STATIC_REQUIRE(std::is_same_v<decltype(joined)::result_row::fields,
                                  detail::type_list<row_field<0, users_t::name_column::row_member<std::string>>,
                                                    row_field<1, string_name<"spent">::row_member<std::optional<double>>>>>);
    constexpr auto sets = union_(select(users.id).from(users).where(users.score > 60.0), select(orders.user_id).from(orders))
                              .order_by(users.id.desc())
                              .limit<3>();
    STATIC_REQUIRE(sets.sql<dialect::sqlite>() ==
                   R"(SELECT "users"."id" FROM "users" WHERE "users"."score" > ? UNION SELECT "orders"."user_id" FROM "orders" ORDER BY 1 DESC LIMIT 3)");
    constexpr auto with_cte = with(big_orders).select(big_orders.column(orders.user_id)).from(big_orders);
    STATIC_REQUIRE(with_cte.sql<dialect::postgres>() ==
                   R"(WITH "big_orders" AS (SELECT "orders"."user_id", "orders"."total" FROM "orders" WHERE "orders"."total" > $1) SELECT "big_orders"."user_id" FROM "big_orders")");
    constexpr auto recursive = with_recursive(counter.as(union_all(select(cast<std::int64_t>(1)),
                                                                   select(counter.column<"n">() + 1).from(counter).where(counter.column<"n">() < 5))))
                                   .select(counter.column<"n">())
                                   .from(counter);
    STATIC_REQUIRE(recursive.sql<dialect::sqlite>() ==
                   R"(WITH RECURSIVE "counter"("n") AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT "counter"."n" + ? FROM "counter" WHERE "counter"."n" < ?) SELECT "counter"."n" FROM "counter")");
}

TEMPLATE_TEST_CASE("EXISTS, IN and scalar subqueries, correlated or not, give what raw SQL gives", "[both]",
                   sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db,
                    select(users.name).from(users).where(exists(select(orders.id).from(orders).where(orders.user_id == users.id))).order_by(users.id),
                    R"(SELECT name FROM users u WHERE EXISTS (SELECT id FROM orders o WHERE o.user_id = u.id) ORDER BY id)");
    check_same_rows(db,
                    select(users.name).from(users).where(not_exists(select(orders.id).from(orders).where(orders.user_id == users.id))).order_by(users.id),
                    R"(SELECT name FROM users u WHERE NOT EXISTS (SELECT id FROM orders o WHERE o.user_id = u.id) ORDER BY id)");
    check_same_rows(db,
                    select(users.name).from(users).where(users.id.in(select(orders.user_id).from(orders).where(orders.total > param<"min", double>))).order_by(users.id),
                    R"(SELECT name FROM users WHERE id IN (SELECT user_id FROM orders WHERE total > 15) ORDER BY id)", arg<"min">(15.0));
    check_same_rows(db,
                    select(users.name, select(max(orders.total)).from(orders).where(orders.user_id == users.id))
                        .from(users)
                        .where(users.score > select(avg(users.score)).from(users))
                        .order_by(users.id),
                    R"(SELECT name, (SELECT MAX(total) FROM orders o WHERE o.user_id = u.id) FROM users u
                       WHERE score > (SELECT AVG(score) FROM users) ORDER BY id)");
}

TEMPLATE_TEST_CASE("derived tables, set operations and CTEs give what raw SQL gives", "[both]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db,
                    select(users.name, spending.column<"spent">(), spending.column<"orders">())
                        .from(users)
                        .left_join(spending).on(spending.column(orders.user_id) == users.id)
                        .order_by(users.id),
                    R"(SELECT u.name, s.spent, s.orders FROM users u LEFT JOIN
                       (SELECT user_id, SUM(total) AS spent, COUNT(*) AS orders FROM orders GROUP BY user_id) s
                       ON s.user_id = u.id ORDER BY u.id)");
    check_same_rows(db, union_all(select(users.id).from(users).where(users.score > 60.0), select(orders.user_id).from(orders)).order_by(users.id.desc()),
                    R"(SELECT id FROM users WHERE score > 60 UNION ALL SELECT user_id FROM orders ORDER BY 1 DESC)");
    check_same_rows(db, union_(select(users.id).from(users).where(users.score > 60.0), select(orders.user_id).from(orders)).order_by(users.id),
                    R"(SELECT id FROM users WHERE score > 60 UNION SELECT user_id FROM orders ORDER BY 1)");
    check_same_rows(db, intersect(select(users.id).from(users), select(orders.user_id).from(orders)).order_by(users.id),
                    R"(SELECT id FROM users INTERSECT SELECT user_id FROM orders ORDER BY 1)");
    check_same_rows(db, except(select(users.id).from(users), select(orders.user_id).from(orders)).order_by(users.id).limit(1).offset(1),
                    R"(SELECT id FROM users EXCEPT SELECT user_id FROM orders ORDER BY 1 LIMIT 1 OFFSET 1)");
    check_same_rows(db, with(big_orders).select(big_orders.column(orders.user_id), big_orders.column(orders.total)).from(big_orders).order_by(big_orders.column(orders.total)),
                    R"(WITH big AS (SELECT user_id, total FROM orders WHERE total > 15) SELECT user_id, total FROM big ORDER BY total)");
    const auto numbers = db(with_recursive(counter.as(union_all(select(cast<std::int64_t>(1)),
                                                                select(counter.column<"n">() + 1).from(counter).where(counter.column<"n">() < 5))))
                                .select(counter.column<"n">())
                                .from(counter))
                             .to_vector();
    CHECK(numbers == std::vector<std::int64_t>{1, 2, 3, 4, 5});
}
