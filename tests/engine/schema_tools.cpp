// create_all, schema_diff and explain on an engine's connection, which
// passes them to the backend it holds.
#include <catch2/catch.hpp>

#include <ctql/engine.hpp>

#include "../common/shop_schema.hpp"

using namespace ctql;

TEST_CASE("an engine connection creates a schema, compares it and explains a query") {
    engine db = create_engine("sqlite://");
    auto c = db.connect();
    create_all(c, shop_line_notes, shop_lines, shop_purchases, shop_products, shop_customers);
    const auto diff = schema_diff(c, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes);
    INFO(diff.text());
    CHECK(diff.empty());
    c.execute(verbatim{"DROP INDEX ix_shop_lines_product"});
    CHECK(schema_diff(c, shop_lines).contains(schema_difference_kind::missing_index, "shop_lines", "ix_shop_lines_product"));
    const std::string plan =
        explain(c, select(shop_customers.id).from(shop_customers).where(lower(shop_customers.email) == "ada@example.org"));
    CHECK_THAT(plan, Catch::Contains("ux_shop_customers_email"));
    drop_all(c, shop_line_notes, shop_lines, shop_purchases, shop_products, shop_customers);
    CHECK(schema_diff(c, shop_lines).contains(schema_difference_kind::missing_table, "shop_lines"));
}
