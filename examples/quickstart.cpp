// The main job: a schema, typed queries whose SQL is fixed at compile time,
// and an in-memory SQLite database to run them on.
#include <cstdint>
#include <optional>
#include <string>

#include <fmt/format.h>

#include <ctql/sqlite.hpp>

CTQL_TABLE(users,
    (id,    std::int64_t,               ctql::primary_key),
    (name,  std::string),
    (email, std::optional<std::string>, ctql::unique),
    (score, double,                     ctql::default_value<0>));

CTQL_TABLE(orders,
    (id,      std::int64_t, ctql::primary_key),
    (user_id, std::int64_t, ctql::references<users.id>),
    (total,   double));

using namespace ctql;

constexpr auto top = select(users.id, users.name)
                         .from(users)
                         .where(users.score > param<"min", double>)
                         .order_by(users.name.asc())
                         .limit<10>();

static_assert(top.sql<dialect::sqlite>() ==
              R"(SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."score" > ? ORDER BY "users"."name" ASC LIMIT 10)");
static_assert(top.sql<dialect::postgres>() ==
              R"(SELECT "users"."id", "users"."name" FROM "users" WHERE "users"."score" > $1 ORDER BY "users"."name" ASC LIMIT 10)");

int main() {
    sqlite::connection db{":memory:"};
    db(create_table(users));
    db(create_table(orders));

    db(insert_into(users).set(users.name = "Ada", users.score = 91.5, users.email = "ada@example.org"));
    db(insert_into(users).set(users.name = "Grace", users.score = 88.0));
    db(insert_into(users).set(users.name = "Linus", users.score = 12.5));
    const std::int64_t ada = 1;
    // Writes that belong together: committed together, or rolled back if one throws.
    db.transaction([&] {
        db(insert_into(orders).set(orders.user_id = ada, orders.total = 30.0));
        db(insert_into(orders).set(orders.user_id = ada, orders.total = 12.25));
    });

    fmt::print("users scoring above 50:\n");
    for (const auto& row : db(top, arg<"min">(50.0)))
        fmt::print("  {} {}\n", row.id, row.name);

    const std::int64_t n = db(select(count(users.id)).from(users)).front();
    fmt::print("{} users\n", n);

    for (const std::optional<std::string>& email : db(select(users.email).from(users).order_by(users.id)))
        fmt::print("  email: {}\n", email.value_or("(none)"));

    for (const auto& [name, spent] : db(select(users.name, sum(orders.total))
                                            .from(users)
                                            .join(orders).on(orders.user_id == users.id)
                                            .group_by(users.name)))
        fmt::print("  {} spent {:.2f}\n", name, spent.value_or(0.0));

    const auto changed = db(update(users).set(users.score = users.score + 1).where(users.name == "Linus"));
    fmt::print("{} row updated\n", changed);
}
