// Loading a file into a table exactly once, with a progress bar on stderr.
// Run it twice against the same database and the second run loads nothing.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>

#include <fmt/format.h>

#include <ctql/pipeline.hpp>
#include <ctql/sqlite.hpp>

CTQL_TABLE(trips,
    (id,       std::int64_t, ctql::primary_key),
    (city,     std::string),
    (distance, std::optional<double>),
    (started,  ctql::timestamp));

using namespace ctql;

int main(int argc, char** argv) {
    const std::string database = argc > 1 ? argv[1] : ":memory:";
    const std::string path = "trips.tsv";
    {  // a day's export: tab-separated, a header line, \N for NULL
        std::ofstream out(path);
        out << "id\tcity\tdistance\tstarted\n";
        for (int i = 1; i <= 100'000; ++i)
            out << i << '\t' << (i % 3 ? "Lyon" : "Graz") << '\t' << (i % 10 ? std::to_string(i * 0.1) : "\\N")
                << "\t2026-11-29 08:" << fmt::format("{:02}:{:02}", i / 60 % 60, i % 60) << '\n';
    }
    const auto total_bytes = static_cast<double>(std::ifstream(path, std::ios::ate).tellg());

    sqlite::connection db{database};
    for (int run = 1; run <= 2; ++run) {
        std::ifstream in(path);
        const copy_result r = copy_to_table(
            db, trips, delimited(in, {.header = true, .source_name = path}),
            {.update_id = "trips-2026-11-29", .create_table = true, .chunk_rows = 20'000,
             .progress = [&](const copy_progress& p) {
                 const int filled = static_cast<int>(40 * static_cast<double>(p.bytes) / total_bytes);
                 std::fprintf(stderr, "\r[%-40s] %llu rows", std::string(filled, '#').c_str(),
                              static_cast<unsigned long long>(p.rows));
             }});
        std::fprintf(stderr, "\n");
        if (r.already_loaded) fmt::print("run {}: trips-2026-11-29 was loaded before; nothing to do\n", run);
        else fmt::print("run {}: loaded {} rows ({} bytes)\n", run, r.rows, r.bytes);
    }
    const auto graz = db(select(count()).from(trips).where(trips.city == "Graz")).front();
    fmt::print("{} trips in Graz; marker written: {}\n", graz, copy_complete(db, trips, "trips-2026-11-29"));
    std::remove(path.c_str());
    return graz == 33'333 ? 0 : 1;
}
