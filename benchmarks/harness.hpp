#pragma once
// The plain harness shared by the benchmark programs (sqlite_bench, postgres_bench).
//
// A workload is run by several contenders (ctql, the raw C API, peer libraries).
// Every repetition runs each contender once, in turn, so that all of them see the
// same machine state; the figure reported is the median. Each contender's run
// returns a checksum of what it read or wrote, and contenders that disagree are
// a bug in the benchmark, reported as an error (never a slow time).
//
// Command line (the same for every benchmark program):
//   --scale small|full   small: tiny N and 2 repetitions (the CTest smoke run)
//   --reps K             repetitions (after one untimed warm-up run)
//   --only S1,S3         run only these workloads
//   --n 100000           replace the list of N for the scaled workloads
//   --out FILE.json      write the results for benchmarks/report.py
//
// JSON written by --out:
//   {"program": ..., "scale": ..., "reps": K, "info": {string: string, ...},
//    "results": [{"id": "S1", "label": ..., "n": N, "ops": rows or calls per run,
//                 "contenders": [{"name": ..., "kind": "ctql"|"raw"|"peer",
//                                 "median_s": ..., "median_cpu_s": ..., "samples_s": [...],
//                                 "cpu_samples_s": [...]}, ...],
//                 "targets": [{"vs": contender name, "max_ratio": r}, ...]}, ...]}
// A target is met when, for every "ctql" contender, the median over rounds of its time ÷
// the "vs" contender's time is at most max_ratio (P1's "≥ 10× per-row INSERT" is max_ratio
// 0.1). The report judges wall-clock times, or CPU times when "info" has "judge_by": "cpu".
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harness {

// Keeps the compiler from dropping a computation whose result is otherwise unused.
template <class T>
inline void keep(const T& value) {
    asm volatile("" : : "r,m"(value) : "memory");
}

struct options {
    bool small = false;
    int reps = 5;
    std::string out;
    std::vector<std::string> only;
    std::vector<std::int64_t> n;

    bool wants(std::string_view id) const {
        return only.empty() || std::find(only.begin(), only.end(), id) != only.end();
    }
    // The N list of a scaled workload: --n if given, else `full` (or `tiny` at small scale).
    std::vector<std::int64_t> sizes(std::vector<std::int64_t> full, std::vector<std::int64_t> tiny) const {
        if (!n.empty()) return n;
        return small ? tiny : full;
    }
};

inline std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ',');)
        if (!part.empty()) parts.push_back(part);
    return parts;
}

inline options parse_options(int argc, char** argv) {
    options o;
    bool reps_given = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--scale") {
            const std::string s = value();
            if (s != "small" && s != "full") throw std::invalid_argument("--scale is small or full");
            o.small = s == "small";
        } else if (arg == "--reps") {
            o.reps = std::max(1, std::stoi(value()));
            reps_given = true;
        } else if (arg == "--out") {
            o.out = value();
        } else if (arg == "--only") {
            o.only = split(value());
        } else if (arg == "--n") {
            for (const auto& part : split(value())) o.n.push_back(std::stoll(part));
        } else {
            throw std::invalid_argument("unknown option " + arg +
                                        " (options: --scale small|full, --reps K, --only S1,S2, --n N1,N2, --out FILE)");
        }
    }
    if (o.small && !reps_given) o.reps = 2;
    return o;
}

struct contender {
    std::string name;
    std::string kind;               // "ctql", "raw" or "peer"
    std::function<void()> setup;    // untimed, before every run (may be empty)
    std::function<double()> run;    // timed; returns a checksum
    std::function<double()> check;  // untimed, after every run (may be empty); added to the checksum

    contender(std::string name_, std::string kind_, std::function<void()> setup_, std::function<double()> run_,
              std::function<double()> check_ = {})
        : name(std::move(name_)), kind(std::move(kind_)), setup(std::move(setup_)), run(std::move(run_)),
          check(std::move(check_)) {}
};

struct target {
    std::string vs;
    double max_ratio;
};

