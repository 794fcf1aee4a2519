// ON CONFLICT names one column of a two-column primary key: not a key on its own.
// expect: the ON CONFLICT columns are not the primary key or a unique constraint
// expect: rule::conflict_target_is_a_key<stock_t, stock_t::item_column>
#include <ctql/sqlite.hpp>

CTQL_TABLE(stock, (shop, std::int64_t), (item, std::string), (count, std::int64_t));
CTQL_TABLE_CONSTRAINTS(stock, ctql::primary_key(stock.shop, stock.item));

constexpr auto q = ctql::insert_into(stock)
                       .set(stock.shop = 1, stock.item = "pen", stock.count = 1)
                       .on_conflict(stock.item)
                       .do_nothing();
