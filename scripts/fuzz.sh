#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 and runs each for a bounded time on its corpus.
#   scripts/fuzz.sh [SECONDS]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
status=0
for fuzzer in build/fuzz/fuzz/*_fuzzer; do
  name=$(basename "$fuzzer" _fuzzer)
  corpus=$(mktemp -d)
  cp -r "fuzz/corpus/$name/." "$corpus/" 2>/dev/null || true
  if "$fuzzer" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
      -print_final_stats=0 >"build/fuzz/$name.log" 2>&1; then
    echo "fuzz $name: ${seconds} s, no finding"
  else
    echo "fuzz $name: FAILED (log: build/fuzz/$name.log)"
    tail -40 "build/fuzz/$name.log"
    status=1
  fi
  rm -rf "$corpus"
done
exit $status
