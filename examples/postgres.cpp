// The same typed statements on PostgreSQL: binary parameters and results,
// a COPY bulk load, a pipelined batch and a streamed result.
//
// The server comes from CTQL_TEST_POSTGRES_URL (scripts/with-postgres.sh sets
// it) or the first argument, e.g. postgresql://user@localhost/app.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include <ctql/postgres.hpp>

CTQL_TABLE(accounts,
    (id,      std::int64_t,               ctql::primary_key),
    (owner,   std::string),
    (balance, double,                     ctql::default_value<0>),
    (opened,  ctql::timestamp),
    (note,    std::optional<std::string>));

using namespace ctql;

int main(int argc, char** argv) {
    const char* url = argc > 1 ? argv[1] : std::getenv("CTQL_TEST_POSTGRES_URL");
    if (url == nullptr) {
        fmt::print(stderr, "usage: postgres <url>  (or set CTQL_TEST_POSTGRES_URL)\n");
        return 2;
    }
    postgres::connection db{url};
    db(drop_table(accounts));
    db(create_table(accounts));

    const auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    db(insert_into(accounts).set(accounts.owner = "Ada", accounts.balance = 120.0, accounts.opened = now));

    // Bulk load: COPY ... FROM STDIN (FORMAT binary), all rows or none.
    std::vector<std::tuple<std::string, double, timestamp>> rows;
    for (int i = 0; i < 1000; ++i) rows.emplace_back("owner" + std::to_string(i), i * 1.5, now);
    fmt::print("copied {} rows\n", db(insert_into(accounts).columns(accounts.owner, accounts.balance, accounts.opened), rows));

    // A batch in pipeline mode: one round trip, one implicit transaction.
    constexpr auto credit = update(accounts)
                                .set(accounts.balance = accounts.balance + param<"amount", double>)
                                .where(accounts.owner == param<"owner", std::string>);
    {
        auto batch = db.pipeline();
        const std::string ada = "Ada", first = "owner0";
        batch(credit, arg<"amount">(10.0), arg<"owner">(ada));
        batch(credit, arg<"amount">(5.0), arg<"owner">(first));
        fmt::print("pipeline changed {} statements' rows\n", batch.sync().size());
    }

    constexpr auto richest = select(accounts.owner, accounts.balance)
                                 .from(accounts)
                                 .where(accounts.balance > param<"min", double>)
                                 .order_by(accounts.balance.desc())
                                 .limit<3>();
    for (const auto& row : db(richest, arg<"min">(100.0)))
        fmt::print("{:>10} {:>8.2f}\n", row.owner, row.balance);

    // Streamed: rows arrive one at a time, memory stays flat however many there are.
    double total = 0;
    for (double balance : db.stream(select(accounts.balance).from(accounts))) total += balance;
    fmt::print("total balance {:.2f}\n", total);

    db(drop_table(accounts));
}
