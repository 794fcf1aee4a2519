#!/usr/bin/env bash
# Installs the Debian 12 packages ctql needs to build, test and benchmark.
# Idempotent: when every package is already installed it changes nothing and
# does not touch the network.
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache clang       # toolchains (g++ 12, clang 14)
    libclang-rt-14-dev                                  # clang's ThreadSanitizer runtime
    libboost-dev libfmt-dev                              # Boost.Hana, fmt
    libsqlite3-dev sqlite3                               # SQLite backend
    libpq-dev postgresql                                 # PostgreSQL backend + server for the tests
    pgbouncer                                            # the pooler in front of the test server (binary only)
    catch2                                               # tests (Catch2 v2)
    libbenchmark-dev libsqlitecpp-dev libpqxx-dev        # benchmarks and the peer libraries they compare to
    gnuplot-nox python3 time                             # benchmark plots, amalgamate.py, /usr/bin/time -v
    doxygen                                              # the API reference (docs/api/Doxyfile, CTest docs_api_reference)
)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps.sh: dpkg-query not found; this script supports Debian 12 (bookworm) and derivatives." >&2
    echo "Install these packages (or their equivalents) by hand: ${packages[*]}" >&2
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps.sh: all ${#packages[@]} packages are installed."
    exit 0
fi

echo "install-deps.sh: installing ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-deps.sh: not root and sudo is not available; as root, run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
# The postgresql and pgbouncer packages may start system services (ports 5432, 6432).
# The tests never use them: scripts/with-postgres.sh starts its own servers and
# pgbouncer on free ports, so they are left as the system's administrator wants them.
