// Differential test: Nära's indicator table and the independent DuckDB SQL peer must give
// identical numerators and denominators, row for row, on `nara synth` extracts of several seeds.
// Needs the built binary: NARA_BINARY, else build/dev/app/nara/nara.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeIndicators, COVERED } from './indicators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const nara = process.env.NARA_BINARY ?? join(root, 'build', 'dev', 'app', 'nara', 'nara');
// Count indicators: the table has no denominator for them (data contract §4.1).
const COUNTS = new Set(['ready_days_total', 'home_visits', 'digital_contacts', 'liable_days', 'liable_amount']);

function naraRows(extract, out) {
  const run = spawnSync(nara, ['indicators', extract, '--test-data', '--out', out], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const rows = new Map();
  const lines = readFileSync(out, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const f = line.split(',');
    if (!COVERED.includes(f[0])) continue;
    rows.set(f.slice(0, 6).join(','), `${f[6]}/${COUNTS.has(f[0]) ? '' : f[7]}`);
  }
  return rows;
}

for (const seed of [1, 2, 3]) {
  test(`Nära and the DuckDB peer agree on every row (seed ${seed})`, { skip: !existsSync(nara) && 'nara not built' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nara-diff-'));
    try {
      const extract = join(dir, 'x');
      const synth = spawnSync(nara, ['synth', extract, '--stays', '1500', '--seed', String(seed)], { encoding: 'utf8' });
      assert.equal(synth.status, 0, synth.stderr);
      const ours = naraRows(extract, join(dir, 'nara.csv'));
      const peer = new Map();
      for (const r of await computeIndicators(extract, 2)) {
        peer.set([r.indicator, r.period, r.unit_type, r.unit, r.sex, r.age_group].join(','),
          `${r.numerator}/${COUNTS.has(r.indicator) ? '' : r.denominator}`);
      }
      assert.ok(ours.size > 10000, `only ${ours.size} rows`);
      const onlyOurs = [...ours.keys()].filter((k) => !peer.has(k));
      const onlyPeer = [...peer.keys()].filter((k) => !ours.has(k));
      const differ = [...ours.keys()].filter((k) => peer.has(k) && peer.get(k) !== ours.get(k));
      assert.deepEqual(onlyOurs.slice(0, 5), [], `${onlyOurs.length} rows only in Nära`);
      assert.deepEqual(onlyPeer.slice(0, 5), [], `${onlyPeer.length} rows only in the peer`);
      assert.deepEqual(differ.slice(0, 5).map((k) => `${k}: ${ours.get(k)} vs ${peer.get(k)}`), []);
      // Every covered indicator is compared on real rows.
      for (const indicator of COVERED) {
        assert.ok([...ours.keys()].some((k) => k.startsWith(indicator + ',')), indicator);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
