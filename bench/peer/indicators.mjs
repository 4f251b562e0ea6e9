// Independent DuckDB implementation of Nära's indicator table (data contract §4.1): the
// differential test's and the benchmarks' peer. The definitions are in indicators.sql; this file
// loads an extract in the canonical dialect written by `nara synth`, runs the SQL and writes CSV.
//
//   node bench/peer/indicators.mjs EXTRACT_DIR --out FILE.csv [--threads 2]
//
// Prints one JSON line {"seconds":..,"rows":..} to stderr. No suppression (see README.md).
import { DuckDBInstance } from '@duckdb/node-api';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ACSC_FILE = join(here, '..', '..', 'data', 'reference', 'acsc_chronic.csv');

export const COLUMNS = ['indicator', 'period', 'unit_type', 'unit', 'sex', 'age_group', 'numerator',
  'denominator', 'value'];

// Every indicator of indicators.md §3-7.
export const COVERED = [
  'readmission_30d', 'readmission_30d_65plus', 'ready_days_mean_somatic', 'ready_days_mean_psychiatric',
  'ready_days_total', 'discharged_day01_share', 'admission_notice_24h_share', 'fixed_care_contact_share',
  'discharge_plan_share', 'sip_share', 'sip_followup_share', 'inpatient_stays_per_100k',
  'avoidable_hospitalisation_per_100k', 'length_of_stay_mean', 'specialist_visits_per_100k',
  'primary_care_visits_per_100k', 'emergency_visits_per_100k', 'home_visits', 'digital_contacts',
  'care_guarantee_contact_0d', 'care_guarantee_assessment_3d', 'care_guarantee_first_visit_90d',
  'care_guarantee_treatment_90d', 'care_guarantee_first_visit_90d_waiting',
  'care_guarantee_treatment_90d_waiting',
];

// The columns each table contributes; a column missing from a file reads as empty.
const TABLES = {
  raw_episodes: ['episodes.csv', ['episode_id', 'patient', 'sex', 'birth_date', 'age', 'municipality',
    'hospital', 'clinic', 'specialty', 'care_type', 'admitted_at', 'discharged_at', 'admission_kind',
    'discharged_to', 'main_diagnosis', 'health_center']],
  raw_coordination: ['coordination.csv', ['episode_id', 'event', 'at']],
  raw_contacts: ['contacts.csv', ['patient', 'at', 'level', 'kind', 'unit', 'emergency', 'municipality']],
  raw_waits: ['waits.csv', ['patient', 'municipality', 'unit', 'step', 'start', 'end', 'patient_chosen_days']],
  raw_population: ['population.csv', ['year', 'municipality', 'sex', 'age_from', 'age_to', 'count']],
  raw_municipalities: ['municipalities.csv', ['code', 'area']],
  raw_acsc: [ACSC_FILE, ['icd10_prefix']],
};

const DEFAULTS = {
  window_days: 30, readmission_care_types: ['somatic'],
  limit_contact: 0, limit_assessment: 3, limit_first_visit: 90, limit_treatment: 90,
};

// The few keys of extract.toml the peer needs: county, coverage_from, coverage_to, and the
// optional [codes] pvard_planned. Values may be quoted; comments start with #.
export function readManifest(dir) {
  const text = readFileSync(join(dir, 'extract.toml'), 'utf8');
  const found = {};
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = line.match(/^\[([^\]]+)\]/);
    if (header) { section = header[1].trim(); continue; }
    const kv = line.match(/^([A-Za-z0-9_]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^#]*?))\s*(?:#.*)?$/);
    if (kv) found[(section ? section + '.' : '') + kv[1]] = kv[2] ?? kv[3] ?? kv[4];
  }
  const need = (key, pattern) => {
    const v = found[key];
    if (v === undefined || !pattern.test(v)) throw new Error(`extract.toml: ${key} missing or malformed`);
    return v;
  };
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const planned = found['codes.pvard_planned'] ?? '1';
  if (!/^\d$/.test(planned)) throw new Error('extract.toml: codes.pvard_planned must be one digit');
  return {
    county: need('county', /^\d{2}$/), cov_from: need('coverage_from', date),
    cov_to: need('coverage_to', date), pvard_planned: planned, pvard_unplanned: planned === '2' ? '1' : '2',
  };
}

