#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh COMMAND [ARG...]
#
# Runs COMMAND with a throwaway PostgreSQL server: a new cluster in a temporary
# directory (initdb), reachable only through a unix socket in that directory (no
# TCP), trust authentication, fsync off. The server and the directory are removed
# when COMMAND ends, fails or is interrupted; the exit code is COMMAND's.
#
# Exported to COMMAND:
#   CTQL_TEST_POSTGRES_URL       postgresql://postgres@/ctql_test?host=<socket dir>&port=<port>
#   CTQL_TEST_POSTGRES_CONNINFO  host=<socket dir> port=<port> user=postgres dbname=ctql_test
#   CTQL_TEST_PG_BIN             the server's bin directory (initdb, pg_ctl, psql, ...)
#   CTQL_TEST_PG_DATA            the data directory
#   CTQL_TEST_PG_SOCKET          the unix socket directory
#   CTQL_TEST_PG_PORT            the port (names the socket file .s.PGSQL.<port>)
#   CTQL_TEST_PG_CTL             a command running pg_ctl on this cluster as the server's user,
#                                e.g. "$CTQL_TEST_PG_CTL" restart  /  stop  /  start
#
# When run as root the server runs as the `postgres` user (PostgreSQL refuses to
# run as root); otherwise as the current user. Either way the database superuser
# is `postgres`, and the database `ctql_test` exists and is empty.
# The server is PostgreSQL 15 from /usr/lib/postgresql/15/bin, else the newest
# version installed there, else initdb from PATH; CTQL_PG_BIN=<dir> overrides.
set -euo pipefail

die() { echo "with-postgres.sh: $*" >&2; exit 1; }

[[ $# -gt 0 ]] || die "usage: $0 COMMAND [ARG...]"

# --- the server binaries: PostgreSQL 15 (Debian 12), else the newest installed --------
if [[ -n ${CTQL_PG_BIN:-} ]]; then
    pg_bin=$CTQL_PG_BIN
elif [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    pg_bin=/usr/lib/postgresql/15/bin
else
    pg_bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [[ ! -x $pg_bin/initdb ]] && command -v initdb >/dev/null 2>&1; then
        pg_bin=$(dirname "$(command -v initdb)")
    fi
fi
[[ -n $pg_bin && -x $pg_bin/initdb && -x $pg_bin/pg_ctl ]] ||
    die "no PostgreSQL server found (looked in /usr/lib/postgresql/*/bin and PATH); run scripts/install-deps.sh"

# --- whom the server runs as -----------------------------------------------------
if [[ $(id -u) -eq 0 ]]; then
    server_user=postgres
    id -u "$server_user" >/dev/null 2>&1 ||
        die "running as root, but there is no '$server_user' user to run the server (the postgresql package creates it)"
    # runuser is in util-linux, which every Debian system has.
    command -v runuser >/dev/null 2>&1 || die "running as root, but runuser (util-linux) is not installed"
    as_server() { (cd / && runuser -u "$server_user" -- "$@"); }
else
    server_user=$(id -un)
    as_server() { "$@"; }
fi

# --- a fresh cluster in a temporary directory --------------------------------------
tmp=
started=false
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if $started; then
        if ! as_server "$pg_bin/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1; then
            # pg_ctl could not stop it: end the postmaster by the pid it recorded.
            local pid
            pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
            [[ -z $pid ]] || kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    [[ -z $tmp ]] || rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Under /tmp (short: a socket path is limited to ~107 bytes) and traversable by the server's user.
tmp=$(mktemp -d /tmp/ctql-pg.XXXXXX)
chmod 755 "$tmp"
data=$tmp/data
socket=$tmp/socket
log=$tmp/server.log
mkdir -m 700 "$data"
mkdir -m 755 "$socket"
[[ $(id -u) -ne 0 ]] || chown "$server_user" "$tmp" "$data" "$socket"

# A pg_ctl for this cluster, run as the server's user, for tests that restart the server.
pg_ctl_wrapper=$tmp/pg_ctl
{
    echo '#!/usr/bin/env bash'
    echo 'set -euo pipefail'
    if [[ $(id -u) -eq 0 ]]; then
        echo 'cd /'
        printf 'exec runuser -u %q -- %q -D %q -l %q -w -t 60 "$@"\n' "$server_user" "$pg_bin/pg_ctl" "$data" "$log"
    else
        printf 'exec %q -D %q -l %q -w -t 60 "$@"\n' "$pg_bin/pg_ctl" "$data" "$log"
    fi
} >"$pg_ctl_wrapper"
chmod 755 "$pg_ctl_wrapper"


# A port number free on this machine, although only the socket file carries it.
port=
for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
[[ -n $port ]] || die "found no free port number"

if ! as_server env LC_ALL=C "$pg_bin/initdb" -D "$data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C --no-sync >"$tmp/initdb.log" 2>&1; then
    cat "$tmp/initdb.log" >&2
    die "initdb failed (output above)"
fi

cat >>"$data/postgresql.conf" <<CONF

# --- throwaway test server (scripts/with-postgres.sh) ---
listen_addresses = ''
unix_socket_directories = '$socket'
port = $port
fsync = off
# On: the fault tests stop the server with -m immediate (a crash) and count
# that every commit it confirmed is still there. fsync stays off: the
# operating system keeps what was written when only the server dies.
synchronous_commit = on
full_page_writes = off
max_connections = 100
# Containers often give /dev/shm only 64 MB; keep dynamic shared memory in the data directory.
dynamic_shared_memory_type = mmap
CONF

started=true
if ! as_server "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null; then
    cat "$log" >&2 || true
    die "the server did not start (its log is above)"
fi

if ! "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 "host=$socket port=$port user=postgres dbname=postgres" \
        -c 'CREATE DATABASE ctql_test' >/dev/null; then
    die "could not create the database ctql_test"
fi

export CTQL_TEST_POSTGRES_URL="postgresql://postgres@/ctql_test?host=$socket&port=$port"
export CTQL_TEST_POSTGRES_CONNINFO="host=$socket port=$port user=postgres dbname=ctql_test"
export CTQL_TEST_PG_BIN=$pg_bin
export CTQL_TEST_PG_DATA=$data
export CTQL_TEST_PG_SOCKET=$socket
export CTQL_TEST_PG_PORT=$port
export CTQL_TEST_PG_CTL=$pg_ctl_wrapper

echo "with-postgres.sh: PostgreSQL $("$pg_bin/pg_ctl" --version | awk '{print $3}') on $socket (port $port), as $server_user"

# Not exec: the server must be stopped once the command is done. The command runs
# in the background (stdin kept) so that a signal reaches this script at once: it is
# passed on to the command, and the server is stopped when the command has ended.
"$@" <&0 &
child=$!
trap 'kill -INT "$child" 2>/dev/null || true' INT
trap 'kill -TERM "$child" 2>/dev/null || true' TERM
while :; do
    status=0
    wait "$child" || status=$?
    kill -0 "$child" 2>/dev/null || break
done
exit "$status"
