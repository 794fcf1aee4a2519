// Joins of every kind, aliases (a self-join, a table twice) and IN with a
// run-time list, on both backends, compared with the same query as raw SQL.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

CTQL_TABLE(staff,
    (id,         std::int64_t,                ctql::primary_key),
    (name,       std::string),
    (manager_id, std::optional<std::int64_t>),
    (mentor_id,  std::optional<std::int64_t>));

using namespace ctql;
using ctql_test::check_same_rows;

namespace {
constexpr auto manager = alias<"manager">(staff);
constexpr auto mentor = alias<"mentor">(staff);

template <class Connection>
Connection seeded() {
    auto db = ctql_test::fresh<std::conditional_t<std::is_same_v<Connection, sqlite::connection>,
                                                  ctql_test::sqlite_backend, ctql_test::postgres_backend>>();
    db(drop_table(staff));
    db(create_table(staff));
    constexpr auto add = insert_into(staff).set(staff.name = param<"name", std::string>,
                                                staff.manager_id = param<"manager", std::optional<std::int64_t>>,
                                                staff.mentor_id = param<"mentor", std::optional<std::int64_t>>);
    db(add, arg<"name">("boss"), arg<"manager">(std::nullopt), arg<"mentor">(std::nullopt));
    db(add, arg<"name">("lead"), arg<"manager">(std::int64_t{1}), arg<"mentor">(std::int64_t{1}));
    db(add, arg<"name">("dev"), arg<"manager">(std::int64_t{2}), arg<"mentor">(std::int64_t{1}));
    db(insert_into(users).set(users.name = "Ada"));
    db(insert_into(users).set(users.name = "Bob"));
    db(insert_into(orders).set(orders.user_id = std::int64_t{1}, orders.total = 10.0));
    db(insert_into(orders).set(orders.user_id = std::int64_t{1}, orders.total = 5.0));
    return db;
}
}  // namespace

TEST_CASE("an alias renders its table AS its name, and its columns by the alias") {
    constexpr auto q = select(staff.name, manager.name).from(staff).left_join(manager).on(staff.manager_id == manager.id);
    STATIC_REQUIRE(q.sql<dialect::postgres>() ==
                   R"(SELECT "staff"."name", "manager"."name" FROM "staff" LEFT JOIN "staff" AS "manager" ON "staff"."manager_id" = "manager"."id")");
    constexpr auto all = select(users.name, orders.total).from(users).full_join(orders).on(orders.user_id == users.id);
    STATIC_REQUIRE(all.sql<dialect::sqlite>() ==
                   R"(SELECT "users"."name", "orders"."total" FROM "users" FULL JOIN "orders" ON "orders"."user_id" = "users"."id")");
    constexpr auto pairs = select(users.name, staff.name).from(users).cross_join(staff);
    STATIC_REQUIRE(pairs.sql<dialect::sqlite>() == R"(SELECT "users"."name", "staff"."name" FROM "users" CROSS JOIN "staff")");
    // The outer side of a join may be missing: its columns decode as optional.
    using right_row = decltype(select(users.name, orders.total).from(users).right_join(orders).on(orders.user_id == users.id))::result_row;
    STATIC_REQUIRE(std::is_same_v<decltype(right_row::name), std::optional<std::string>>);
    STATIC_REQUIRE(std::is_same_v<decltype(right_row::total), double>);
}

TEMPLATE_TEST_CASE("a self-join reaches both same-named columns, by get<column>", "[both]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    const auto rows = db(select(staff.name, manager.name, mentor.name)
                             .from(staff)
                             .left_join(manager).on(staff.manager_id == manager.id)
                             .left_join(mentor).on(staff.mentor_id == mentor.id)
                             .order_by(staff.id))
                          .to_vector();
    REQUIRE(rows.size() == 3);
    CHECK(get<staff.name>(rows[2]) == "dev");
    CHECK(get<manager.name>(rows[2]) == std::optional<std::string>("lead"));
    CHECK(get<mentor.name>(rows[2]) == std::optional<std::string>("boss"));
    CHECK_FALSE(get<manager.name>(rows[0]).has_value());
    check_same_rows(db,
                    select(staff.name, manager.name, mentor.name)
                        .from(staff)
                        .left_join(manager).on(staff.manager_id == manager.id)
                        .left_join(mentor).on(staff.mentor_id == mentor.id)
                        .order_by(staff.id),
                    R"(SELECT s.name, m.name, t.name FROM staff s LEFT JOIN staff m ON s.manager_id = m.id
                       LEFT JOIN staff t ON s.mentor_id = t.id ORDER BY s.id)");
}

