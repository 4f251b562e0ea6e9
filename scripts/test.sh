#!/usr/bin/env bash
# Runs every test of Nära: the unit and end-to-end suite (debug), the same suite under
# AddressSanitizer + UndefinedBehaviorSanitizer, each libFuzzer target for a bounded time, and
# the JavaScript tests (DuckDB peer). Installs missing dependencies first.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
FUZZ_SECONDS=${NARA_FUZZ_SECONDS:-30}

scripts/setup.sh --deps-only

echo "== JavaScript tests (DuckDB peer)"
if [ -f bench/peer/test.mjs ]; then
  (cd bench/peer && node --test test.mjs)
fi

echo "== libFuzzer targets, ${FUZZ_SECONDS} s each (clang-16)"
scripts/fuzz.sh "$FUZZ_SECONDS"

echo "== Suite under AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs" --timeout 600

echo "== Suite (debug)"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs" --timeout 600
