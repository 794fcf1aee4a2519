// ctql-history: reads the task history (ctql::task_history) of a database.
//
//   ctql-history --db URL [--json] [runs] [--name NAME] [--param KEY=VALUE]...
//                [--status STATUS] [--since TIME] [--until TIME] [--limit N]
//   ctql-history --db URL [--json] show RUN
//   ctql-history --db URL [--json] task TASK_ID
//
// Exit status, for scripts: 0 something was found and printed, 1 nothing
// matched, 2 the command line is wrong, 3 the database failed (cannot
// connect, no history in it, a query error).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <ctql/core/timestamp_text.hpp>
#include <ctql/engine.hpp>
#include <ctql/pipeline/task_history.hpp>

namespace {

constexpr int found = 0, nothing_found = 1, usage_error = 2, database_error = 3;

constexpr std::string_view usage = R"(usage: ctql-history [--db URL] [--json] [runs] [filters]   recent runs, newest first
       ctql-history [--db URL] [--json] show RUN              one run: parameters and events
       ctql-history [--db URL] [--json] task TASK_ID          the runs of a scheduler's task id
filters:
  --name NAME           runs of this task name
  --param KEY=VALUE     runs with this parameter value (with --name; repeat for more)
  --status STATUS       runs whose latest event is pending, running, done, failed, disabled or skipped
  --since TIME          recorded at or after TIME (with --status alone: reached the status then)
  --until TIME          recorded before TIME
  --limit N             at most N runs (default 50)
TIME is 2026-11-29, 2026-11-29T08:30:00 (UTC), or an age before now: 90s, 30m, 12h, 7d.
URL is a ctql engine URL (sqlite:///history.db, postgresql://user@host/db?password_env=PGPASS);
without --db, the environment variable CTQL_HISTORY_URL.
exit status: 0 found, 1 nothing matched, 2 usage error, 3 database error
)";

struct usage_failure {
    std::string message;
};

struct options {
    std::string command = "runs";
    std::string argument;  // RUN or TASK_ID
    std::optional<std::string> db;
    bool json = false;
    std::optional<std::string> name;
    std::map<std::string, std::string> parameters;
    std::optional<ctql::task_status> status;
    ctql::time_window window;
    std::size_t limit = 50;
};

ctql::timestamp parse_time(std::string_view flag, std::string_view text) {
    if (const auto t = ctql::detail::try_parse_timestamp(text)) return *t;
    std::int64_t amount = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
    const std::string_view unit{end, static_cast<std::size_t>(text.data() + text.size() - end)};
    const auto now = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
    if (ec == std::errc{} && amount >= 0 && amount < 100'000) {
        if (unit == "s") return now - std::chrono::seconds{amount};
        if (unit == "m") return now - std::chrono::minutes{amount};
        if (unit == "h") return now - std::chrono::hours{amount};
        if (unit == "d") return now - std::chrono::days{amount};
    }
    throw usage_failure{fmt::format("{} {}: not a time (2026-11-29, 2026-11-29T08:30:00, or an age: 90s, 30m, 12h, 7d)",
                                    flag, text)};
}

options parse_arguments(std::span<char*> args) {
    options o;
    bool command_seen = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        const auto value = [&]() -> std::string_view {
            if (i + 1 >= args.size()) throw usage_failure{fmt::format("{} needs a value", arg)};
            return args[++i];
        };
        if (arg == "--help" || arg == "-h") throw usage_failure{};
        else if (arg == "--db") o.db = std::string(value());
        else if (arg == "--json") o.json = true;
        else if (arg == "--name") o.name = std::string(value());
        else if (arg == "--param") {
            const std::string_view pair = value();
            const auto eq = pair.find('=');
            if (eq == std::string_view::npos || eq == 0)
                throw usage_failure{fmt::format("--param {}: write KEY=VALUE", pair)};
            o.parameters[std::string(pair.substr(0, eq))] = std::string(pair.substr(eq + 1));
        } else if (arg == "--status") {
            const std::string_view text = value();
            o.status = ctql::parse_task_status(text);
            if (!o.status)
                throw usage_failure{fmt::format(
                    "--status {}: not a status (pending, running, done, failed, disabled, skipped)", text)};
        } else if (arg == "--since") o.window.since = parse_time(arg, value());
        else if (arg == "--until") o.window.until = parse_time(arg, value());
        else if (arg == "--limit") {
            const std::string_view text = value();
            std::size_t n = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
            if (ec != std::errc{} || end != text.data() + text.size() || n == 0)
                throw usage_failure{fmt::format("--limit {}: not a whole number of at least 1", text)};
            o.limit = n;
        } else if (arg.starts_with("-")) throw usage_failure{fmt::format("unknown option {}", arg)};
        else if (!command_seen && (arg == "runs" || arg == "show" || arg == "task")) {
            o.command = std::string(arg);
            command_seen = true;
            if (o.command != "runs") o.argument = std::string(value());
        } else throw usage_failure{fmt::format("unexpected argument {}", arg)};
    }
    if (!o.parameters.empty() && !o.name) throw usage_failure{"--param needs --name: parameters are searched within a task name"};
    if (o.command != "runs" && (o.name || o.status || !o.parameters.empty()))
        throw usage_failure{fmt::format("the filters are for runs, not for {}", o.command)};
    if (!o.db) {
        if (const char* env = std::getenv("CTQL_HISTORY_URL"); env && *env) o.db = env;
        else throw usage_failure{"no database: give --db URL or set CTQL_HISTORY_URL"};
    }
    return o;
}

