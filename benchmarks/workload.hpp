#pragma once
// What every benchmark program works on (benchmarks.md): the bench table, its
// rows, and the ctql statements the workloads run, the same for both backends.
#include <sys/resource.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <istream>
#include <iterator>
#include <cstdint>
#include <streambuf>
#include <string>
#include <tuple>
#include <vector>

#include <ctql/ctql.hpp>
#include <ctql/pipeline/copy_to_table.hpp>

CTQL_TABLE(bench,
    (id,    std::int64_t, ctql::primary_key),
    (name,  std::string),
    (value, double),
    (flag,  bool));

namespace workload {

using ctql::param;

// Row i: name "name" + i, value i * 0.5, flag i % 2.
using row_data = std::vector<std::tuple<std::string, double, bool>>;

inline row_data make_rows(std::int64_t n) {
    row_data rows;
    rows.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 1; i <= n; ++i) rows.emplace_back("name" + std::to_string(i), static_cast<double>(i) * 0.5, i % 2 == 1);
    return rows;
}

// The rows of make_rows(n) as tab-separated lines (name, value, flag), made
// as they are read: an input as long as one likes that takes no memory of
// its own.
class generated_tsv : public std::streambuf {
public:
    explicit generated_tsv(std::int64_t lines) : lines_(lines) {}

protected:
    int_type underflow() override {
        buffer_.clear();
        while (buffer_.size() < (1 << 16) && next_ <= lines_) {
            char number[32];
            const auto [end, ec] = std::to_chars(number, number + sizeof number, static_cast<double>(next_) * 0.5);
            (void)ec;
            buffer_.append("name").append(std::to_string(next_)).append(1, '\t').append(number, end);
            buffer_.append(next_ % 2 == 1 ? "\tt\n" : "\tf\n");
            ++next_;
        }
        if (buffer_.empty()) return traits_type::eof();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
        return traits_type::to_int_type(buffer_[0]);
    }

private:
    std::int64_t lines_;
    std::int64_t next_ = 1;
    std::string buffer_;
};

constexpr auto insert_rows = ctql::insert_into(bench).columns(bench.name, bench.value, bench.flag);

// The same text at once, what copy_to_table reads from a file.
inline std::string tsv_text(std::int64_t n) {
    generated_tsv source(n);
    return {std::istreambuf_iterator<char>(&source), std::istreambuf_iterator<char>()};
}

inline long peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// S1M / P1M: copy_to_table from a TSV stream of n lines made on the fly, into
// the connection `open(n)` gives (an empty bench table): the loader's memory
// must not grow with n. Each size is loaded after the last, so a growth of 0
// means the larger input needed no more memory than the smaller one.
template <class Session, class Open>
void copy_memory(Session& s, const std::string& id, const std::vector<std::int64_t>& sizes, Open open) {
    for (const std::int64_t n : sizes) {
        auto db = open(n);
        const long before = peak_rss_kib();
        generated_tsv source(n);
        std::istream in(&source);
        const auto start = std::chrono::steady_clock::now();
        const ctql::copy_result r = ctql::copy_to_table(db, insert_rows, ctql::delimited(in));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const long after = peak_rss_kib();
        const std::string what = std::to_string(r.rows) + " rows, " + std::to_string(r.bytes) + " bytes in " +
                                 std::to_string(seconds) + " s; peak RSS " + std::to_string(after) + " KiB (grew by " +
                                 std::to_string(after - before) + " KiB)";
        s.info(id + "_copy_text_" + std::to_string(n) + "_lines", what);
        std::fprintf(stderr, "%s %lld lines: %s\n", id.c_str(), static_cast<long long>(n), what.c_str());
    }
}

constexpr auto insert_one = ctql::insert_into(bench).set(bench.name = param<"name", std::string>,
                                                         bench.value = param<"value", double>,
                                                         bench.flag = param<"flag", bool>);
constexpr auto select_all = ctql::select(bench.id, bench.name, bench.value, bench.flag).from(bench);
constexpr auto lookup = ctql::select(bench.name, bench.value).from(bench).where(bench.id == param<"id", std::int64_t>);

constexpr const char* raw_select_all = "SELECT id, name, value, flag FROM bench";

}  // namespace workload
