#pragma once
// A connection on each backend with the shop schema (common/shop_schema.hpp)
// created empty, and questions about what exists, asked of the catalog in
// raw SQL so that they do not depend on what they check.
#include <string>

#include "backends.hpp"
#include "raw_sql.hpp"
#include "shop_schema.hpp"

namespace ctql_test {

template <class Connection>
void recreate_shop(Connection& db) {
    ctql::drop_all(db, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes);
    ctql::create_all(db, shop_customers, shop_products, shop_purchases, shop_lines, shop_line_notes);
}

template <class Backend>
typename Backend::connection fresh_shop() {
    auto db = Backend::open();
    recreate_shop(db);
    return db;
}

inline bool table_exists(ctql::sqlite::connection& db, const std::string& name) {
    return raw_scalar_text(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'") != "0";
}
inline bool table_exists(ctql::postgres::connection& db, const std::string& name) {
    return raw_scalar_text(db, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = '" +
                                   name + "'") != "0";
}
inline bool index_exists(ctql::sqlite::connection& db, const std::string& name) {
    return raw_scalar_text(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" + name + "'") != "0";
}
inline bool index_exists(ctql::postgres::connection& db, const std::string& name) {
    return raw_scalar_text(db, "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = '" +
                                   name + "'") != "0";
}

}  // namespace ctql_test