std::string time_text(const std::optional<ctql::timestamp>& t) {
    return t ? ctql::detail::format_timestamp(*t).substr(0, 19) : std::string{};
}

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) out += fmt::format("\\u{:04x}", c);
                else out += ch;
        }
    }
    return out + "\"";
}

template <class T>
std::string json_optional(const std::optional<T>& v) {
    return v ? json_string(*v) : "null";
}

std::string run_json(const ctql::task_run& r) {
    std::string params;
    for (const auto& [k, v] : r.parameters) params += fmt::format("{}{}: {}", params.empty() ? "" : ", ", json_string(k), json_string(v));
    return fmt::format(R"({{"id": {}, "task_id": {}, "name": {}, "host": {}, "recorded": {}, "status": {}, "updated": {}, "parameters": {{{}}}}})",
                       r.id, json_string(r.task_id), json_string(r.name), json_optional(r.host),
                       json_string(ctql::detail::format_timestamp(r.recorded)),
                       r.status ? json_string(ctql::to_string(*r.status)) : "null",
                       r.updated ? json_string(ctql::detail::format_timestamp(*r.updated)) : "null", params);
}

// Columns as wide as their widest cell; a cell's line breaks shown as \n so that a row stays one line.
void print_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width(header.size());
    const auto one_line = [](std::string s) {
        for (std::size_t p = 0; (p = s.find('\n', p)) != std::string::npos; p += 2) s.replace(p, 1, "\\n");
        return s;
    };
    for (std::size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], one_line(row[c]).size());
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c)
            out += c + 1 == cells.size() ? one_line(cells[c]) : fmt::format("{:<{}}  ", one_line(cells[c]), width[c]);
        out.erase(out.find_last_not_of(' ') + 1);
        fmt::print("{}\n", out);
    };
    line(header);
    for (const auto& row : rows) line(row);
}

int print_runs(const std::vector<ctql::task_run>& runs, bool json) {
    if (json) {
        fmt::print("[");
        for (std::size_t i = 0; i < runs.size(); ++i) fmt::print("{}{}", i ? ",\n " : "", run_json(runs[i]));
        fmt::print("]\n");
    } else if (runs.empty()) {
        fmt::print(stderr, "no runs matched\n");
    } else {
        std::vector<std::vector<std::string>> rows;
        for (const auto& r : runs)
            rows.push_back({std::to_string(r.id), r.name, r.status ? std::string(ctql::to_string(*r.status)) : "",
                            time_text(r.updated), r.host.value_or(""), r.task_id});
        print_table({"RUN", "NAME", "STATUS", "UPDATED (UTC)", "HOST", "TASK ID"}, rows);
    }
    return runs.empty() ? nothing_found : found;
}