// First line of a file (for its column names) and whether any data line follows it.
function peek(path) {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/);
    const header = lines[0].split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
    return { header, hasData: lines.slice(1).some((l) => l.trim() !== '') };
  } finally {
    closeSync(fd);
  }
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const ident = (s) => `"${s.replaceAll('"', '""')}"`;

function loadStatement(dir, table, [file, columns]) {
  const path = resolve(dir, file);
  const file_ok = existsSync(path);
  const { header, hasData } = file_ok ? peek(path) : { header: [], hasData: false };
  if (table === 'raw_episodes' && !file_ok) throw new Error(`${path}: required file missing`);
  if (!hasData) {
    return `create view ${table} as select ${columns.map((c) => `null::varchar as ${ident(c)}`).join(', ')} where false`;
  }
  const select = columns.map((c) => (header.includes(c) ? ident(c) : `null::varchar as ${ident(c)}`));
  return `create view ${table} as select ${select.join(', ')} from read_csv(${sqlString(path)}, header = true,
    all_varchar = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
    columns = {${header.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}})`;
}

function statements(manifest, settings) {
  const values = {
    ...manifest, ...settings,
    readmission_care_types: settings.readmission_care_types.map(sqlString).join(', '),
  };
  const sql = readFileSync(join(here, 'indicators.sql'), 'utf8').replace(/\$\{(\w+)\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`indicators.sql: unknown parameter ${key}`);
    const v = String(values[key]);
    if (key !== 'readmission_care_types' && !/^[0-9A-Za-z_-]*$/.test(v)) throw new Error(`bad ${key}`);
    return v;
  });
  return sql.split(/;\s*\n/).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter((s) => s !== '');
}

const ORDER = 'order by indicator, ord, ut, unit, sx_ord, ag_ord';

// Loads the extract and runs indicators.sql; returns the open instance and connection (the
// caller closes them). The tables of indicators.sql can then be queried (tests, debugging).
export async function buildDatabase(dir, threads = 2, settings = {}) {
  const manifest = readManifest(dir);
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const c = await db.connect();
  try {
    const all = [...Object.entries(TABLES).map(([table, spec]) => loadStatement(dir, table, spec)),
      ...statements(manifest, { ...DEFAULTS, ...settings })];
    for (const statement of all) {
      const started = performance.now();
      try {
        await c.run(statement);
        if (process.env.PEER_PROFILE) {
          const name = statement.match(/^(?:create table|insert into) (\w+)/)?.[1] ?? statement.slice(0, 30);
          console.error(`${((performance.now() - started) / 1000).toFixed(2)} s  ${name}`);
        }
      } catch (e) {
        throw new Error(`${e.message}\n  in: ${statement.slice(0, 120)}`);
      }
    }
  } catch (e) {
    c.closeSync();
    db.closeSync();
    throw e;
  }
  return { db, c };
}

// Computes the table. With `outFile`, DuckDB writes the CSV and the row count is returned;
// without, the rows are returned as objects (numerator, denominator as numbers, or null).
export async function computeIndicators(dir, threads = 2, outFile = null, settings = {}) {
  const { db, c } = await buildDatabase(dir, threads, settings);
  try {
    const select = `select ${COLUMNS.join(', ')} from indicator_table ${ORDER}`;
    if (outFile) {
      const started = performance.now();
      const written = await c.runAndReadAll(`copy (${select}) to ${sqlString(resolve(outFile))} (format csv, header true)`);
      if (process.env.PEER_PROFILE) console.error(`${((performance.now() - started) / 1000).toFixed(2)} s  copy`);
      return Number(written.getRows()[0][0]);
    }
    const reader = await c.runAndReadAll(select);
    return reader.getRows().map((r) => Object.fromEntries(COLUMNS.map((name, i) => {
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
    console.error('usage: node indicators.mjs EXTRACT_DIR --out FILE.csv [--threads N]');
    process.exit(2);
  }
  const started = performance.now();
  let rows;
  try {
    rows = await computeIndicators(args[0], threads, out);
  } catch (e) {
    console.error(`indicators.mjs: ${e.message}`);
    process.exit(3);
  }
  console.error(JSON.stringify({ seconds: Number(((performance.now() - started) / 1000).toFixed(3)), rows }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
