// The constraints declared with a table are the database's: each one rejects
// what it forbids and allows the rest, on both backends.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>

#include "../common/shop_db.hpp"

using namespace ctql;
using ctql_test::postgres_backend;
using ctql_test::sqlite_backend;

namespace {
constexpr auto march_first = std::chrono::year{2024} / 3 / 1;

// The keys are generated (1, 2, ... in a new table), so that later inserts get new ones.
template <class Connection>
void seed(Connection& db) {
    db(insert_into(shop_customers).set(shop_customers.email = "ada@example.org"));
    db(insert_into(shop_products).set(shop_products.sku = "A-1", shop_products.name = "anvil", shop_products.price = 10.0));
    db(insert_into(shop_products).set(shop_products.sku = "B-2", shop_products.name = "bolt", shop_products.price = 0.5));
    db(insert_into(shop_purchases).set(shop_purchases.customer_id = std::int64_t{1}, shop_purchases.placed = march_first));
    db(insert_into(shop_lines).set(shop_lines.purchase_id = std::int64_t{1}, shop_lines.line = 1,
                                   shop_lines.product_id = std::int64_t{1}, shop_lines.qty = 2));
    db(insert_into(shop_lines).set(shop_lines.purchase_id = std::int64_t{1}, shop_lines.line = 2,
                                   shop_lines.product_id = std::int64_t{2}, shop_lines.qty = 50));
    db(insert_into(shop_line_notes).set(shop_line_notes.purchase_id = std::int64_t{1}, shop_line_notes.line = 2,
                                        shop_line_notes.note = "gift wrap"));
}

std::string lower_case(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

template <class Connection, class Statement>
std::string integrity_error_of(Connection& db, const Statement& stmt) {
    try {
        db(stmt);
    } catch (const integrity_error& e) {
        return lower_case(e.what());
    }
    FAIL("the statement was accepted: " << Statement::template sql<typename Connection::dialect>());
    return {};
}
}  // namespace

TEMPLATE_TEST_CASE("a composite primary key rejects a duplicate pair and accepts pairs that differ", "[ddl]",
                   sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    seed(db);
    const auto duplicate = insert_into(shop_lines).set(shop_lines.purchase_id = std::int64_t{1}, shop_lines.line = 2,
                                                       shop_lines.product_id = std::int64_t{1}, shop_lines.qty = 1);
    CHECK_FALSE(integrity_error_of(db, duplicate).empty());
    db(insert_into(shop_lines).set(shop_lines.purchase_id = std::int64_t{1}, shop_lines.line = 3,
                                   shop_lines.product_id = std::int64_t{1}, shop_lines.qty = 1));
    CHECK(db(select(count()).from(shop_lines)).front() == 3);
}

TEMPLATE_TEST_CASE("a CHECK rejects a row that breaks it, with the database's check constraint error", "[ddl]",
                   sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    seed(db);
    const auto too_many = insert_into(shop_lines).set(shop_lines.purchase_id = std::int64_t{1}, shop_lines.line = 3,
                                                      shop_lines.product_id = std::int64_t{1}, shop_lines.qty = 1001);
    CHECK_THAT(integrity_error_of(db, too_many), Catch::Contains("check constraint"));
    CHECK_THAT(integrity_error_of(db, update(shop_lines).set(shop_lines.qty = 0).where(shop_lines.line == 1)),
               Catch::Contains("check constraint"));
    CHECK_THAT(integrity_error_of(db, insert_into(shop_customers).set(shop_customers.email = "no at sign")),
               Catch::Contains("check constraint"));
    CHECK_THAT(integrity_error_of(db, update(shop_products).set(shop_products.price = -0.01).where(shop_products.id == 1)),
               Catch::Contains("check constraint"));
    CHECK(db(update(shop_lines).set(shop_lines.qty = 1000).where(shop_lines.line == 1)) == 1);
}

TEMPLATE_TEST_CASE("ON DELETE CASCADE deletes the referencing rows, through a composite foreign key too", "[ddl]",
                   sqlite_backend, postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    seed(db);
    CHECK(db(delete_from(shop_purchases).where(shop_purchases.id == 1)) == 1);
    CHECK(db(select(count()).from(shop_lines)).front() == 0);
    CHECK(db(select(count()).from(shop_line_notes)).front() == 0);
}

TEMPLATE_TEST_CASE("ON DELETE SET NULL keeps the referencing row without its reference", "[ddl]", sqlite_backend,
                   postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    seed(db);
    CHECK(db(delete_from(shop_customers).where(shop_customers.id == 1)) == 1);
    CHECK(db(select(shop_purchases.customer_id).from(shop_purchases)).to_vector() ==
          std::vector<std::optional<std::int64_t>>{std::nullopt});
}

TEMPLATE_TEST_CASE("ON DELETE RESTRICT and a missing referenced row are refused", "[ddl]", sqlite_backend,
                   postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    seed(db);
    CHECK_THAT(integrity_error_of(db, delete_from(shop_products).where(shop_products.id == 1)), Catch::Contains("foreign key"));
    const auto note_without_line = insert_into(shop_line_notes).set(
        shop_line_notes.purchase_id = std::int64_t{1}, shop_line_notes.line = 9, shop_line_notes.note = "lost");
    CHECK_THAT(integrity_error_of(db, note_without_line), Catch::Contains("foreign key"));
    CHECK(db(select(count()).from(shop_products)).front() == 2);
}

TEMPLATE_TEST_CASE("ON UPDATE CASCADE carries a changed key to the referencing rows", "[ddl]", sqlite_backend,
                   postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    seed(db);
    // shop_line_notes references shop_lines without ON UPDATE, so its row goes first.
    db(delete_from(shop_line_notes).all_rows());
    CHECK(db(update(shop_purchases).set(shop_purchases.id = std::int64_t{7}).where(shop_purchases.id == 1)) == 1);
    CHECK(db(select(shop_lines.purchase_id).from(shop_lines).order_by(shop_lines.line)).to_vector() ==
          std::vector<std::int64_t>{7, 7});
}

TEMPLATE_TEST_CASE("a partial unique index allows duplicates outside its WHERE only", "[ddl]", sqlite_backend,
                   postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    seed(db);
    const auto retired = [](const char* sku) {
        return insert_into(shop_products).set(shop_products.sku = sku, shop_products.name = "anvil",
                                              shop_products.price = 1.0, shop_products.active = false);
    };
    db(retired("A-2"));
    db(retired("A-3"));
    const auto second_active = insert_into(shop_products).set(shop_products.sku = "A-4", shop_products.name = "anvil",
                                                              shop_products.price = 1.0);
    CHECK_FALSE(integrity_error_of(db, second_active).empty());
    CHECK(db(select(count()).from(shop_products).where(shop_products.name == "anvil")).front() == 3);
}

TEMPLATE_TEST_CASE("a unique expression index compares the expression's values", "[ddl]", sqlite_backend,
                   postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    seed(db);
    CHECK_FALSE(integrity_error_of(db, insert_into(shop_customers).set(shop_customers.email = "ADA@example.org")).empty());
    db(insert_into(shop_customers).set(shop_customers.email = "bob@example.org"));
    CHECK(db(select(count()).from(shop_customers)).front() == 2);
}

TEMPLATE_TEST_CASE("defaults computed by the database fill the columns an insert leaves out", "[ddl]", sqlite_backend,
                   postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    db(insert_into(shop_customers).set(shop_customers.email = "cy@example.org"));
    const auto after = std::chrono::system_clock::now();
    const auto [joined, created] = db(select(shop_customers.joined, shop_customers.created).from(shop_customers)).front();
    CHECK(created >= before);
    CHECK(created <= after);
    // The date may have turned between the two readings of the clock.
    CHECK((joined == std::chrono::floor<std::chrono::days>(before) || joined == std::chrono::floor<std::chrono::days>(after)));
    CHECK(db(select(shop_products.active).from(shop_products)).empty());
}

TEMPLATE_TEST_CASE("a query on the indexed expression uses the expression index", "[ddl]", sqlite_backend,
                   postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    seed(db);
    std::string plan;
    if constexpr (std::is_same_v<TestType, sqlite_backend>) {
        for (const auto& row : ctql_test::raw_rows(db, "EXPLAIN QUERY PLAN SELECT id FROM shop_customers "
                                                       "WHERE lower(email) = 'ada@example.org'"))
            plan += row.back().value_or("") + "\n";
    } else {
        // On a table this small a sequential scan is cheaper; ask for the plan that the index allows.
        db.execute(verbatim{"SET enable_seqscan = off"});
        for (const auto& row : ctql_test::raw_rows(db, "EXPLAIN SELECT id FROM shop_customers "
                                                       "WHERE lower(email) = 'ada@example.org'"))
            plan += row.front().value_or("") + "\n";
        db.execute(verbatim{"RESET enable_seqscan"});
    }
    INFO(plan);
    CHECK_THAT(plan, Catch::Contains("ux_shop_customers_email"));
}
