#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh [--replica] [--sync-replica] [--tcp] [--pgbouncer] [--] COMMAND [ARG...]
#
# Runs COMMAND with a throwaway PostgreSQL server: a new cluster in a temporary
# directory (initdb), reachable only through a unix socket in that directory (no
# TCP), trust authentication, fsync off. The servers and the directory are removed
# when COMMAND ends, fails or is interrupted; the exit code is COMMAND's.
#
# Options (all off by default; without any, one primary as described above):
#   --replica       also a streaming replica (pg_basebackup -R -X stream of the primary,
#                   hot standby) with its own port and socket directory; COMMAND starts
#                   once it is in recovery and streaming from the primary.
#   --sync-replica  --replica, and the primary waits for it on every commit
#                   (synchronous_standby_names '*', synchronous_commit remote_apply):
#                   a commit the primary confirmed is on the replica and visible there.
#   --tcp           the servers (and pgbouncer) also listen on 127.0.0.1, still trust.
#   --pgbouncer     pgbouncer (transaction pooling) in front of the primary, on a unix
#                   socket of its own (and 127.0.0.1 with --tcp), on a free port.
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
# With --replica (or --sync-replica), the same for the replica:
#   CTQL_TEST_PG_REPLICA_URL, CTQL_TEST_PG_REPLICA_CONNINFO, CTQL_TEST_PG_REPLICA_SOCKET,
#   CTQL_TEST_PG_REPLICA_PORT, CTQL_TEST_PG_REPLICA_DATA,
#   CTQL_TEST_PG_REPLICA_CTL     e.g. "$CTQL_TEST_PG_REPLICA_CTL" promote
# With --tcp and a replica:
#   CTQL_TEST_PG_MULTIHOST_URL   postgresql://postgres@127.0.0.1:<primary port>,127.0.0.1:<replica port>/ctql_test
# With --pgbouncer:
#   CTQL_TEST_PGBOUNCER_URL      postgresql://postgres@/ctql_test?host=<bouncer socket dir>&port=<bouncer port>
#   CTQL_TEST_PGBOUNCER_CONNINFO host=<bouncer socket dir> port=<bouncer port> user=postgres dbname=ctql_test
#   CTQL_TEST_PGBOUNCER_SOCKET, CTQL_TEST_PGBOUNCER_PORT
#                                (its admin console: the same with dbname=pgbouncer)
# Variables of this list that an option did not set are removed from the environment,
# so that a run nested in another (a test with a topology of its own) never sees the
# outer servers; so is CTQL_TEST_POOLED (scripts/run-ctest.sh), which describes the URL.
#
# When run as root the servers run as the `postgres` user (PostgreSQL and pgbouncer
# refuse to run as root); otherwise as the current user. Either way the database
# superuser is `postgres`, and the database `ctql_test` exists and is empty.
# The server is PostgreSQL 15 from /usr/lib/postgresql/15/bin, else the newest
# version installed there, else initdb from PATH; CTQL_PG_BIN=<dir> overrides.
# pgbouncer is CTQL_PGBOUNCER if set, else pgbouncer from PATH or /usr/sbin. Its
# ports are chosen free; a pgbouncer service on 6432 does not matter.
set -euo pipefail

die() { echo "with-postgres.sh: $*" >&2; exit 1; }
usage="usage: $0 [--replica] [--sync-replica] [--tcp] [--pgbouncer] [--] COMMAND [ARG...]"

want_replica=false
want_sync=false
want_tcp=false
want_pgbouncer=false
while [[ $# -gt 0 ]]; do
    case $1 in
        --replica) want_replica=true ;;
        --sync-replica) want_replica=true; want_sync=true ;;
        --tcp) want_tcp=true ;;
        --pgbouncer) want_pgbouncer=true ;;
        --) shift; break ;;
        --*) die "unknown option '$1'; $usage" ;;
        *) break ;;
    esac
    shift
