// SQL templates run on both backends: the rows ctql reads are the rows the
// same SQL (with the values written in) gives through the raw C API, and the
// writes leave what raw SQL then reads.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <ctql/pipeline/sql_template.hpp>

#include "../common/backends.hpp"
#include "../common/raw_sql.hpp"

using namespace ctql;
using ctql_test::raw_rows;

namespace app {
struct spender {
    BOOST_HANA_DEFINE_STRUCT(spender, (std::string, name), (std::int64_t, order_count), (std::optional<double>, spent));
};
}  // namespace app

namespace {
template <class Backend>
typename Backend::connection seeded() {
    auto db = ctql_test::fresh<Backend>();
    for (const auto& [name, email, score] : {std::tuple{"Ada", "ada@x", 91.5}, {"Bob", "bob@x", 40.0}, {"Cy", "cy@x", 70.0}})
        db(insert_into(users).set(users.name = name, users.email = email, users.score = score));
    db(insert_into(users).set(users.name = "Dee", users.email = std::nullopt, users.score = 10.0));
    for (const auto& [user, total] : {std::pair{1, 10.0}, {1, 150.0}, {3, 20.0}})
        db(insert_into(orders).set(orders.user_id = std::int64_t{user}, orders.total = total));
    return db;
}

constexpr auto spenders = sql_template<
    "SELECT u.id, u.name, COUNT(o.id) AS order_count, SUM(o.total) AS spent "
    "FROM users u LEFT JOIN orders o ON o.user_id = u.id "
    "WHERE u.score >= :min_score "
    "GROUP BY u.id, u.name ORDER BY u.id LIMIT :n">(users, orders);

constexpr auto by_name = sql_template<
    "SELECT name, email FROM users WHERE name LIKE :pattern OR name IN (:a, :b) ORDER BY name">(users);
}  // namespace

TEMPLATE_TEST_CASE("a template select returns the rows of its SQL", "[both][template]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    ctql_test::check_same_rows(db, spenders,
                               "SELECT u.id, u.name, COUNT(o.id) AS order_count, SUM(o.total) AS spent "
                               "FROM users u LEFT JOIN orders o ON o.user_id = u.id WHERE u.score >= 20 "
                               "GROUP BY u.id, u.name ORDER BY u.id LIMIT 2",
                               arg<"min_score">(20.0), arg<"n">(std::int64_t{2}));
    const auto rows = db(spenders, arg<"min_score">(20.0), arg<"n">(std::int64_t{10})).to_vector();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].name == "Ada");
    CHECK(get<"order_count">(rows[0]) == 2);
    CHECK(get<"spent">(rows[0]) == std::optional<double>{160.0});
    CHECK(rows[1].name == "Bob");
    CHECK(get<"spent">(rows[1]) == std::nullopt);  // no orders: SUM is NULL
}

TEMPLATE_TEST_CASE("LIKE, IN and repeated names bind the same inputs", "[both][template]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    ctql_test::check_same_rows(db, by_name,
                               "SELECT name, email FROM users WHERE name LIKE 'C%' OR name IN ('Dee', 'Ada') ORDER BY name",
                               arg<"pattern">("C%"), arg<"a">("Dee"), arg<"b">("Ada"));
    constexpr auto twice = sql_template<"SELECT id FROM users WHERE score > :s OR score * 2 = :s ORDER BY id">(users);
    const auto ids = db(twice, arg<"s">(80.0)).to_vector();
    CHECK(ids == std::vector<std::int64_t>{1, 2});  // Ada scores over 80, Bob exactly half of it
}

TEMPLATE_TEST_CASE("an input is bound, never spliced into the text", "[both][template]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    const std::string hostile = "x' OR '1'='1'; DROP TABLE users; --";
    CHECK(db(by_name, arg<"pattern">(hostile), arg<"a">(hostile), arg<"b">(hostile)).to_vector().empty());
    CHECK(raw_rows(db, "SELECT COUNT(*) FROM users").front().front() == "4");
}

TEMPLATE_TEST_CASE("template writes change the rows raw SQL reads", "[both][template]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto add = sql_template<"INSERT INTO users (name, email, score) VALUES (:name, :email, :score)">(users);
    CHECK(db(add, arg<"name">("Eve"), arg<"email">(std::nullopt), arg<"score">(55.0)) == 1);
    constexpr auto rename = sql_template<"UPDATE users SET name = :new_name, email = :email WHERE name = :old_name">(users);
    CHECK(db(rename, arg<"new_name">("Eva"), arg<"email">("eva@x"), arg<"old_name">("Eve")) == 1);
    constexpr auto drop_small = sql_template<"DELETE FROM orders WHERE total BETWEEN :low AND :high">(orders);
    CHECK(db(drop_small, arg<"low">(5.0), arg<"high">(25.0)) == 2);

    CHECK(raw_rows(db, "SELECT name, email, score FROM users WHERE name = 'Eva'") ==
          std::vector<ctql_test::raw_row>{{"Eva", "eva@x", TestType::name == std::string("sqlite") ? "55.0" : "55"}});
    CHECK(raw_rows(db, "SELECT COUNT(*) FROM orders").front().front() == "1");
}

TEMPLATE_TEST_CASE("a template is prepared once per connection", "[both][template]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    const auto before = db.prepared_statements();
    for (int i = 0; i < 3; ++i) (void)db(by_name, arg<"pattern">("A%"), arg<"a">("x"), arg<"b">("y")).to_vector();
    CHECK(db.prepared_statements() == before + 1);
}

TEMPLATE_TEST_CASE("template rows map onto structs by their column names and aliases", "[both][template]",
                   ctql_test::sqlite_backend, ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto q = sql_template<
        "SELECT SUM(o.total) AS spent, u.name, COUNT(o.id) AS order_count "
        "FROM users u JOIN orders o ON o.user_id = u.id GROUP BY u.name ORDER BY u.name">(users, orders);
    const auto rows = db(q).template as<app::spender>().to_vector();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].name == "Ada");
    CHECK(rows[0].order_count == 2);
    CHECK(rows[0].spent == std::optional<double>{160.0});
    CHECK(rows[1].name == "Cy");
    CHECK(rows[1].spent == std::optional<double>{20.0});
}

TEMPLATE_TEST_CASE("SELECT * reads every column of the table", "[both][template]", ctql_test::sqlite_backend,
                   ctql_test::postgres_backend) {
    auto db = seeded<TestType>();
    constexpr auto q = sql_template<"SELECT * FROM orders WHERE user_id = :user ORDER BY id">(orders);
    ctql_test::check_same_rows(db, q, "SELECT * FROM orders WHERE user_id = 1 ORDER BY id", arg<"user">(std::int64_t{1}));
}

TEST_CASE("a template's rows stream from PostgreSQL one at a time", "[postgres][template]") {
    auto db = seeded<ctql_test::postgres_backend>();
    std::vector<std::string> names;
    for (const auto& row : db.stream(by_name, arg<"pattern">("%"), arg<"a">("x"), arg<"b">("y"))) names.push_back(row.name);
    CHECK(names == std::vector<std::string>{"Ada", "Bob", "Cy", "Dee"});
}