int show_run(ctql::task_history& history, const options& o) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(o.argument.data(), o.argument.data() + o.argument.size(), id);
    if (ec != std::errc{} || end != o.argument.data() + o.argument.size())
        throw usage_failure{fmt::format("show {}: RUN is a run's number, as the runs command prints it", o.argument)};
    const auto run = history.find_run(id);
    if (!run) {
        if (o.json) fmt::print("null\n");
        else fmt::print(stderr, "no run {}\n", id);
        return nothing_found;
    }
    const auto events = history.events(id);
    if (o.json) {
        std::string list;
        for (const auto& e : events)
            list += fmt::format(R"({}{{"status": {}, "at": {}, "error": {}}})", list.empty() ? "" : ", ",
                                json_string(ctql::to_string(e.status)), json_string(ctql::detail::format_timestamp(e.at)),
                                json_optional(e.error));
        std::string text = run_json(*run);
        text.pop_back();
        fmt::print("{}, \"events\": [{}]}}\n", text, list);
        return found;
    }
    fmt::print("run {}: {} ({})\nhost: {}\nrecorded: {} UTC\n", run->id, run->name, run->task_id,
               run->host.value_or("-"), time_text(run->recorded));
    if (!run->parameters.empty()) {
        fmt::print("\nparameters:\n");
        std::vector<std::vector<std::string>> rows;
        for (const auto& [k, v] : run->parameters) rows.push_back({k, v});
        print_table({"NAME", "VALUE"}, rows);
    }
    fmt::print("\nevents:\n");
    std::vector<std::vector<std::string>> rows;
    for (const auto& e : events)
        rows.push_back({time_text(e.at), std::string(ctql::to_string(e.status)), e.error.value_or("")});
    print_table({"AT (UTC)", "STATUS", "ERROR"}, rows);
    return found;
}

// A SQLite file opened read-only: the tool never creates or changes a database.
std::string read_only(const std::string& text) {
    ctql::url address = ctql::parse_url(text);
    if (address.dialect != "sqlite" || address.is_memory()) return text;
    for (const auto& [key, value] : address.query)
        if (key == "mode") return text;
    address.query.emplace_back("mode", "ro");
    return address.to_string(false);
}

int list_runs(ctql::task_history& history, const options& o) {
    std::vector<ctql::task_run> runs;
    if (o.command == "task") {
        runs = history.find_by_task_id(o.argument);
    } else if (o.name) {
        const std::size_t all = std::numeric_limits<std::size_t>::max();
        for (auto& r : history.find_by_parameters(*o.name, o.parameters, all)) {
            if (o.status && r.status != o.status) continue;
            if (r.recorded < o.window.since || r.recorded >= o.window.until) continue;
            runs.push_back(std::move(r));
            if (runs.size() == o.limit) break;
        }
    } else if (o.status) {
        runs = history.runs_by_status(*o.status, o.window, o.limit);
    } else {
        runs = history.latest_runs(o.window, o.limit);
    }
    return print_runs(runs, o.json);
}

}  // namespace

int main(int argc, char** argv) {
    options o;
    try {
        o = parse_arguments(std::span<char*>(argv + 1, static_cast<std::size_t>(argc - 1)));
    } catch (const usage_failure& failure) {
        if (failure.message.empty()) {
            fmt::print("{}", usage);
            return found;
        }
        fmt::print(stderr, "ctql-history: {}\n{}", failure.message, usage);
        return usage_error;
    }
    try {
        ctql::task_history history{ctql::create_engine(read_only(*o.db))};
        const bool has_history = history.database().connect().with_backend(
            [](auto& backend) { return backend.has_table("tasks") && backend.has_table("task_events"); });
        if (!has_history) {
            fmt::print(stderr, "ctql-history: {} has no task history (tables tasks, task_parameters, task_events)\n",
                       history.database().display_url());
            return database_error;
        }
        return o.command == "show" ? show_run(history, o) : list_runs(history, o);
    } catch (const usage_failure& failure) {
        fmt::print(stderr, "ctql-history: {}\n", failure.message);
        return usage_error;
    } catch (const std::exception& e) {
        fmt::print(stderr, "ctql-history: {}\n", e.what());
        return database_error;
    }
}
