// UPDATE ... FROM whose condition reads a third table that from() does not name.
// expect: an update or delete may only use columns of the table it changes and of the tables named in its from() / using_()
// expect: rule::column_belongs_to_readable_table<regions_t,
#include <ctql/sqlite.hpp>

CTQL_TABLE(users, (id, std::int64_t, ctql::primary_key), (region, std::int64_t));
CTQL_TABLE(orders, (id, std::int64_t, ctql::primary_key), (user_id, std::int64_t), (note, std::string));
CTQL_TABLE(regions, (id, std::int64_t, ctql::primary_key), (name, std::string));

constexpr auto q = ctql::update(orders).set(orders.note = regions.name).from(users)
                       .where(orders.user_id == users.id && users.region == regions.id);
