#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 and runs each for a bounded time on its corpus,
# as many at once as there are cores.
#   scripts/fuzz.sh [SECONDS]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)" --target nara_fuzzers

# Runs one fuzzer on a copy of its corpus; prints one line and, on a finding, the log's tail.
run_one() {
  local fuzzer=$1 name corpus
  name=$(basename "$fuzzer" _fuzzer)
  corpus=$(mktemp -d)
  cp -r "fuzz/corpus/$name/." "$corpus/" 2>/dev/null || true
  if "$fuzzer" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
      -print_final_stats=0 >"build/fuzz/$name.log" 2>&1; then
    echo "fuzz $name: ${seconds} s, no finding"
    rm -rf "$corpus"
  else
    echo "fuzz $name: FAILED (log: build/fuzz/$name.log)"
    tail -40 "build/fuzz/$name.log"
    rm -rf "$corpus"
    return 1
  fi
}

status=0
running=0
for fuzzer in build/fuzz/fuzz/*_fuzzer; do
  if (( running >= $(nproc) )); then
    wait -n || status=1
    running=$((running - 1))
  fi
  run_one "$fuzzer" &
  running=$((running + 1))
done
while (( running > 0 )); do
  wait -n || status=1
  running=$((running - 1))
done
exit $status
