#!/usr/bin/env bash
# Nära vs the DuckDB peer on the same synthetic extract: wall time and peak memory of
# `nara indicators` (CSV in, table out) and of the peer, median of 3 runs each, as ratios.
#   bench/run_indicators.sh STAYS [WORKDIR]      e.g. bench/run_indicators.sh 1000000
# Needs the release build (cmake --preset release && cmake --build --preset release) and
# `npm ci` in bench/peer. Both compute all 25 indicators of indicators.md §3-7.
set -euo pipefail
cd "$(dirname "$0")/.."
stays=${1:?number of stays}
work=${2:-/tmp/nara-bench}
nara=build/release/app/nara/nara
mkdir -p "$work"
extract="$work/extract-$stays"
[ -f "$extract/episodes.csv" ] || "$nara" synth "$extract" --stays "$stays" --seed 1 >/dev/null

measure() {  # prints "seconds kilobytes" of the command
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" ||
    { cat "$work/stderr"; exit 1; }
  cat "$work/time"
}
median() { sort -n | sed -n 2p; }

: >"$work/nara.txt"; : >"$work/peer.txt"
for i in 1 2 3; do
  measure "$nara" indicators "$extract" --test-data --out "$work/nara.csv" >>"$work/nara.txt"
  measure node bench/peer/indicators.mjs "$extract" --out "$work/peer.csv" --threads 2 >>"$work/peer.txt"
done
nara_s=$(cut -d' ' -f1 "$work/nara.txt" | median); nara_kb=$(cut -d' ' -f2 "$work/nara.txt" | median)
peer_s=$(cut -d' ' -f1 "$work/peer.txt" | median); peer_kb=$(cut -d' ' -f2 "$work/peer.txt" | median)
echo "| stays | Nära s | DuckDB s | time ratio (DuckDB/Nära) | Nära peak MB | DuckDB peak MB | memory ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
awk -v n="$stays" -v a="$nara_s" -v b="$peer_s" -v c="$nara_kb" -v d="$peer_kb" 'BEGIN {
  printf "| %d | %.1f | %.1f | %.2f | %.0f | %.0f | %.2f |\n", n, a, b, b / a, c / 1024, d / 1024, d / c }'
