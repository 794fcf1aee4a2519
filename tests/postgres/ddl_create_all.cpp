// create_all / drop_all order a schema by its foreign keys and run in one
// transaction; every DDL statement has an IF (NOT) EXISTS form and a plain one.
#include <catch2/catch.hpp>

#include "../common/shop_db.hpp"

using namespace ctql;
using ctql_test::index_exists;
using ctql_test::postgres_backend;
using ctql_test::sqlite_backend;
using ctql_test::table_exists;

TEMPLATE_TEST_CASE("create_all creates tables listed before the tables they reference, and drop_all drops them", "[ddl]",
                   sqlite_backend, postgres_backend) {
    auto db = TestType::open();
    drop_all(db, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes);
    // Listed backwards: PostgreSQL refuses a foreign key to a table that does not exist yet.
    create_all(db, shop_line_notes, shop_lines, shop_purchases, shop_products, shop_customers);
    for (const char* table : {"shop_customers", "shop_products", "shop_purchases", "shop_lines", "shop_line_notes"})
        CHECK(table_exists(db, table));
    for (const char* index : {"ux_shop_customers_email", "ux_shop_products_active_name", "ix_shop_lines_product"})
        CHECK(index_exists(db, index));
    // Listed forwards: PostgreSQL refuses to drop a table that another one references.
    drop_all(db, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes);
    for (const char* table : {"shop_customers", "shop_products", "shop_purchases", "shop_lines", "shop_line_notes"})
        CHECK_FALSE(table_exists(db, table));
    CHECK_FALSE(index_exists(db, "ix_shop_lines_product"));
}

TEMPLATE_TEST_CASE("create_all and drop_all with IF (NOT) EXISTS can run twice", "[ddl]", sqlite_backend,
                   postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    db(insert_into(shop_customers).set(shop_customers.email = "ada@example.org"));
    CHECK_NOTHROW(create_all(db, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes));
    CHECK(db(select(count()).from(shop_customers)).front() == 1);
    drop_all(db, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes);
    CHECK_NOTHROW(drop_all(db, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes));
}

TEMPLATE_TEST_CASE("the plain forms fail when the table or index exists, or does not", "[ddl]", sqlite_backend,
                   postgres_backend) {
    auto db = ctql_test::fresh_shop<TestType>();
    CHECK_THROWS_AS(db(create_table(shop_customers).must_not_exist()), database_error);
    CHECK_THROWS_AS(db(create_index<"ix_shop_lines_product">(shop_lines).must_not_exist()), database_error);
    CHECK_NOTHROW(db(create_index<"ix_shop_lines_product">(shop_lines)));

    db(drop_index<"ix_shop_lines_product">(shop_lines).must_exist());
    CHECK_FALSE(index_exists(db, "ix_shop_lines_product"));
    CHECK_THROWS_AS(db(drop_index<"ix_shop_lines_product">(shop_lines).must_exist()), database_error);
    CHECK_NOTHROW(db(drop_index<"ix_shop_lines_product">(shop_lines)));
    db(create_index<"ix_shop_lines_product">(shop_lines).must_not_exist());
    CHECK(index_exists(db, "ix_shop_lines_product"));

    db(drop_table(shop_line_notes).must_exist());
    CHECK_THROWS_AS(db(drop_table(shop_line_notes).must_exist()), database_error);
    CHECK_NOTHROW(db(drop_table(shop_line_notes)));
    db(create_table(shop_line_notes).must_not_exist());
    CHECK(table_exists(db, "shop_line_notes"));
}

TEMPLATE_TEST_CASE("create_all runs in one transaction: when one statement fails, nothing is created", "[ddl]",
                   sqlite_backend, postgres_backend) {
    auto db = TestType::open();
    drop_all(db, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes);
    db(create_table(shop_customers));
    // shop_customers exists: its plain CREATE TABLE fails after shop_products was created.
    CHECK_THROWS_AS(create_all(shop_products, shop_customers).must_not_exist().run(db), database_error);
    CHECK_FALSE(table_exists(db, "shop_products"));
    CHECK_FALSE(db.in_transaction());
    drop_all(db, shop_customers);
}

TEMPLATE_TEST_CASE("create_all inside an open transaction uses a savepoint", "[ddl]", sqlite_backend, postgres_backend) {
    auto db = TestType::open();
    drop_all(db, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes);
    auto tx = db.begin();
    create_all(db, shop_customers, shop_products);
    CHECK(db.in_transaction());
    tx.rollback();
    CHECK_FALSE(table_exists(db, "shop_customers"));
}
