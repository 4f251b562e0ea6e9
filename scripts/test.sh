#!/usr/bin/env bash
# Runs every test of Nära: the unit, golden and end-to-end suite (debug build), the
# differential test against the DuckDB peer, the dashboard's browser tests, each libFuzzer
# target for a bounded time, and the whole suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer. Installs missing dependencies first. Ends with ctest's summary
# of the debug suite.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
FUZZ_SECONDS=${NARA_FUZZ_SECONDS:-30}

scripts/setup.sh --deps-only

echo "== Build (debug)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"

echo "== Differential test: Nära vs the DuckDB peer"
NARA_BINARY="$PWD/build/dev/app/nara/nara" node --test bench/peer/

echo "== Browser test: the HTML report in headless Chromium (artifacts in build/browser-artifacts/)"
NARA_BINARY="$PWD/build/dev/app/nara/nara" node --test tests/browser/

echo "== Browser tests of the dashboard (headless Chromium)"
NARA_BINARY="$PWD/build/dev/app/nara/nara" node --test web/e2e/

echo "== libFuzzer targets, ${FUZZ_SECONDS} s each (clang-16)"
scripts/fuzz.sh "$FUZZ_SECONDS"

echo "== Suite under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs" --timeout 900

echo "== Suite (debug)"
ctest --preset dev -j "$jobs" --timeout 600
