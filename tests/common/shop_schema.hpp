#pragma once
// A schema with every kind of constraint, for the DDL tests: composite keys,
// foreign keys with actions (column-level and composite), CHECKs, defaults
// computed by the database, and unique, partial and expression indexes.
// Its table names are its own, so that its tests never touch another's tables.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <ctql/ctql.hpp>

CTQL_TABLE(shop_customers,
    (id,      std::int64_t,          ctql::primary_key),
    (email,   std::string),
    (joined,  std::chrono::sys_days, ctql::default_value<ctql::current_date()>),
    (created, ctql::timestamp,       ctql::default_value<ctql::current_timestamp()>));
CTQL_TABLE_CONSTRAINTS(shop_customers,
    ctql::check(shop_customers.email.like("%@%")),
    ctql::index<"ux_shop_customers_email">(ctql::lower(shop_customers.email)).unique());

CTQL_TABLE(shop_products,
    (id,     std::int64_t, ctql::primary_key),
    (sku,    std::string,  ctql::unique),
    (name,   std::string),
    (price,  double),
    (active, bool,         ctql::default_value<true>));
CTQL_TABLE_CONSTRAINTS(shop_products,
    ctql::check(shop_products.price >= 0.0),
    // Two active products cannot share a name; retired ones may.
    ctql::index<"ux_shop_products_active_name">(shop_products.name).unique().where(shop_products.active == true));

CTQL_TABLE(shop_purchases,
    (id,          std::int64_t,                ctql::primary_key),
    (customer_id, std::optional<std::int64_t>, ctql::references<shop_customers.id>.on_delete(ctql::set_null)),
    (placed,      std::chrono::sys_days));

CTQL_TABLE(shop_lines,
    (purchase_id, std::int64_t, ctql::references<shop_purchases.id>.on_delete(ctql::cascade).on_update(ctql::cascade)),
    (line,        std::int32_t),
    (product_id,  std::int64_t, ctql::references<shop_products.id>.on_delete(ctql::restrict)),
    (qty,         std::int32_t));
CTQL_TABLE_CONSTRAINTS(shop_lines,
    ctql::primary_key(shop_lines.purchase_id, shop_lines.line),
    ctql::check(shop_lines.qty > 0 && shop_lines.qty <= 1000),
    ctql::index<"ix_shop_lines_product">(shop_lines.product_id, shop_lines.qty.desc()));

CTQL_TABLE(shop_line_notes,
    (id,          std::int64_t, ctql::primary_key),
    (purchase_id, std::int64_t),
    (line,        std::int32_t),
    (note,        std::string));
CTQL_TABLE_CONSTRAINTS(shop_line_notes,
    ctql::foreign_key(shop_line_notes.purchase_id, shop_line_notes.line)
        .references(shop_lines.purchase_id, shop_lines.line)
        .on_delete(ctql::cascade),
    ctql::unique(shop_line_notes.purchase_id, shop_line_notes.line, shop_line_notes.note));