inline double median_of(std::vector<double> s) {
    std::sort(s.begin(), s.end());
    const std::size_t m = s.size() / 2;
    return s.size() % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// CPU time of this thread: unlike the wall clock, it ignores time spent waiting
// while other processes on a busy machine had the core.
inline double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// a's time ÷ b's as the median of the per-round ratios: the contenders of one round run
// back to back, so pairing them cancels the drift of a busy machine.
inline double paired_ratio(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> q;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) q.push_back(a[i] / b[i]);
    return q.empty() ? 0.0 : median_of(q);
}

struct measured {
    std::string name, kind;
    std::vector<double> samples, cpu_samples;  // seconds: wall clock, thread CPU time
    double median() const { return median_of(samples); }
    double median_cpu() const { return median_of(cpu_samples); }
};

struct result {
    std::string id, label;
    std::int64_t n = 0, ops = 0;
    std::vector<measured> contenders;
    std::vector<target> targets;

    const measured* find(std::string_view name) const {
        for (const auto& c : contenders)
            if (c.name == name) return &c;
        return nullptr;
    }
};

class session {
public:
    session(std::string program, options o) : program_(std::move(program)), opts_(std::move(o)) {}

    const options& opts() const { return opts_; }
    void info(std::string key, std::string value) { info_.emplace_back(std::move(key), std::move(value)); }

    // One untimed warm-up run of each contender, then opts().reps timed rounds.
    void measure(std::string id, std::string label, std::int64_t n, std::int64_t ops, std::vector<contender> cs,
                 std::vector<target> targets = {}) {
        result r{std::move(id), std::move(label), n, ops, {}, std::move(targets)};
        std::fprintf(stderr, "%s %s, N=%lld ...\n", r.id.c_str(), r.label.c_str(), static_cast<long long>(n));
        for (const auto& c : cs) r.contenders.push_back({c.name, c.kind, {}, {}});
        std::vector<std::optional<double>> sums(cs.size());
        for (int round = -1; round < opts_.reps; ++round) {
            for (std::size_t i = 0; i < cs.size(); ++i) {
                if (cs[i].setup) cs[i].setup();
                const double cpu_start = thread_cpu_seconds();
                const auto start = std::chrono::steady_clock::now();
                double sum = cs[i].run();
                const auto stop = std::chrono::steady_clock::now();
                const double cpu = thread_cpu_seconds() - cpu_start;
                if (cs[i].check) sum += cs[i].check();
                if (round >= 0) {
                    r.contenders[i].samples.push_back(std::chrono::duration<double>(stop - start).count());
                    r.contenders[i].cpu_samples.push_back(cpu);
                }
                sums[i] = sum;
            }
        }
        for (std::size_t i = 1; i < cs.size(); ++i) {
            if (std::fabs(*sums[i] - *sums[0]) > 1e-9 * std::max(1.0, std::fabs(*sums[0])))
                throw std::logic_error(r.id + ": " + cs[i].name + " computed checksum " + std::to_string(*sums[i]) +
                                       " but " + cs[0].name + " computed " + std::to_string(*sums[0]) +
                                       ": the contenders do not do the same work");
        }
        results_.push_back(std::move(r));
    }

    // Prints the table (to stdout) and writes the JSON file when --out was given.
    void finish() const {
        print_table();
        if (!opts_.out.empty()) write_json();
    }

private:
    static std::string time_text(double seconds) {
        char buffer[32];
        if (seconds < 1e-6) std::snprintf(buffer, sizeof buffer, "%.2f ns", seconds * 1e9);
        else if (seconds < 1e-3) std::snprintf(buffer, sizeof buffer, "%.2f us", seconds * 1e6);
        else if (seconds < 1) std::snprintf(buffer, sizeof buffer, "%.2f ms", seconds * 1e3);
        else std::snprintf(buffer, sizeof buffer, "%.3f s", seconds);
        return buffer;
    }

