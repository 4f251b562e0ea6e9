#!/usr/bin/env bash
# Load test of `nara serve` (issue 6): synthetic extract -> nara ingest -> nara serve on
# loopback -> wrk with 200 connections for 30 s on dashboard-like queries (queries.lua).
# Bounded: wrk runs 30 s under `timeout 60`, the server is stopped on exit.
#   bench/load/run.sh [STAYS]          default 1000000; develop with 20000
# Environment: NARA (binary, default build/release/app/nara/nara), WORK (default
# /tmp/nara-load-STAYS, reused between runs), PORT (default 18080), CACHE_MB (the server's
# answer cache, default 256; 0 measures every request against SQLite).
set -euo pipefail
cd "$(dirname "$0")/../.."
STAYS=${1:-1000000}
NARA=${NARA:-build/release/app/nara/nara}
WORK=${WORK:-/tmp/nara-load-$STAYS}
PORT=${PORT:-18080}
mkdir -p "$WORK"
if [ ! -f "$WORK/extract/extract.toml" ]; then
  "$NARA" synth "$WORK/extract" --stays "$STAYS" --seed 1 >/dev/null
fi
if [ ! -f "$WORK/nara.db" ]; then
  /usr/bin/time -f "ingest: %e s wall, peak RSS %M KB" \
    "$NARA" ingest "$WORK/extract" --store "$WORK/nara.db" --test-data
fi
echo "store: $(du -h "$WORK/nara.db" | cut -f1)," \
  "$(sqlite3 "$WORK/nara.db" 'SELECT count(*) FROM indicator_rows') indicator rows"
"$NARA" serve --store "$WORK/nara.db" --port "$PORT" --threads 256 --cache-mb "${CACHE_MB:-256}" \
  2>"$WORK/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/api/me" >/dev/null && break
  sleep 0.1
done
# One sample request outside the measurement: its size and time alone.
curl -s -o /dev/null -w "sample indicator query: %{http_code}, %{size_download} bytes, %{time_total} s\n" \
  "http://127.0.0.1:$PORT/api/indicators?indicator=readmission_30d&unit_type=municipality&unit=0880&period_type=month"
# Warm-up (not measured): opens the 200 connections and their store connections, fills the
# page cache (and the answer cache).
timeout 30 wrk -t2 -c200 -d5s --timeout 10s -s bench/load/queries.lua "http://127.0.0.1:$PORT" \
  >/dev/null
echo "measured run (CACHE_MB=${CACHE_MB:-256}):"
timeout 60 wrk -t2 -c200 -d30s --timeout 10s --latency -s bench/load/queries.lua \
  "http://127.0.0.1:$PORT"