TEMPLATE_TEST_CASE("inner, left, right, full and cross joins give what raw SQL gives", "[both]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db, select(users.name, orders.total).from(users).join(orders).on(orders.user_id == users.id).order_by(orders.id),
                    R"(SELECT u.name, o.total FROM users u JOIN orders o ON o.user_id = u.id ORDER BY o.id)");
    check_same_rows(db, select(users.name, orders.total).from(users).left_join(orders).on(orders.user_id == users.id).order_by(users.id, orders.id),
                    R"(SELECT u.name, o.total FROM users u LEFT JOIN orders o ON o.user_id = u.id ORDER BY u.id, o.id)");
    check_same_rows(db, select(orders.id, users.name).from(orders).right_join(users).on(orders.user_id == users.id).order_by(users.id, orders.id),
                    R"(SELECT o.id, u.name FROM orders o RIGHT JOIN users u ON o.user_id = u.id ORDER BY u.id, o.id)");
    check_same_rows(db, select(users.name, staff.name).from(users).full_join(staff).on(staff.id == users.id).order_by(users.id, staff.id),
                    R"(SELECT u.name, s.name FROM users u FULL JOIN staff s ON s.id = u.id ORDER BY u.id, s.id)");
    check_same_rows(db, select(users.name, staff.name).from(users).cross_join(staff).order_by(users.id, staff.id),
                    R"(SELECT u.name, s.name FROM users u CROSS JOIN staff s ORDER BY u.id, s.id)");
}

TEMPLATE_TEST_CASE("IN with a run-time list binds the whole list as one value", "[both]", sqlite::connection,
                   postgres::connection) {
    auto db = seeded<TestType>();
    const std::vector<std::int64_t> ids{1, 3, 42};
    const std::vector<std::string> names{"lead", "x\"y", "back\\slash"};
    const std::vector<std::string> nobody;
    const auto names_where = [&](const auto& condition) {
        return db(select(staff.name).from(staff).where(condition).order_by(staff.id)).to_vector();
    };
    using v = std::vector<std::string>;
    CHECK(names_where(staff.id.in(ids)) == v{"boss", "dev"});
    CHECK(names_where(staff.id.not_in(ids)) == v{"lead"});
    CHECK(names_where(staff.name.in(names)) == v{"lead"});
    CHECK(names_where(staff.name.in(nobody)).empty());
    CHECK(names_where(staff.name.not_in(nobody)) == v{"boss", "lead", "dev"});
    // Longer lists than any placeholder count, one prepared statement for every length.
    std::vector<std::int64_t> many(5000);
    for (std::size_t i = 0; i < many.size(); ++i) many[i] = static_cast<std::int64_t>(i) * 2 + 1;
    CHECK(names_where(staff.id.in(many)) == v{"boss", "dev"});
    check_same_rows(db, select(staff.name).from(staff).where(staff.id.in(ids)).order_by(staff.id),
                    R"(SELECT name FROM staff WHERE id IN (1, 3, 42) ORDER BY id)");
}

TEMPLATE_TEST_CASE("a column that depends on a grouped primary key may be selected, and HAVING needs no GROUP BY",
                   "[both]", sqlite::connection, postgres::connection) {
    auto db = seeded<TestType>();
    check_same_rows(db,
                    select(users.id, users.name, count(orders.id))
                        .from(users)
                        .left_join(orders).on(orders.user_id == users.id)
                        .group_by(users.id)
                        .order_by(users.id),
                    R"(SELECT u.id, u.name, COUNT(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id ORDER BY u.id)");
    check_same_rows(db, select(count()).from(orders).having(count() > 1), R"(SELECT COUNT(*) FROM orders HAVING COUNT(*) > 1)");
    CHECK(db(select(count()).from(orders).having(count() > 5)).to_vector().empty());
}
