#pragma once
// What every benchmark program works on (benchmarks.md): the bench table, its
// rows, and the ctql statements the workloads run, the same for both backends.
#include <charconv>
#include <cstdint>
#include <streambuf>
#include <string>
#include <tuple>
#include <vector>

#include <ctql/ctql.hpp>

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

// The same rows as tab-separated text (name, value, flag), what copy_to_table reads from a file.
inline std::string rows_as_tsv(const row_data& rows) {
    std::string text;
    text.reserve(rows.size() * 24);
    char number[32];
    for (const auto& [name, value, flag] : rows) {
        const auto [end, ec] = std::to_chars(number, number + sizeof number, value);
        (void)ec;
        text.append(name).append(1, '\t').append(number, end).append(flag ? "\tt\n" : "\tf\n");
    }
    return text;
}

// N lines of the same TSV, made as they are read: an input as long as one
// likes that takes no memory of its own (for the flat-memory load).
class generated_tsv : public std::streambuf {
public:
    explicit generated_tsv(std::int64_t lines) : lines_(lines) {}
    std::uint64_t bytes_made() const { return made_; }

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
        made_ += buffer_.size();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + buffer_.size());
        return traits_type::to_int_type(buffer_[0]);
    }

private:
    std::int64_t lines_;
    std::int64_t next_ = 1;
    std::uint64_t made_ = 0;
    std::string buffer_;
};

constexpr auto insert_rows = ctql::insert_into(bench).columns(bench.name, bench.value, bench.flag);
constexpr auto insert_one = ctql::insert_into(bench).set(bench.name = param<"name", std::string>,
                                                         bench.value = param<"value", double>,
                                                         bench.flag = param<"flag", bool>);
constexpr auto select_all = ctql::select(bench.id, bench.name, bench.value, bench.flag).from(bench);
constexpr auto lookup = ctql::select(bench.name, bench.value).from(bench).where(bench.id == param<"id", std::int64_t>);

constexpr const char* raw_select_all = "SELECT id, name, value, flag FROM bench";

}  // namespace workload
