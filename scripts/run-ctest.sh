#!/usr/bin/env bash
# Usage: scripts/run-ctest.sh BUILD_DIR... [-- CTEST_ARG...]
#
# Runs CTest in each (already built) build directory against a PostgreSQL test
# server: the one described by CTQL_TEST_POSTGRES_URL if set (e.g. inside
# scripts/with-postgres.sh), else a throwaway one started for this run. Before
# each directory the database ctql_test is dropped and created again, so every
# run starts from an empty database. Prints one summary line per directory and
# exits non-zero if any test failed.
#   Examples: scripts/run-ctest.sh build/gcc
#             scripts/run-ctest.sh build/clang -- -L postgres --repeat until-fail:3
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

dirs=()
extra_args=()
while [[ $# -gt 0 ]]; do
    if [[ $1 == -- ]]; then
        shift
        extra_args=("$@")
        break
    fi
    dirs+=("$1")
    shift
done
[[ ${#dirs[@]} -gt 0 ]] || { echo "usage: $0 BUILD_DIR... [-- CTEST_ARG...]" >&2; exit 2; }

if [[ -z ${CTQL_TEST_POSTGRES_URL:-} ]]; then
    exec bash "$here/with-postgres.sh" bash "$0" "${dirs[@]}" -- "${extra_args[@]}"
fi

ctest_args=(--output-on-failure --no-tests=error -j "${CTQL_JOBS:-2}" "${extra_args[@]}")

# For sanitizer builds (ignored by the others): any finding fails its test,
# with a stack trace; leaks are findings too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_init_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

reset_database() {
    [[ -n ${CTQL_TEST_PG_SOCKET:-} && -n ${CTQL_TEST_PG_BIN:-} ]] || return 0
    "$CTQL_TEST_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
        "host=$CTQL_TEST_PG_SOCKET port=$CTQL_TEST_PG_PORT user=postgres dbname=postgres" \
        -c 'DROP DATABASE IF EXISTS ctql_test WITH (FORCE)' -c 'CREATE DATABASE ctql_test' >/dev/null
}

summaries=()
failed=0
for dir in "${dirs[@]}"; do
    echo "=== ctest in $dir"
    if [[ ! -f $dir/CTestTestfile.cmake ]]; then
        summaries+=("$dir: not configured (no CTestTestfile.cmake)")
        failed=1
        continue
    fi
    reset_database
    log=$(mktemp)
    status=0
    (cd "$dir" && ctest "${ctest_args[@]}") 2>&1 | tee "$log" || status=$?
    summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
    rm -f "$log"
    summaries+=("$dir: ${summary:-ctest did not finish (exit code $status)}")
    [[ $status -eq 0 ]] || failed=1
done

echo
echo "=== ctest summary"
printf '  %s\n' "${summaries[@]}"
exit "$failed"
