#pragma once
// What every benchmark program works on (benchmarks.md): the bench table, its
// rows, and the ctql statements the workloads run, the same for both backends.
#include <cstdint>
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

constexpr auto insert_rows = ctql::insert_into(bench).columns(bench.name, bench.value, bench.flag);
constexpr auto insert_one = ctql::insert_into(bench).set(bench.name = param<"name", std::string>,
                                                         bench.value = param<"value", double>,
                                                         bench.flag = param<"flag", bool>);
constexpr auto select_all = ctql::select(bench.id, bench.name, bench.value, bench.flag).from(bench);
constexpr auto lookup = ctql::select(bench.name, bench.value).from(bench).where(bench.id == param<"id", std::int64_t>);

constexpr const char* raw_select_all = "SELECT id, name, value, flag FROM bench";

}  // namespace workload
