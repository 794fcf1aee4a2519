// Uses ctql added with add_subdirectory, through the engine component.
#include <cstdint>
#include <cstdio>
#include <string>

#include <ctql/engine.hpp>

CTQL_TABLE(items,
    (id,    std::int64_t, ctql::primary_key),
    (name,  std::string),
    (price, double));

int main() {
    using namespace ctql;
    engine db = create_engine("sqlite://");  // an in-memory SQLite database
    auto conn = db.connect();
    conn(create_table(items));
    conn(insert_into(items).set(items.name = "pen", items.price = 1.5));
    conn(insert_into(items).set(items.name = "book", items.price = 12.0));
    const std::int64_t cheap = conn(select(count(items.id)).from(items).where(items.price < 5.0)).front();
    if (cheap != 1) {
        std::fprintf(stderr, "subdirectory consumer: expected 1, got %lld\n", static_cast<long long>(cheap));
        return 1;
    }
    std::printf("subdirectory consumer: ctql %s, %lld cheap item\n", CTQL_VERSION, static_cast<long long>(cheap));
    return 0;
}
