// A small pipeline over two databases: a day's readings are loaded into the
// warehouse with copy_to_table, exactly once, then a report joins them with
// the stations kept in the default database; every step records its runs in
// the task history. Run it twice on the same day and the load is skipped.
// The databases come from a configuration (a file in real life; the text is
// inline here so that the example needs nothing around it).
#include <cstdint>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include <ctql/engine.hpp>
#include <ctql/pipeline.hpp>

CTQL_TABLE(stations,
    (id,   std::int64_t, ctql::primary_key),
    (city, std::string));

CTQL_TABLE(readings,
    (station, std::int64_t),
    (day,     std::string),
    (celsius, double));
CTQL_TABLE_BIND(readings, "warehouse");

using namespace ctql;

// One step of the pipeline: a run in the history, done or failed with its error.
template <class Step>
void run_task(task_history& history, const std::string& name, const std::string& day, Step step) {
    const std::int64_t run = history.record_run(
        {.task_id = name + "(day=" + day + ")", .name = name, .host = "example", .parameters = {{"day", day}}},
        task_status::running);
    try {
        history.record_event(run, step() ? task_status::done : task_status::skipped);
    } catch (const std::exception& e) {
        history.record_event(run, task_status::failed, e.what());
        throw;
    }
}

int main() {
    const database_config config = database_config::parse(R"(
[database.default]
url = sqlite://

[database.warehouse]
dialect = sqlite
address = :memory:
)", "pipeline.ini");
    fmt::print("{}\n", config);  // passwords, had there been any, print as ***
    bind_registry dbs = make_registry(config);
    task_history history{dbs.engine("default")};
    history.create_tables();

    dbs(create_table(stations));
    dbs(create_table(readings));  // on the warehouse: the table's bind says so
    dbs(insert_into(stations).set(stations.id = 1, stations.city = "Lyon"));
    dbs(insert_into(stations).set(stations.id = 2, stations.city = "Graz"));

    const std::string day = "2026-11-29";
    for (int attempt = 1; attempt <= 2; ++attempt) {
        run_task(history, "load_readings", day, [&] {
            std::istringstream file("1\t2026-11-29\t4.5\n1\t2026-11-29\t6.0\n2\t2026-11-29\t-1.5\n");
            connection conn = dbs.engine_for<readings_t>().connect();  // the warehouse
            const copy_result loaded = copy_to_table(conn, readings, delimited(file), {.update_id = "readings-" + day});
            fmt::print("attempt {}: {}\n", attempt,
                       loaded.already_loaded ? "already loaded" : fmt::format("{} readings loaded", loaded.rows));
            return !loaded.already_loaded;
        });
    }

    run_task(history, "station_report", day, [&] {
        std::map<std::int64_t, std::string> city;
        for (const auto& [id, name] : dbs(select(stations.id, stations.city).from(stations))) city[id] = name;
        for (const auto& [station, mean] : dbs(select(readings.station, avg(readings.celsius))
                                                   .from(readings)
                                                   .where(readings.day == day)
                                                   .group_by(readings.station)
                                                   .order_by(readings.station)))
            fmt::print("{}: {:.2f} °C\n", city.at(station), mean.value_or(0.0));
        return true;
    });

    for (const task_run& run : history.latest_runs())
        fmt::print("run {} {} {}\n", run.id, run.task_id, to_string(run.status.value_or(task_status::pending)));
    const bool ok = history.runs_by_status(task_status::skipped).size() == 1 &&
                    history.runs_by_status(task_status::done).size() == 2;
    return ok ? 0 : 1;
}