    void print_table() const {
        std::printf("%-4s %9s  %-38s %11s %11s %8s %8s  %s\n", "id", "N", "ctql contender", "ctql", "raw", "ctql/raw",
                    "(CPU)", "others");
        for (const auto& r : results_) {
            const measured* raw = nullptr;
            for (const auto& c : r.contenders)
                if (c.kind == "raw" && raw == nullptr) raw = &c;
            for (const auto& c : r.contenders) {
                if (c.kind != "ctql") continue;
                std::string others;
                for (const auto& o : r.contenders)
                    if (o.kind != "ctql" && &o != raw) others += o.name + " " + time_text(o.median()) + "  ";
                const double ratio = raw != nullptr ? paired_ratio(c.samples, raw->samples) : 0.0;
                const double cpu_ratio = raw != nullptr ? paired_ratio(c.cpu_samples, raw->cpu_samples) : 0.0;
                std::printf("%-4s %9lld  %-38s %11s %11s %8.3f %8.3f  %s\n", r.id.c_str(), static_cast<long long>(r.n),
                            c.name.c_str(), time_text(c.median()).c_str(),
                            raw != nullptr ? time_text(raw->median()).c_str() : "-", ratio, cpu_ratio, others.c_str());
            }
        }
    }

    static std::string quoted(std::string_view s) {
        std::string q = "\"";
        for (const char ch : s) {
            if (ch == '"' || ch == '\\') {
                q += '\\';
                q += ch;
            } else if (static_cast<unsigned char>(ch) < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", ch);
                q += buffer;
            } else {
                q += ch;
            }
        }
        return q + '"';
    }

    void write_json() const {
        std::ofstream out(opts_.out);
        out.precision(9);
        out << "{\"program\": " << quoted(program_) << ", \"scale\": " << quoted(opts_.small ? "small" : "full")
            << ", \"reps\": " << opts_.reps << ",\n \"info\": {";
        for (std::size_t i = 0; i < info_.size(); ++i)
            out << (i ? ", " : "") << quoted(info_[i].first) << ": " << quoted(info_[i].second);
        out << "},\n \"results\": [";
        for (std::size_t i = 0; i < results_.size(); ++i) {
            const result& r = results_[i];
            out << (i ? ",\n  " : "\n  ") << "{\"id\": " << quoted(r.id) << ", \"label\": " << quoted(r.label)
                << ", \"n\": " << r.n << ", \"ops\": " << r.ops << ", \"contenders\": [";
            for (std::size_t j = 0; j < r.contenders.size(); ++j) {
                const measured& c = r.contenders[j];
                out << (j ? ", " : "") << "{\"name\": " << quoted(c.name) << ", \"kind\": " << quoted(c.kind)
                    << ", \"median_s\": " << c.median() << ", \"median_cpu_s\": " << c.median_cpu()
                    << ", \"samples_s\": [";
                for (std::size_t k = 0; k < c.samples.size(); ++k) out << (k ? ", " : "") << c.samples[k];
                out << "], \"cpu_samples_s\": [";
                for (std::size_t k = 0; k < c.cpu_samples.size(); ++k) out << (k ? ", " : "") << c.cpu_samples[k];
                out << "]}";
            }
            out << "], \"targets\": [";
            for (std::size_t j = 0; j < r.targets.size(); ++j)
                out << (j ? ", " : "") << "{\"vs\": " << quoted(r.targets[j].vs)
                    << ", \"max_ratio\": " << r.targets[j].max_ratio << "}";
            out << "]}";
        }
        out << "\n]}\n";
        if (!out) throw std::runtime_error("cannot write " + opts_.out);
    }

    std::string program_;
    options opts_;
    std::vector<std::pair<std::string, std::string>> info_;
    std::vector<result> results_;
};

// Runs a benchmark program's body with the parsed options; prints errors and returns the exit code.
template <class Body>
int main(const char* program, int argc, char** argv, Body body) {
    try {
        session s(program, parse_options(argc, argv));
        body(s);
        s.finish();
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: %s\n", program, e.what());
        return 1;
    }
}

}  // namespace harness
