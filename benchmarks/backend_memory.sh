#!/usr/bin/env bash
# The memory of one PostgreSQL server connection (a backend process), for
# docs/scaling.md: three connections in turn each run one catalog query, and
# the backend's /proc/<pid>/smaps_rollup is printed (Private_* is its own memory;
# Rss counts the shared buffers it touched too). Also the server settings that
# bound how many connections fit.
#   bash scripts/with-postgres.sh bash benchmarks/backend_memory.sh
set -euo pipefail
psql=$CTQL_TEST_PG_BIN/psql
for i in 1 2 3; do
    coproc backend { "$psql" -X -q -A -t "$CTQL_TEST_POSTGRES_CONNINFO"; }
    echo "SELECT pg_backend_pid();" >&"${backend[1]}"
    read -r pid <&"${backend[0]}"
    echo "SELECT count(*) FROM pg_class;" >&"${backend[1]}"
    read -r _ <&"${backend[0]}"
    echo "connection $i: $(grep -E '^(Rss|Pss|Private_Clean|Private_Dirty):' "/proc/$pid/smaps_rollup" | tr -s ' ' | tr '\n' ' ')"
    echo '\q' >&"${backend[1]}"
    wait "$backend_PID" 2>/dev/null || true
done
for setting in max_connections superuser_reserved_connections shared_buffers work_mem; do
    echo "$setting = $("$psql" -X -q -A -t "$CTQL_TEST_POSTGRES_CONNINFO" -c "SHOW $setting")"
done
