// Window functions and windowed aggregates: SQL text in both dialects, and
// rows on both backends compared with the same query as raw SQL.
#include <catch2/catch.hpp>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using ctql_test::check_same_rows;

CTQL_NAME(running_total);

namespace {
template <class Connection>
Connection seeded() {
    auto db = ctql_test::fresh<std::conditional_t<std::is_same_v<Connection, sqlite::connection>,
                                                  ctql_test::sqlite_backend, ctql_test::postgres_backend>>();
    db(insert_into(users).set(users.name = "Ada"));
    db(insert_into(users).set(users.name = "Bob"));
    constexpr auto add = insert_into(orders).set(orders.user_id = param<"user", std::int64_t>, orders.total = param<"total", double>);
    for (const auto& [user, total] : {std::pair{1, 5.0}, {1, 7.0}, {2, 1.0}, {1, 7.0}, {2, 3.5}, {2, 8.0}})
        db(add, arg<"user">(std::int64_t{user}), arg<"total">(total));
    return db;
}
}  // namespace

TEST_CASE("windows render in both dialects") {
    constexpr auto q = select(orders.id, row_number().over(partition_by(orders.user_id).order_by(orders.total.desc())),
                              sum(orders.total).over(window().order_by(orders.id).rows_between(preceding<2>, current_row)),
                              lead(orders.total, 1, 0.0).over(window().order_by(orders.id)))
                           .from(orders);
    STATIC_REQUIRE(q.sql<dialect::sqlite>() ==
                   R"(SELECT "orders"."id", ROW_NUMBER() OVER (PARTITION BY "orders"."user_id" ORDER BY "orders"."total" DESC), SUM("orders"."total") OVER (ORDER BY "orders"."id" ASC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), LEAD("orders"."total", ?, ?) OVER (ORDER BY "orders"."id" ASC) FROM "orders")");
    STATIC_REQUIRE(decltype(select(count().over(window())).from(orders))::sql<dialect::postgres>() ==
                   R"(SELECT COUNT(*) OVER () FROM "orders")");
    // A windowed value does not make the select an aggregate one: no GROUP BY needed.
    using row = decltype(q)::result_row;
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<1, row>, std::int64_t>);
    STATIC_REQUIRE(std::is_same_v<std::tuple_element_t<3, row>, double>);
}

TEMPLATE_TEST_CASE("ranking functions give what raw SQL gives", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db,
                    select(orders.id, row_number().over(partition_by(orders.user_id).order_by(orders.total.desc(), orders.id)),
                           rank().over(partition_by(orders.user_id).order_by(orders.total.desc())),
                           dense_rank().over(partition_by(orders.user_id).order_by(orders.total.desc())),
                           ntile(2).over(window().order_by(orders.id)))
                        .from(orders)
                        .order_by(orders.id),
                    R"(SELECT id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY total DESC, id),
                              RANK() OVER (PARTITION BY user_id ORDER BY total DESC),
                              DENSE_RANK() OVER (PARTITION BY user_id ORDER BY total DESC),
                              NTILE(2) OVER (ORDER BY id) FROM orders ORDER BY id)");
}

TEMPLATE_TEST_CASE("offset and value functions give what raw SQL gives", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db,
                    select(orders.id, lag(orders.total).over(window().order_by(orders.id)),
                           lead(orders.total, 2, -1.0).over(window().order_by(orders.id)),
                           first_value(orders.total).over(partition_by(orders.user_id).order_by(orders.id)),
                           last_value(orders.total).over(partition_by(orders.user_id).order_by(orders.id).rows_between(unbounded_preceding, unbounded_following)))
                        .from(orders)
                        .order_by(orders.id),
                    R"(SELECT id, LAG(total) OVER (ORDER BY id), LEAD(total, 2, -1.0) OVER (ORDER BY id),
                              FIRST_VALUE(total) OVER (PARTITION BY user_id ORDER BY id),
                              LAST_VALUE(total) OVER (PARTITION BY user_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                       FROM orders ORDER BY id)");
}

TEMPLATE_TEST_CASE("aggregates over windows and frames give what raw SQL gives", "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db,
                    select(orders.id, sum(orders.total).over(partition_by(orders.user_id).order_by(orders.id)).as(running_total),
                           avg(orders.total).over(window().order_by(orders.id).rows_between(preceding<1>, following<1>)),
                           count().over(partition_by(orders.user_id)),
                           max(orders.total).over(window().order_by(orders.id).range_between(unbounded_preceding, current_row)))
                        .from(orders)
                        .order_by(orders.id),
                    R"(SELECT id, SUM(total) OVER (PARTITION BY user_id ORDER BY id),
                              AVG(total) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
                              COUNT(*) OVER (PARTITION BY user_id),
                              MAX(total) OVER (ORDER BY id RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
                       FROM orders ORDER BY id)");
    const auto totals = db(select(orders.id, sum(orders.total).over(partition_by(orders.user_id).order_by(orders.id)).as(running_total))
                               .from(orders)
                               .order_by(orders.id))
                            .to_vector();
    CHECK(totals[3].running_total == 19.0);
}
