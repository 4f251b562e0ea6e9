#!/usr/bin/env bash
# Compares every output of two `nara` binaries on the same synthetic extract, for refactorings
# that must not change a byte (issue 12's proof; the engine work of issue 18):
#   scripts/compare_outputs.sh OLD_NARA NEW_NARA [STAYS]   (default 100000 stays)
# Runs indicators (CSV, JSON with suppression, CSV with a nara.toml), settle, report (tertial
# with goals, month), check and ingest (twice, into one store), then lists each file as `same` or
# `DIFFER`. Expected differences: timestamps (run.json "created", the store's ingested_at, the
# workbook's docProps) and the output folder's name in messages; they are shown with the rest.
set -uo pipefail
old=$1
new=$2
stays=${3:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/nara-compare.XXXXXX)
cat > "$work/nara.toml" <<'TOML'
[suppression]
min_count = 3

[settlement.price_per_day]
2021 = 9000
2022 = 9300

[[settlement.agreement]]
valid_from = 2018-01-01
grace_days = 2
TOML
"$old" synth "$work/x" --stays "$stays" --seed 7 >/dev/null
outputs() {
  local nara=$1 out=$2 x=$work/x goals=$root/examples/goals.toml
  mkdir -p "$out"
  {
    "$nara" indicators "$x" --test-data --out "$out/ind.csv" 2>"$out/ind.err"; echo "indicators $?"
    "$nara" indicators "$x" --test-data --suppress 5 --out "$out/ind5.json" 2>"$out/ind5.err"; echo "json $?"
    "$nara" indicators "$x" --test-data --config "$work/nara.toml" --out "$out/indcfg.csv" 2>"$out/indcfg.err"; echo "config $?"
    "$nara" settle "$x" --test-data --config "$work/nara.toml" --from 2022-01 --to 2022-06 \
      --out "$out/settle" >"$out/settle.out" 2>"$out/settle.err"; echo "settle $?"
    "$nara" report "$x" --test-data --period 2022-T2 --goals "$goals" --out "$out/rapport" 2>"$out/report.err"; echo "report $?"
    "$nara" report "$x" --test-data --period 2022-03 --out "$out/rapport" 2>"$out/report2.err"; echo "report2 $?"
    "$nara" check "$x" --test-data --out "$out/check" >"$out/check.out" 2>&1; echo "check $?"
    "$nara" ingest "$x" --test-data --store "$out/nara.db" --goals "$goals" 2>"$out/ingest.err"; echo "ingest $?"
    "$nara" ingest "$x" --test-data --store "$out/nara.db" --config "$work/nara.toml" 2>>"$out/ingest.err"; echo "ingest2 $?"
  } >"$out/exit_codes"
  for table in $(sqlite3 "$out/nara.db" "select name from sqlite_master where type='table' order by name"); do
    sqlite3 "$out/nara.db" "select * from $table order by 1" >"$out/db-$table.txt"
  done
  rm -f "$out/nara.db"
}
outputs "$old" "$work/old"
outputs "$new" "$work/new"
(cd "$work/old" && find . -type f | sort) | while read -r file; do
  if cmp -s "$work/old/$file" "$work/new/$file"; then echo "same   $file"; else echo "DIFFER $file"; fi
done
echo "outputs in $work (old/, new/)"
