// The lean peer (lean.sql) against Nära: on stays + events + population extracts written by
// `nara synth` (contacts, waits and enrollments removed, as bench/run_lean.sh does), the rows of
// readmission_30d, length_of_stay_mean, inpatient_stays_per_100k and liable_days must be the same
// with the same numerators, denominators and values. Needs the built binary: NARA_BINARY, else
// build/dev/app/nara/nara.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeLean, LEAN_INDICATORS } from './lean.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const nara = process.env.NARA_BINARY ?? join(root, 'build', 'dev', 'app', 'nara', 'nara');

function naraRows(extract, out) {
  const run = spawnSync(nara, ['indicators', extract, '--test-data', '--out', out], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const rows = new Map();
  for (const line of readFileSync(out, 'utf8').trim().split('\n').slice(1)) {
    const f = line.split(',');
    if (LEAN_INDICATORS.includes(f[0])) rows.set(f.slice(0, 6).join(','), f.slice(6, 9).join(','));
  }
  return rows;
}

for (const seed of [1, 2]) {
  test(`the lean peer and Nära agree on its four indicators (seed ${seed})`,
    { skip: !existsSync(nara) && 'nara not built' }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nara-lean-'));
      try {
        const extract = join(dir, 'x');
        const synth = spawnSync(nara, ['synth', extract, '--stays', '3000', '--seed', String(seed)], { encoding: 'utf8' });
        assert.equal(synth.status, 0, synth.stderr);
        for (const file of ['contacts.csv', 'waits.csv', 'enrollments.csv']) rmSync(join(extract, file), { force: true });
        const ours = naraRows(extract, join(dir, 'nara.csv'));
        const peer = new Map();
        for (const r of await computeLean(extract, 2)) {
          peer.set([r.indicator, r.period, r.unit_type, r.unit, r.sex, r.age_group].join(','),
            [r.numerator, r.denominator ?? '', r.value].join(','));
        }
        const onlyOurs = [...ours.keys()].filter((k) => !peer.has(k));
        const onlyPeer = [...peer.keys()].filter((k) => !ours.has(k));
        const differ = [...ours.keys()].filter((k) => peer.has(k) && peer.get(k) !== ours.get(k));
        assert.deepEqual(onlyOurs.slice(0, 5), [], `${onlyOurs.length} rows only in Nära`);
        assert.deepEqual(onlyPeer.slice(0, 5), [], `${onlyPeer.length} rows only in the lean peer`);
        assert.deepEqual(differ.slice(0, 5).map((k) => `${k}: ${ours.get(k)} vs ${peer.get(k)}`), []);
        for (const indicator of LEAN_INDICATORS) {
          const rows = [...ours.entries()].filter(([k]) => k.startsWith(indicator + ','));
          assert.ok(rows.length > 100, `${indicator}: ${rows.length} rows`);
          assert.ok(rows.some(([, v]) => Number(v.split(',')[0]) > 0), `${indicator}: all numerators 0`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
}
