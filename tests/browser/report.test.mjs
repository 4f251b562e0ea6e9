// Browser test of the board report: `nara report` on a synthetic extract, opened in headless
// Chromium (Debian's /usr/bin/chromium via playwright-core). Fails on any console error, page
// error or failed or external request; checks the goal table and the numbers against the
// indicator CSV of `nara indicators` on the same extract; saves a screenshot and an A4 PDF in
// build/browser-artifacts/. Needs the built binary: NARA_BINARY, else build/dev/app/nara/nara.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const nara = process.env.NARA_BINARY ?? join(root, 'build', 'dev', 'app', 'nara', 'nara');
const chromiumPath = process.env.NARA_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = join(root, 'build', 'browser-artifacts');
const PERIOD = '2022-T2';
const MONTH = '2022-03';

// RFC 4180 enough for the indicator table: quoted units may hold commas.
function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; }
    else field += c;
  }
  fields.push(field);
  return fields;
}

function readTable(path) {
  const rows = new Map();
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const f = parseCsvLine(line);
    rows.set(f.slice(0, 6).join('|'), { numerator: f[6], denominator: f[7], value: f[8], suppressed: f[9] === '1' });
  }
  return rows;
}

// Count indicators are shown without decimals (src/goals/assessment.cpp DisplayDecimals).
const COUNTS = new Set(['ready_days_total', 'home_visits', 'digital_contacts', 'liable_days',
  'liable_amount']);

// The report's display rule (src/goals/number_format.cpp): from the 3-decimal value in integer
// thousandths, rounded half away from zero, decimal comma, no-break space between thousands.
function swedish(valueText, decimals) {
  const thousandths = Math.round(Math.abs(Number(valueText)) * 1000);
  const step = 10 ** (3 - decimals);
  const units = Math.floor((thousandths + step / 2) / step);
  const scale = 10 ** decimals;
  const whole = String(Math.floor(units / scale)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const text = decimals > 0 ? `${whole},${String(units % scale).padStart(decimals, '0')}` : whole;
  return Number(valueText) < 0 && units !== 0 ? `\u2212${text}` : text;
}

function run(args) {
  return spawnSync(nara, args, { encoding: 'utf8' });
}

// Opens a report in Chromium, collecting every console error, page error, failed request and
// request that is not for a local file.
async function open(browser, html) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (q) => problems.push(`request failed: ${q.url()}`));
  page.on('request', (q) => { if (!q.url().startsWith('file:')) problems.push(`external request: ${q.url()}`); });
  await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  return { page, problems };
}

// The goal table: one row per result goal of the example file, each with a status and reason;
// every goal value that is a row of the indicator table equals it. Returns how many compared.
async function checkGoals(page, table) {
  const goals = await page.$$eval('tr[data-goal-id]', (rows) => rows.map((row) => ({
    id: row.dataset.goalId, status: row.dataset.status, indicator: row.dataset.indicator,
    unit: row.dataset.unit, period: row.dataset.period, value: row.dataset.value,
    shown: row.cells[2].textContent, reason: row.cells[8].textContent,
  })));
  const ids = [...readFileSync(join(root, 'examples', 'goals.toml'), 'utf8').matchAll(/^id = "([^"]+)"/gm)].map((m) => m[1]);
  assert.deepEqual(goals.map((g) => g.id), ids);
  let compared = 0;
  for (const g of goals) {
    assert.ok(['met', 'not_yet_met', 'not_met', 'not_assessed'].includes(g.status), g.id);
    assert.ok(g.reason.length > 10, `${g.id} has a reason`);
    const row = table.get([g.indicator, g.period, 'region', g.unit, 'all', 'all'].join('|'));
    if (!row || g.value === undefined) continue;
    assert.equal(g.value, row.value, `${g.id}: report value vs indicator table`);
    const decimals = COUNTS.has(g.indicator) ? 0 : 1;
    assert.ok(g.shown.startsWith(swedish(row.value, decimals)), `${g.id}: shown "${g.shown}"`);
    compared++;
  }
  assert.ok(goals.find((g) => g.id === 'readmission_all_ages').value !== undefined,
    'readmissions have a value for the period');
  return compared;
}

