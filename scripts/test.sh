#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run):
#   1. installs missing Debian packages (scripts/install-deps.sh);
#   2. checks that single_include/ is what scripts/amalgamate.py generates;
#   3. for each build (env CTQL_BUILDS, default "gcc clang-asan"): configures
#      build/<name> with Ninja (tests, examples and benchmarks on) and builds it:
#        gcc         g++, plain; also runs the pool's thread tests under ThreadSanitizer
#        clang-asan  clang++ with AddressSanitizer + UndefinedBehaviorSanitizer on
#                    everything, and the libFuzzer targets (each run CTQL_FUZZ_SECONDS)
#        clang       clang++, plain (not in the default set)
#   4. runs CTest in every build directory against one throwaway PostgreSQL server
#      with a streaming replica and pgbouncer (transaction pooling) in front of it
#      (scripts/run-ctest.sh inside scripts/with-postgres.sh --replica --pgbouncer);
#      the engine tests of the first build run a second time through pgbouncer.
#      Tests that need servers of their own (failover) start them themselves.
#      Among the tests (label docs): every example and complete program of README.md
#      and docs/*.md compiled (and run where SQLite suffices), and the Doxygen API
#      reference (docs/api/Doxyfile), which fails on any warning (cmake/ctqlDocs.cmake).
# Exits non-zero if any step fails; the other steps still run, and a summary
# at the end says what failed.
# Environment: CTQL_BUILDS ("gcc clang-asan"), CTQL_BUILD_TYPE (Debug), CTQL_JOBS (2),
# CTQL_FUZZ_SECONDS (15).
set -euo pipefail
cd "$(dirname "$0")/.."

read -r -a builds <<<"${CTQL_BUILDS:-gcc clang-asan}"
build_type=${CTQL_BUILD_TYPE:-Debug}
export CTQL_JOBS=${CTQL_JOBS:-2}
fuzz_seconds=${CTQL_FUZZ_SECONDS:-15}

failures=()
step() { echo; echo "=== $*"; }

step "dependencies"
bash scripts/install-deps.sh

step "single_include/ freshness"
python3 scripts/amalgamate.py --check || failures+=("single_include/ is stale: run python3 scripts/amalgamate.py")

built=()
for name in "${builds[@]}"; do
    extra=()
    case $name in
        gcc) cxx=g++ ;;
        clang) cxx=clang++ ;;
        clang-asan)
            cxx=clang++
            # shellcheck disable=SC2054  # the comma separates CTQL_SANITIZE's sanitizers, not array elements
            extra=(-DCTQL_SANITIZE=address,undefined -DCTQL_BUILD_FUZZERS=ON -DCTQL_FUZZ_SECONDS="$fuzz_seconds") ;;
        *) failures+=("$name: unknown build (known: gcc clang clang-asan)"); continue ;;
    esac
    dir=build/$name
    step "configure and build $dir with $cxx ($build_type${extra:+, ${extra[*]}})"
    if ! command -v "$cxx" >/dev/null 2>&1; then
        failures+=("$name: compiler $cxx not found")
        continue
    fi
    if cmake -S . -B "$dir" -G Ninja \
            -DCMAKE_CXX_COMPILER="$cxx" \
            -DCMAKE_BUILD_TYPE="$build_type" \
            -DCTQL_BUILD_TESTS=ON -DCTQL_BUILD_EXAMPLES=ON -DCTQL_BUILD_BENCHMARKS=ON "${extra[@]}" &&
       cmake --build "$dir" -j "$CTQL_JOBS"; then
        built+=("$dir")
    else
        failures+=("$name: configure or build failed (see above)")
    fi
done

if [[ ${#built[@]} -gt 0 ]]; then
    step "ctest (${built[*]})"
    bash scripts/with-postgres.sh --replica --pgbouncer bash scripts/run-ctest.sh "${built[@]}" ||
        failures+=("ctest: tests failed (see the summary above)")
fi

echo
if [[ ${#failures[@]} -gt 0 ]]; then
    echo "=== FAILED"
    printf '  - %s\n' "${failures[@]}"
    exit 1
fi
echo "=== all passed (${builds[*]})"
