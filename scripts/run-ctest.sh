#!/usr/bin/env bash
# Usage: scripts/run-ctest.sh BUILD_DIR... [-- CTEST_ARG...]
#
# Runs CTest in each (already built) build directory against a PostgreSQL test
# server: the one described by CTQL_TEST_POSTGRES_URL if set (e.g. inside
# scripts/with-postgres.sh), else a throwaway one (with a replica and pgbouncer,
# as scripts/test.sh starts it) started for this run. Before each directory the
# database ctql_test is dropped and created again, so every run starts from an
# empty database (the replica, if any, has replayed that before the tests start;
# pgbouncer, if any, has dropped its connections to the old database).
#
# When CTQL_TEST_PGBOUNCER_URL is set (with-postgres.sh --pgbouncer), the FIRST
# directory given gets a second pass through pgbouncer: the tests labelled
# `engine`, except those labelled `restarts_server` (they stop the primary) or
# `topology` (they start servers of their own), with
#   CTQL_TEST_POSTGRES_URL=$CTQL_TEST_PGBOUNCER_URL&pooler=transaction  CTQL_TEST_POOLED=1
# (CTQL_TEST_POSTGRES_CONNINFO still names the primary, for the tests' raw SQL).
# scripts/test.sh gives build/gcc first, a build without sanitizers.
#
# Prints one summary line per directory and pass, and exits non-zero if any test failed.
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
    exec bash "$here/with-postgres.sh" --replica --pgbouncer bash "$0" "${dirs[@]}" -- "${extra_args[@]}"
fi

ctest_args=(--output-on-failure --no-tests=error -j "${CTQL_JOBS:-2}" "${extra_args[@]}")

# For sanitizer builds (ignored by the others): any finding fails its test,
# with a stack trace; leaks are findings too.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_init_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

psql_quiet() { "$CTQL_TEST_PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }

bouncer_admin() {
    psql_quiet "host=$CTQL_TEST_PGBOUNCER_SOCKET port=$CTQL_TEST_PGBOUNCER_PORT user=postgres dbname=pgbouncer" -c "$1"
}

reset_database() {
    [[ -n ${CTQL_TEST_PG_SOCKET:-} && -n ${CTQL_TEST_PG_BIN:-} ]] || return 0
    local primary="host=$CTQL_TEST_PG_SOCKET port=$CTQL_TEST_PG_PORT user=postgres dbname=postgres"
    # pgbouncer keeps server connections to ctql_test; the drop ends them. KILL closes
    # them at once and holds new clients back until RESUME, so that no client is
    # handed a connection to the dropped database. (KILL refuses a database pgbouncer
    # does not know yet, or forgot: autodb_idle_timeout.)
    local paused=false databases
    if [[ -n ${CTQL_TEST_PGBOUNCER_SOCKET:-} ]]; then
        databases=$(bouncer_admin 'SHOW DATABASES' | cut -d '|' -f 1)
        if grep -qx ctql_test <<<"$databases"; then
            bouncer_admin 'KILL ctql_test' >/dev/null
            paused=true
        fi
    fi
    local status=0
    psql_quiet "$primary" -c 'DROP DATABASE IF EXISTS ctql_test WITH (FORCE)' -c 'CREATE DATABASE ctql_test' \
        >/dev/null || status=$?
    ! $paused || bouncer_admin 'RESUME ctql_test' >/dev/null
    [[ $status -eq 0 ]] || return "$status"
    # The replica replays the drop and the create asynchronously: wait for it, so that
    # tests reading from the replica see the new, empty ctql_test.
    if [[ -n ${CTQL_TEST_PG_REPLICA_SOCKET:-} ]]; then
        local lsn replayed=
        lsn=$(psql_quiet "$primary" -c 'SELECT pg_current_wal_lsn()')
        for _ in $(seq 1 300); do
            replayed=$(psql_quiet "host=$CTQL_TEST_PG_REPLICA_SOCKET port=$CTQL_TEST_PG_REPLICA_PORT user=postgres dbname=postgres" \
                -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'" 2>/dev/null || true)
            [[ $replayed != t ]] || return 0
            sleep 0.1
        done
        echo "run-ctest.sh: the replica on port $CTQL_TEST_PG_REPLICA_PORT has not replayed the primary's WAL up to $lsn (the new ctql_test) after 30 s" >&2
        return 1
    fi
}

summaries=()
failed=0

# run_ctest DIR LABEL [CTEST_ARG...]: one ctest run in DIR, summarised as "LABEL: ...".
run_ctest() {
    local dir=$1 label=$2 log status=0 summary
    shift 2
    log=$(mktemp)
    (cd "$dir" && ctest "$@") 2>&1 | tee "$log" || status=$?
    summary=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
    if [[ -z $summary ]] && grep -q 'No tests were found' "$log"; then
        summary="no tests selected"
    fi
    rm -f "$log"
    summaries+=("$label: ${summary:-ctest did not finish (exit code $status)}")
    [[ $status -eq 0 ]] || failed=1
}

for dir in "${dirs[@]}"; do
    echo "=== ctest in $dir"
    if [[ ! -f $dir/CTestTestfile.cmake ]]; then
        summaries+=("$dir: not configured (no CTestTestfile.cmake)")
        failed=1
        continue
    fi
    if ! reset_database; then
        summaries+=("$dir: could not recreate the database ctql_test (see above)")
        failed=1
        continue
    fi
    run_ctest "$dir" "$dir" "${ctest_args[@]}"

    if [[ $dir == "${dirs[0]}" && -n ${CTQL_TEST_PGBOUNCER_URL:-} ]]; then
        echo "=== ctest in $dir through pgbouncer (label engine; not restarts_server, topology)"
        if ! reset_database; then
            summaries+=("$dir through pgbouncer: could not recreate the database ctql_test (see above)")
            failed=1
            continue
        fi
        pooled_args=("${ctest_args[@]}" -L engine -LE 'restarts_server|topology')
        # CTEST_ARGs such as -R may leave no engine test: that is no error here.
        [[ ${#extra_args[@]} -eq 0 ]] || pooled_args+=(--no-tests=ignore)
        CTQL_TEST_POSTGRES_URL="$CTQL_TEST_PGBOUNCER_URL&pooler=transaction" CTQL_TEST_POOLED=1 \
            run_ctest "$dir" "$dir through pgbouncer" "${pooled_args[@]}"
    fi
done

echo
echo "=== ctest summary"
printf '  %s\n' "${summaries[@]}"
exit "$failed"
