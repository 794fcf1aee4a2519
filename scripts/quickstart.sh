#!/usr/bin/env bash
# The main job: install what is missing, build examples/quickstart.cpp (Release)
# in build/quickstart, and run it.
set -euo pipefail
cd "$(dirname "$0")/.."

[[ -f examples/quickstart.cpp ]] || { echo "quickstart.sh: examples/quickstart.cpp does not exist" >&2; exit 1; }

bash scripts/install-deps.sh
cmake -S . -B build/quickstart -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCTQL_BUILD_TESTS=OFF -DCTQL_BUILD_EXAMPLES=ON -DCTQL_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build/quickstart --target example_quickstart -j "${CTQL_JOBS:-2}"

# Run where any file it creates lands in the build tree, never in the sources.
cd build/quickstart
exec ./examples/example_quickstart "$@"
