#!/usr/bin/env bash
# Runs every benchmark at full scale and writes docs/benchmarks.md (with
# docs/benchmarks-throughput.png):
#   1. installs missing Debian packages (scripts/install-deps.sh);
#   2. configures build/bench (Release, g++, benchmarks on, tests and examples off) and builds
#      the benchmark programs;
#   3. inside scripts/with-postgres.sh --pgbouncer (a throwaway PostgreSQL server with
#      pgbouncer in front): runs sqlite_bench (S1–S5), postgres_bench (P1–P4, and P2B, P4B
#      through pgbouncer) and history_bench (H1); checks with `strings | grep`
#      that the S4 SQL text is a constant in the binary; measures compile time (C1) and
#      diagnostics (C2);
#   4. benchmarks/report.py turns build/bench/results/ into docs/benchmarks.md.
#
# Usage: bash scripts/bench.sh [--report-only]
#   --report-only   only step 4, from the results of an earlier run
# Environment: CTQL_BENCH_REPS (7), CTQL_BENCH_SCALE (full | small), CTQL_BENCH_BUILD (build/bench),
#              CTQL_JOBS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${CTQL_BENCH_BUILD:-build/bench}
results=$build/results
reps=${CTQL_BENCH_REPS:-7}
scale=${CTQL_BENCH_SCALE:-full}

step() { echo; echo "=== $*"; }

report() {
    step "report: docs/benchmarks.md"
    python3 benchmarks/report.py --results "$results" --doc docs/benchmarks.md
}

# Step 3, run by with-postgres.sh (which exports CTQL_TEST_POSTGRES_URL / _CONNINFO).
run_all() {
    mkdir -p "$results"
    rm -f "$results"/*.json "$results"/*.txt
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >"$results/machine.txt"

    step "S1–S5: sqlite_bench --scale $scale --reps $reps"
    "$build/benchmarks/sqlite_bench" --scale "$scale" --reps "$reps" --out "$results/sqlite.json" |
        tee "$results/sqlite.txt"

    step "S4: is the rendered SQL text a constant in the binary?"
    local text count
    text=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["info"]["s4_sql"])' "$results/sqlite.json")
    count=$(strings -n 8 "$build/benchmarks/sqlite_bench" | grep -cF -- "$text" || true)
    if [[ $count -gt 0 ]]; then
        echo "found: \`strings sqlite_bench | grep -F\` finds the rendered text ($count time(s)): \`$text\`" |
            tee "$results/s4_strings.txt"
    else
        echo "not found: \`strings sqlite_bench | grep -F\` does not find \`$text\`" | tee "$results/s4_strings.txt"
    fi

    step "P1–P4, P2B, P4B: postgres_bench --scale $scale --reps $reps"
    "$build/benchmarks/postgres_bench" --scale "$scale" --reps "$reps" --out "$results/postgres.json" |
        tee "$results/postgres.txt"

    step "H1: history_bench --scale $scale --reps $reps"
    "$build/benchmarks/history_bench" --scale "$scale" --reps "$reps" --out "$results/history.json" |
        tee "$results/history.txt"

    step "C1: compile time and memory (g++ -O0/-O2, clang++ -O0, clang++ -ftime-trace)"
    python3 benchmarks/compile_time/c1_compile_time.py --out "$results/c1.json" --work "$build/compile_time"

    step "C2: diagnostics of tests/compile_fail/*.cpp (g++, clang++)"
    python3 benchmarks/compile_time/c2_diagnostics.py --out "$results/c2.json"

    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.txt"
}

case ${1:-} in
    --run-inside-server) run_all; exit ;;
    --report-only) report; exit ;;
    "") ;;
    *) echo "usage: $0 [--report-only]" >&2; exit 2 ;;
esac

step "dependencies"
bash scripts/install-deps.sh

step "configure and build $build (Release, g++)"
cmake -S . -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_COMPILER=g++ \
    -DCTQL_BUILD_BENCHMARKS=ON \
    -DCTQL_BUILD_TESTS=OFF \
    -DCTQL_BUILD_EXAMPLES=OFF \
    -DCTQL_INSTALL=OFF
cmake --build "$build" --target ctql_benchmarks -j "${CTQL_JOBS:-2}"

step "benchmarks (inside a throwaway PostgreSQL server)"
export CTQL_BENCH_BUILD=$build CTQL_BENCH_REPS=$reps CTQL_BENCH_SCALE=$scale
bash scripts/with-postgres.sh --pgbouncer bash scripts/bench.sh --run-inside-server

report
