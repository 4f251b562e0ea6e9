// The lean DuckDB peer of issue 18: four indicators (readmission_30d, length_of_stay_mean,
// inpatient_stays_per_100k, liable_days) from a stays + events + population extract in the
// canonical form `nara synth` writes, in the leanest SQL we could write (lean.sql). The benchmark
// bench/run_lean.sh times it against `nara indicators` (the whole catalogue); lean.test.mjs checks
// that its rows equal Nära's for those four indicators.
//
//   node bench/peer/lean.mjs EXTRACT_DIR --out FILE.csv [--threads 2]
//
// Prints one JSON line {"seconds":..,"rows":..} to stderr.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readManifest } from './indicators.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export const LEAN_INDICATORS = ['readmission_30d', 'length_of_stay_mean', 'inpatient_stays_per_100k',
  'liable_days'];
export const LEAN_COLUMNS = ['indicator', 'period', 'unit_type', 'unit', 'sex', 'age_group', 'numerator',
  'denominator', 'value'];

function statements(dir) {
  const m = readManifest(dir);
  const values = { dir: resolve(dir), cov_from: m.cov_from, cov_to: m.cov_to, county: m.county, window_days: 30 };
  const sql = readFileSync(join(here, 'lean.sql'), 'utf8').replace(/\$\{(\w+)\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`lean.sql: unknown parameter ${key}`);
    const v = String(values[key]);
    if (!/^[0-9A-Za-z_\-/.+]*$/.test(v)) throw new Error(`lean.mjs: ${key} holds characters the SQL cannot take: ${v}`);
    return v;
  });
  return sql.split(/;\s*\n/).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter((s) => s !== '');
}

const ORDER = `order by indicator, kind, first_m, ut, unit,
  case sex when 'all' then 0 when 'M' then 1 else 2 end,
  case age_group when 'all' then 0 when '0-17' then 1 when '18-64' then 2 when '65-79' then 3 else 4 end`;

// Computes the lean table; with `outFile` DuckDB writes the CSV and the row count is returned,
// else the rows as objects (numerator, denominator as numbers or null).
export async function computeLean(dir, threads = 2, outFile = null) {
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const c = await db.connect();
  try {
    for (const statement of statements(dir)) {
      const started = performance.now();
      try {
        await c.run(statement);
      } catch (e) {
        throw new Error(`${e.message}\n  in: ${statement.slice(0, 120)}`);
      }
      if (process.env.PEER_PROFILE) {
        const name = statement.match(/^(?:create (?:table|view)|insert into) (\w+)/)?.[1] ?? statement.slice(0, 30);
        console.error(`${((performance.now() - started) / 1000).toFixed(2)} s  ${name}`);
      }
    }
    const select = `select ${LEAN_COLUMNS.join(', ')} from lean_table ${ORDER}`;
    if (outFile) {
      const path = resolve(outFile).replaceAll("'", "''");
      const written = await c.runAndReadAll(`copy (${select}) to '${path}' (format csv, header true)`);
      return Number(written.getRows()[0][0]);
    }
    const reader = await c.runAndReadAll(select);
    return reader.getRows().map((r) => Object.fromEntries(LEAN_COLUMNS.map((name, i) => {
      const v = r[i];
      return [name, (name === 'numerator' || name === 'denominator') && v !== null ? Number(v) : v];
    })));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const out = option('--out');
  const threads = Number(option('--threads') ?? 2);
  if (args.length !== 1 || !out || !Number.isInteger(threads) || threads < 1) {
    console.error('usage: node lean.mjs EXTRACT_DIR --out FILE.csv [--threads N]');
    process.exit(2);
  }
  const started = performance.now();
  let rows;
  try {
    rows = await computeLean(args[0], threads, out);
  } catch (e) {
    console.error(`lean.mjs: ${e.message}`);
    process.exit(3);
  }
  console.error(JSON.stringify({ seconds: Number(((performance.now() - started) / 1000).toFixed(3)), rows }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
