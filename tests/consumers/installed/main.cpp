// Uses an installed ctql through its CMake package (components sqlite and postgres).
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include <libpq-fe.h>

#include <ctql/postgres.hpp>
#include <ctql/sqlite.hpp>

static_assert(std::string_view{CTQL_VERSION} == CONSUMER_EXPECTED_VERSION,
              "<ctql/version.hpp> disagrees with the version of the CMake package");

CTQL_TABLE(items,
    (id,    std::int64_t, ctql::primary_key),
    (name,  std::string),
    (price, double));

int main() {
    using namespace ctql;
    constexpr auto total_above = select(sum(items.price)).from(items).where(items.price > param<"min", double>);
    static_assert(total_above.sql<dialect::postgres>() ==
                  R"(SELECT SUM("items"."price") FROM "items" WHERE "items"."price" > $1)");

    sqlite::connection db{":memory:"};
    db(create_table(items));
    db(insert_into(items).set(items.name = "pen", items.price = 1.5));
    db(insert_into(items).set(items.name = "book", items.price = 12.0));
    db(insert_into(items).set(items.name = "clip", items.price = 0.25));
    const double total = db(total_above, arg<"min">(1.0)).front().value_or(-1.0);
    if (total != 13.5) {
        std::fprintf(stderr, "installed consumer: expected 13.5, got %g\n", total);
        return 1;
    }
    // ctql::postgres brought libpq's headers and library with it.
    std::printf("installed consumer: ctql %s, sum %.2f, libpq %d\n", CTQL_VERSION, total, PQlibVersion());
    return 0;
}
