#!/usr/bin/env bash
# Runs every test of Nära: the unit, golden and end-to-end suite, the differential test against
# the DuckDB peer and the browser tests, all on one build under AddressSanitizer +
# UndefinedBehaviorSanitizer (one build keeps the suite well inside CI's time), then each
# libFuzzer target for a bounded time. Installs missing dependencies first. Ends with ctest's
# summary.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
FUZZ_SECONDS=${NARA_FUZZ_SECONDS:-30}

scripts/setup.sh --deps-only

echo "== Build (AddressSanitizer + UndefinedBehaviorSanitizer)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
export NARA_BINARY="$PWD/build/asan/app/nara/nara"

echo "== Differential test: Nära vs the DuckDB peer"
node --test bench/peer/

echo "== Browser test: the HTML report in headless Chromium (artifacts in build/browser-artifacts/)"
node --test tests/browser/

echo "== Browser tests of the dashboard (headless Chromium)"
node --test web/e2e/

echo "== libFuzzer targets, ${FUZZ_SECONDS} s each (clang-16)"
scripts/fuzz.sh "$FUZZ_SECONDS"

echo "== Suite under AddressSanitizer + UndefinedBehaviorSanitizer"
ctest --preset asan -j "$jobs" --timeout 900