// Every number cell that names its source equals the table's value and is shown by the rule.
async function checkCells(page, table) {
  const cells = await page.$$eval('td[data-indicator][data-value]', (tds) => tds.map((td) => ({
    indicator: td.dataset.indicator, unit: td.dataset.unit, period: td.dataset.period,
    value: td.dataset.value, text: td.textContent,
    unitType: td.closest('tr').dataset.unitType ?? 'region', sex: td.closest('tr').dataset.sex ?? 'all',
  })));
  for (const c of cells) {
    if (c.unitType === 'outside_county') {
      // "Övriga kommuner": the other counties' rows added (numerators and denominators).
      let numerator = 0, denominator = 0, any = false;
      for (const [key, row] of table) {
        const [indicator, period, unitType, unit, sex, age] = key.split('|');
        if (indicator !== c.indicator || period !== c.period || unitType !== 'county' ||
            unit === '08' || sex !== 'all' || age !== 'all') continue;
        assert.ok(!row.suppressed, `a shown outside-county sum includes a suppressed county: ${key}`);
        numerator += Number(row.numerator);
        denominator += Number(row.denominator || 0);
        any = true;
      }
      assert.ok(any, `no county rows behind ${JSON.stringify(c)}`);
      const expected = COUNTS.has(c.indicator) ? numerator
        : c.indicator.endsWith('_share') ? 100 * numerator / denominator : numerator / denominator;
      assert.ok(Math.abs(Number(c.value) - expected) < 0.0006, `${JSON.stringify(c)} vs ${expected}`);
      continue;
    }
    const row = table.get([c.indicator, c.period, c.unitType, c.unit, c.sex, 'all'].join('|'));
    if (row === undefined && c.period.startsWith('2014')) continue;  // base year from the goals file
    assert.ok(row, `no table row for ${JSON.stringify(c)}`);
    assert.equal(c.value, row.value, JSON.stringify(c));
    const decimals = COUNTS.has(c.indicator) ? 0 : 1;
    assert.equal(c.text, swedish(row.value, decimals), JSON.stringify(c));
  }
  return cells.length;
}

const skip = (!existsSync(nara) && 'nara not built') || (!existsSync(chromiumPath) && 'no chromium');

test('the tertial and monthly reports render cleanly and their numbers equal the indicator table',
  { skip, timeout: 900000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nara-report-'));
    const browser = await chromium.launch({ executablePath: chromiumPath });
    try {
      const extract = join(dir, 'x');
      let r = run(['synth', extract, '--stays', '4000', '--seed', '7']);
      assert.equal(r.status, 0, r.stderr);
      // The report is suppressed by default (5, src/run/report_job.hpp): the table with the same
      // rule, so every number the report shows is an unsuppressed cell of it (a suppressed row has
      // an empty value, which no shown cell can equal).
      r = run(['indicators', extract, '--test-data', '--suppress', '5', '--out', join(dir, 'table.csv')]);
      assert.equal(r.status, 0, r.stderr);
      const table = readTable(join(dir, 'table.csv'));
      const goalsFile = join(root, 'examples', 'goals.toml');
      mkdirSync(artifacts, { recursive: true });

      // Tertial report.
      r = run(['report', extract, '--test-data', '--period', PERIOD, '--goals', goalsFile,
        '--out', join(dir, 'out')]);
      assert.equal(r.status, 0, r.stderr);
      const html = join(dir, 'out', `rapport-${PERIOD}.html`);
      assert.doesNotMatch(readFileSync(html, 'utf8'), /<script|<link|https?:\/\/(?!www\.w3\.org\/2000\/svg)/,
        'no scripts, no network resources');
      const { page, problems } = await open(browser, html);
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      assert.ok(await checkGoals(page, table) >= 5, 'goal values compared with the table');
      assert.ok(await checkCells(page, table) > 40, 'number cells compared with the table');
      const sexRows = await page.$$eval('#readmission-sex-table tbody tr', (rows) => rows.map((row) => row.dataset.sex));
      assert.deepEqual(sexRows, ['M', 'F', 'all']);
      assert.equal(await page.locator('.pies figure svg.pie').count(), 3, 'one pie per strategy');
      assert.ok(await page.locator('#trends svg.trend').count() >= 5, 'trend charts');
      // The settlement table's cells (liable_days, liable_amount) are among those checkCells compared.
      assert.ok(await page.locator('#settlement td[data-indicator="liable_days"]').count() > 0,
        'settlement table with liable days');
      assert.match(await page.textContent('#data'), /episodes\.csv/);
      await page.screenshot({ path: join(artifacts, `rapport-${PERIOD}.png`), fullPage: true });
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: join(artifacts, `rapport-${PERIOD}.pdf`), format: 'A4', printBackground: true });
      assert.ok(statSync(join(artifacts, `rapport-${PERIOD}.png`)).size > 10000);
      assert.equal(readFileSync(join(artifacts, `rapport-${PERIOD}.pdf`)).subarray(0, 4).toString(), '%PDF');
      assert.deepEqual(problems, []);

      // Monthly report of the same extract.
      r = run(['report', extract, '--test-data', '--period', MONTH, '--goals', goalsFile,
        '--out', join(dir, 'out')]);
      assert.equal(r.status, 0, r.stderr);
      const monthly = await open(browser, join(dir, 'out', `rapport-${MONTH}.html`));
      assert.match(await monthly.page.textContent('header'), /Månadsrapport/);
      await checkGoals(monthly.page, table);
      // A month of a 4 000-stay extract: most municipality cells are below 5 and hidden.
      const monthlyCells = await checkCells(monthly.page, table);
      assert.ok(monthlyCells > 15, `${monthlyCells} number cells compared`);
      assert.ok(await monthly.page.locator('td[title="undertryckt: för få fall"]').count() > 0,
        'the default report hides small cells');
      await monthly.page.screenshot({ path: join(artifacts, `rapport-${MONTH}.png`), fullPage: true });
      assert.deepEqual(monthly.problems, []);

      // A period outside the coverage is a usage error naming the coverage.
      r = run(['report', extract, '--test-data', '--period', '2023-T1', '--out', join(dir, 'out')]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /coverage 2020-01-01 – 2022-12-31/);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