done
[[ $# -gt 0 ]] || die "$usage"

unset CTQL_TEST_PG_REPLICA_URL CTQL_TEST_PG_REPLICA_CONNINFO CTQL_TEST_PG_REPLICA_SOCKET \
      CTQL_TEST_PG_REPLICA_PORT CTQL_TEST_PG_REPLICA_DATA CTQL_TEST_PG_REPLICA_CTL \
      CTQL_TEST_PG_MULTIHOST_URL CTQL_TEST_PGBOUNCER_URL CTQL_TEST_PGBOUNCER_CONNINFO \
      CTQL_TEST_PGBOUNCER_SOCKET CTQL_TEST_PGBOUNCER_PORT CTQL_TEST_POOLED

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
if $want_replica; then
    [[ -x $pg_bin/pg_basebackup ]] || die "--replica needs $pg_bin/pg_basebackup, which does not exist"
fi
if $want_pgbouncer; then
    # Debian installs it in /usr/sbin, which is not in a normal user's PATH.
    pgbouncer=${CTQL_PGBOUNCER:-$(command -v pgbouncer || echo /usr/sbin/pgbouncer)}
    [[ -x $pgbouncer ]] || die "--pgbouncer: no pgbouncer found (CTQL_PGBOUNCER, PATH, /usr/sbin); run scripts/install-deps.sh"
fi

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

# --- cleanup: pgbouncer, then the replica, then the primary -------------------------
tmp=
started=false
replica_started=false
bouncer_started=false

# Stops the cluster in data directory $1 (also a promoted replica: it is the same
# postmaster); a server a test already stopped is no error.
# shellcheck disable=SC2317  # called from cleanup, the EXIT trap
stop_cluster() {
    local dir=$1 pid
    if ! as_server "$pg_bin/pg_ctl" -D "$dir" -m immediate -w -t 30 stop >/dev/null 2>&1; then
        # pg_ctl could not stop it: end the postmaster by the pid it recorded.
        pid=$(head -n 1 "$dir/postmaster.pid" 2>/dev/null || true)
        [[ -z $pid ]] || kill -KILL "$pid" 2>/dev/null || true
    fi
}

# shellcheck disable=SC2317  # called from cleanup, the EXIT trap
stop_pgbouncer() {
    local pid
    pid=$(cat "$bouncer_pidfile" 2>/dev/null || true)
    [[ -n $pid ]] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    # Daemonized, it is a child of init, which may reap it only a while after it
    # exited: a zombie has let go of everything, so it counts as gone.
    for _ in $(seq 1 100); do
        [[ $(ps -o stat= -p "$pid" 2>/dev/null || echo Z) != Z* ]] || return 0
        sleep 0.02
    done
    kill -KILL "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    ! $bouncer_started || stop_pgbouncer
    ! $replica_started || stop_cluster "$replica_data"
    ! $started || stop_cluster "$data"
    [[ -z $tmp ]] || rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- a fresh cluster in a temporary directory --------------------------------------
# Under /tmp (short: a socket path is limited to ~107 bytes) and traversable by the server's user.
tmp=$(mktemp -d /tmp/ctql-pg.XXXXXX)
chmod 755 "$tmp"
data=$tmp/data
socket=$tmp/socket
log=$tmp/server.log
mkdir -m 700 "$data"
mkdir -m 755 "$socket"
[[ $(id -u) -ne 0 ]] || chown "$server_user" "$tmp" "$data" "$socket"

# A pg_ctl for cluster $2 (log $3), run as the server's user, for tests that restart,
# stop or promote it; written to $1.
write_pg_ctl_wrapper() {
    local wrapper=$1 dir=$2 logfile=$3
    {
        echo '#!/usr/bin/env bash'
        echo 'set -euo pipefail'
        if [[ $(id -u) -eq 0 ]]; then
            echo 'cd /'
            printf 'exec runuser -u %q -- %q -D %q -l %q -w -t 60 "$@"\n' "$server_user" "$pg_bin/pg_ctl" "$dir" "$logfile"
        else
            printf 'exec %q -D %q -l %q -w -t 60 "$@"\n' "$pg_bin/pg_ctl" "$dir" "$logfile"
        fi
    } >"$wrapper"
    chmod 755 "$wrapper"
}
pg_ctl_wrapper=$tmp/pg_ctl
write_pg_ctl_wrapper "$pg_ctl_wrapper" "$data" "$log"

# A port number free on this machine (with --tcp the servers bind it on 127.0.0.1;
# otherwise only the socket file carries it), not one of taken_ports. Run in $(...):
# the caller adds the number to taken_ports.
taken_ports=()
free_port() {
    local candidate
    for _ in $(seq 1 50); do
        candidate=$((20000 + RANDOM % 40000))
        [[ " ${taken_ports[*]} " != *" $candidate "* ]] || continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    die "found no free port number"
}
port=$(free_port)
taken_ports+=("$port")

if ! as_server env LC_ALL=C "$pg_bin/initdb" -D "$data" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C --no-sync >"$tmp/initdb.log" 2>&1; then
    cat "$tmp/initdb.log" >&2
    die "initdb failed (output above)"
fi

listen=''
! $want_tcp || listen=127.0.0.1

cat >>"$data/postgresql.conf" <<CONF

# --- throwaway test server (scripts/with-postgres.sh) ---
listen_addresses = '$listen'
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

# initdb --auth=trust writes these lines; a replica and --tcp need them, so make sure.
ensure_hba() {
    local type=$1 database=$2 address=${3:-}
    awk -v t="$type" -v d="$database" -v a="$address" \
        '$1 == t && $2 == d && $3 == "all" && (t == "local" || $4 == a) && $NF == "trust" { found = 1 }
         END { exit !found }' "$data/pg_hba.conf" ||
        echo "$type $database all $address trust" >>"$data/pg_hba.conf"
}
if $want_replica; then
    ensure_hba local replication
    ! $want_tcp || ensure_hba host replication 127.0.0.1/32
fi
! $want_tcp || ensure_hba host all 127.0.0.1/32

started=true
if ! as_server "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null; then
    cat "$log" >&2 || true
    die "the server did not start (its log is above)"
fi

psql_at() { "$pg_bin/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
primary_admin="host=$socket port=$port user=postgres dbname=postgres"

if ! psql_at "$primary_admin" -c 'CREATE DATABASE ctql_test' >/dev/null; then
    die "could not create the database ctql_test"
fi

# Polls until the query $2 on conninfo $1 prints $3, for at most 30 s.
wait_for() {
    local conninfo=$1 query=$2 expected=$3 what=$4 got=
    for _ in $(seq 1 300); do
        got=$(psql_at "$conninfo" -c "$query" 2>/dev/null || true)
        [[ $got != "$expected" ]] || return 0
        sleep 0.1
    done
    die "$what: still not so after 30 s ('$query' printed '$got', not '$expected')"
}

# --- the replica ---------------------------------------------------------------------
if $want_replica; then
    replica_data=$tmp/replica
    replica_socket=$tmp/replica-socket
    replica_log=$tmp/replica.log
    replica_port=$(free_port)
    taken_ports+=("$replica_port")
    mkdir -m 755 "$replica_socket"
    [[ $(id -u) -ne 0 ]] || chown "$server_user" "$replica_socket"
    # A fast checkpoint: the default spreads it and makes the backup take seconds.
    if ! as_server "$pg_bin/pg_basebackup" -D "$replica_data" -R -X stream --checkpoint=fast --no-sync \
            -d "host=$socket port=$port user=postgres" >"$tmp/basebackup.log" 2>&1; then
        cat "$tmp/basebackup.log" >&2
        die "pg_basebackup of the primary failed (output above)"
    fi
    # Later lines win over the primary's, copied with the backup. cluster_name is the
    # application_name the replica streams under (pg_stat_replication).
    cat >>"$replica_data/postgresql.conf" <<CONF

# --- the replica (scripts/with-postgres.sh --replica) ---
listen_addresses = '$listen'
unix_socket_directories = '$replica_socket'
port = $replica_port
hot_standby = on
cluster_name = 'ctql_replica'
# When a test restarts the primary, reconnect within a fraction of a second (default 5 s).
wal_retrieve_retry_interval = 200ms
CONF
    replica_started=true
    if ! as_server "$pg_bin/pg_ctl" -D "$replica_data" -l "$replica_log" -w -t 60 start >/dev/null; then
        cat "$replica_log" >&2 || true
        die "the replica did not start (its log is above)"
    fi
    replica_conninfo="host=$replica_socket port=$replica_port user=postgres dbname=ctql_test"
    wait_for "$replica_conninfo" 'SELECT pg_is_in_recovery()' t "the replica is in recovery"
    wait_for "$primary_admin" \
        "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'ctql_replica' AND state = 'streaming'" \
        1 "the replica streams from the primary"
    if $want_sync; then
        # Set only now: with it set, pg_basebackup's own WAL stream would count as the standby.
        psql_at "$primary_admin" -c "ALTER SYSTEM SET synchronous_standby_names = '*'" \
            -c "ALTER SYSTEM SET synchronous_commit = 'remote_apply'" -c 'SELECT pg_reload_conf()' >/dev/null ||
            die "could not make the replica synchronous"
        wait_for "$primary_admin" \
            "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'ctql_replica'" \
            sync "the replica is the primary's synchronous standby"
    fi
    replica_ctl=$tmp/replica_pg_ctl
    write_pg_ctl_wrapper "$replica_ctl" "$replica_data" "$replica_log"
fi

# --- pgbouncer -----------------------------------------------------------------------
if $want_pgbouncer; then
    bouncer_dir=$tmp/pgbouncer
    bouncer_socket=$tmp/pgbouncer-socket
    bouncer_pidfile=$bouncer_dir/pgbouncer.pid
    bouncer_port=$(free_port)
    taken_ports+=("$bouncer_port")
    mkdir -m 755 "$bouncer_dir" "$bouncer_socket"
    cat >"$bouncer_dir/pgbouncer.ini" <<INI
; throwaway test pooler (scripts/with-postgres.sh --pgbouncer)
[databases]
* = host=$socket port=$port

[pgbouncer]
listen_addr = $listen
listen_port = $bouncer_port
unix_socket_dir = $bouncer_socket
auth_type = trust
auth_file = $bouncer_dir/userlist.txt
admin_users = postgres
pool_mode = transaction
max_client_conn = 200
default_pool_size = 20
; libpq sends these at startup; pgbouncer refuses unknown startup parameters.
ignore_startup_parameters = extra_float_digits,options
logfile = $bouncer_dir/pgbouncer.log
pidfile = $bouncer_pidfile
INI
    echo '"postgres" ""' >"$bouncer_dir/userlist.txt"
    [[ $(id -u) -ne 0 ]] || chown -R "$server_user" "$bouncer_dir" "$bouncer_socket"
    bouncer_started=true
    if ! as_server "$pgbouncer" -d "$bouncer_dir/pgbouncer.ini" >"$bouncer_dir/start.log" 2>&1; then
        cat "$bouncer_dir/start.log" "$bouncer_dir/pgbouncer.log" >&2 2>/dev/null || true
        die "pgbouncer did not start (its output is above)"
    fi
    bouncer_conninfo="host=$bouncer_socket port=$bouncer_port user=postgres dbname=ctql_test"
    ready=false
    for _ in $(seq 1 300); do
        if psql_at "$bouncer_conninfo" -c 'SELECT 1' >/dev/null 2>&1; then
            ready=true
            break
        fi
        sleep 0.05
    done
    if ! $ready; then
        cat "$bouncer_dir/pgbouncer.log" >&2 || true
        die "pgbouncer on $bouncer_socket (port $bouncer_port) did not answer 'SELECT 1' within 15 s (its log is above)"
    fi
fi

export CTQL_TEST_POSTGRES_URL="postgresql://postgres@/ctql_test?host=$socket&port=$port"
export CTQL_TEST_POSTGRES_CONNINFO="host=$socket port=$port user=postgres dbname=ctql_test"
export CTQL_TEST_PG_BIN=$pg_bin
export CTQL_TEST_PG_DATA=$data
export CTQL_TEST_PG_SOCKET=$socket
export CTQL_TEST_PG_PORT=$port
export CTQL_TEST_PG_CTL=$pg_ctl_wrapper
topology=
if $want_replica; then
    export CTQL_TEST_PG_REPLICA_URL="postgresql://postgres@/ctql_test?host=$replica_socket&port=$replica_port"
    export CTQL_TEST_PG_REPLICA_CONNINFO=$replica_conninfo
    export CTQL_TEST_PG_REPLICA_SOCKET=$replica_socket
    export CTQL_TEST_PG_REPLICA_PORT=$replica_port
    export CTQL_TEST_PG_REPLICA_DATA=$replica_data
    export CTQL_TEST_PG_REPLICA_CTL=$replica_ctl
    topology+=", $($want_sync && echo synchronous || echo streaming) replica on port $replica_port"
    if $want_tcp; then
        export CTQL_TEST_PG_MULTIHOST_URL="postgresql://postgres@127.0.0.1:$port,127.0.0.1:$replica_port/ctql_test"
    fi
fi
if $want_pgbouncer; then
    export CTQL_TEST_PGBOUNCER_URL="postgresql://postgres@/ctql_test?host=$bouncer_socket&port=$bouncer_port"
    export CTQL_TEST_PGBOUNCER_CONNINFO=$bouncer_conninfo
    export CTQL_TEST_PGBOUNCER_SOCKET=$bouncer_socket
    export CTQL_TEST_PGBOUNCER_PORT=$bouncer_port
    topology+=", pgbouncer on port $bouncer_port"
fi
! $want_tcp || topology+=", also on 127.0.0.1"

echo "with-postgres.sh: PostgreSQL $("$pg_bin/pg_ctl" --version | awk '{print $3}') on $socket (port $port)$topology, as $server_user"

# Not exec: the servers must be stopped once the command is done. The command runs
# in the background (stdin kept) so that a signal reaches this script at once: it is
# passed on to the command, and the servers are stopped when the command has ended.
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
