#!/usr/bin/env bash
# Nära vs the lean DuckDB peer (issue 18) on a stays + events + population extract: wall time and
# peak memory of `nara indicators` (the whole catalogue) and of bench/peer/lean.mjs (four
# indicators: readmission_30d, length_of_stay_mean, inpatient_stays_per_100k, liable_days),
# alternating, RUNS times each (default 5), medians and ratios.
#   bench/run_lean.sh STAYS [WORKDIR] [RUNS]      e.g. bench/run_lean.sh 1000000
# Needs the release build (cmake --preset release && cmake --build --preset release --target nara)
# and `npm ci` in bench/peer. PEER=indicators runs the 25-indicator peer instead of the lean one.
set -euo pipefail
cd "$(dirname "$0")/.."
stays=${1:?number of stays}
work=${2:-/tmp/nara-bench}
runs=${3:-5}
nara=${NARA:-build/release/app/nara/nara}  # NARA=other/binary to compare builds
peer=bench/peer/${PEER:-lean}.mjs
mkdir -p "$work"
extract="$work/lean-$stays"
if [ ! -f "$extract/episodes.csv" ]; then
  "$nara" synth "$extract" --stays "$stays" --seed 1 >/dev/null
  rm -f "$extract/contacts.csv" "$extract/waits.csv" "$extract/enrollments.csv"
fi
echo "extract: $extract, $(du -sb "$extract" | cut -f1) bytes ($(ls "$extract" | tr '\n' ' '))"

measure() {  # prints "seconds kilobytes" of the command
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" ||
    { cat "$work/stderr"; exit 1; }
  cat "$work/time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$work/lean-nara.txt"; : >"$work/lean-peer.txt"
for i in $(seq "$runs"); do
  measure "$nara" indicators "$extract" --test-data --out "$work/lean-nara.csv" >>"$work/lean-nara.txt"
  measure node "$peer" "$extract" --out "$work/lean-peer.csv" --threads 2 >>"$work/lean-peer.txt"
done
echo "Nära runs (s KB): $(tr '\n' ';' <"$work/lean-nara.txt")"
echo "peer runs (s KB): $(tr '\n' ';' <"$work/lean-peer.txt")"
nara_s=$(cut -d' ' -f1 "$work/lean-nara.txt" | median); nara_kb=$(cut -d' ' -f2 "$work/lean-nara.txt" | median)
peer_s=$(cut -d' ' -f1 "$work/lean-peer.txt" | median); peer_kb=$(cut -d' ' -f2 "$work/lean-peer.txt" | median)
echo "| stays | Nära s | $(basename "$peer") s | time ratio (peer/Nära) | Nära peak MB | peer peak MB | memory ratio |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
awk -v n="$stays" -v a="$nara_s" -v b="$peer_s" -v c="$nara_kb" -v d="$peer_kb" 'BEGIN {
  printf "| %d | %.2f | %.2f | %.2f | %.0f | %.0f | %.2f |\n", n, a, b, b / a, c / 1024, d / 1024, d / c }'
