// Uses the single header ctql/sqlite.hpp (with ctql.hpp beside it) and nothing else of ctql.
#include <cstdint>
#include <cstdio>
#include <string>

#include <ctql/sqlite.hpp>

CTQL_TABLE(items,
    (id,    std::int64_t, ctql::primary_key),
    (name,  std::string),
    (price, double));

int main() {
    using namespace ctql;
    sqlite::connection db{":memory:"};
    db(create_table(items));
    db(insert_into(items).set(items.name = "pen", items.price = 1.5));
    db(insert_into(items).set(items.name = "book", items.price = 12.0));
    const auto dearest = select(items.name).from(items).order_by(items.price.desc()).limit<1>();
    const std::string name = db(dearest).front();
    if (name != "book") {
        std::fprintf(stderr, "single_include consumer: expected book, got %s\n", name.c_str());
        return 1;
    }
    std::printf("single_include consumer: ctql %s, dearest item %s\n", CTQL_VERSION, name.c_str());
    return 0;
}
