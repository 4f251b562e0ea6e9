// Browser tests of the dashboard against the real `nara serve` on a store made from a synthetic
// extract: log in, choose a municipality and an indicator, see the chart and its table equal to
// the API, download the CSV; as the public, see suppressed cells as suppressed.
// Needs NARA_BINARY (else build/dev/app/nara/nara), web/dist (npm run build) and Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, assertBuilt, launchBrowser, newPage, parseCsv, password, prerequisites, startServer } from './support.mjs';

const skip = prerequisites();
let server;
let browser;

before(async () => {
  if (skip) return;
  assertBuilt();
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Selects `value` in the dashboard's <select data-field=field>. */
async function choose(page, field, value) {
  await page.locator(`select[data-field="${field}"]`).selectOption(value);
}

/** The URL query the trend section must show once it has rendered `params`. */
function trendQuery(params) {
  return `api/indicators?${new URLSearchParams(params).toString()}`;
}

/** Rows of the trend table: period and the raw numbers of its cells (data-value). */
async function trendTable(page) {
  return page.locator('table[data-table="trend"] tbody tr').evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('td')];
      return {
        period: row.getAttribute('data-period'),
        numerator: cells[0].getAttribute('data-value'),
        denominator: cells[1].getAttribute('data-value'),
        value: cells[2].getAttribute('data-value'),
        suppressed: cells[2].querySelector('[data-suppressed]') !== null,
        text: cells[2].textContent,
      };
    }),
  );
}

const asCell = (number) => (number === null || number === undefined ? '' : String(number));

test('a municipality user logs in, picks a municipality and an indicator, sees the chart and downloads the CSV', { skip, timeout: 180_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(server.base);
    await assert.doesNotReject(page.waitForSelector('h1'));
    assert.equal(await page.getAttribute('html', 'lang'), 'sv');

    // The first Tab reaches the skip link, which moves focus to the main area.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Hoppa till innehållet');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

    // A wrong password is refused with a message; then log in through the menu.
    await page.getByRole('link', { name: 'Logga in' }).click();
    await page.getByLabel('Användarnamn').fill('kommun');
    await page.getByLabel('Lösenord').fill('not the password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.locator('#status.error', { hasText: 'Fel användarnamn eller lösenord' }).waitFor();
    assert.match(await page.locator('[data-field="session"]').innerText(), /Inte inloggad/);
    await page.getByLabel('Användarnamn').fill('kommun');
    await page.getByLabel('Lösenord').fill(password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.locator('[data-field="session"]', { hasText: 'kommun' }).waitFor();
    assert.match(await page.locator('[data-field="session"]').innerText(), new RegExp(`kommun ${server.municipality}`));

    // Choose the indicator, quarters, and the municipality.
    const params = {
      indicator: 'readmission_30d',
      period_type: 'quarter',
      unit_type: 'municipality',
      unit: server.municipality,
      sex: 'all',
      age_group: 'all',
    };
    await choose(page, 'indicator', params.indicator);
    await choose(page, 'periodType', params.period_type);
    await choose(page, 'unitType', params.unit_type);
    await choose(page, 'unit', params.unit);
    const trend = page.locator(`section[data-query="${trendQuery(params)}"]`);
    await trend.waitFor();

    // The chart is drawn, has a text alternative, and its table holds the API's numbers.
    const chart = trend.locator('[data-chart="trend"]');
    assert.ok(await chart.locator('svg').isVisible(), 'the trend chart is drawn');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.match(await chart.getAttribute('aria-label'), /återinskrivning/i);
    const api = await (await context.request.get(`${server.base}${trendQuery(params)}`)).json();
    assert.ok(api.rows.length >= 4, `the API has ${api.rows.length} quarters`);
    assert.ok(typeof api.data_version === 'string' && api.data_version.length > 0);
    const shown = await trendTable(page);
    assert.deepEqual(
      shown.map((r) => [r.period, r.numerator, r.denominator, r.value]),
      api.rows.map((r) => [r.period, asCell(r.numerator), asCell(r.denominator), asCell(r.value)]),
    );
    assert.ok(api.rows.every((r) => r.suppressed === false), 'a logged-in user sees unsuppressed cells');
    await page.screenshot({ path: join(artifacts, 'indicators-municipality-user.png'), fullPage: true });

    // The CSV download holds the same rows.
    const [download] = await Promise.all([page.waitForEvent('download'), trend.locator('[data-download="trend-csv"]').click()]);
    const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(csv.header, ['indicator', 'period', 'unit_type', 'unit', 'sex', 'age_group', 'numerator', 'denominator', 'value', 'suppressed']);
    assert.equal(csv.rows.length, api.rows.length);
    for (const [index, row] of api.rows.entries()) {
      assert.equal(csv.rows[index].period, row.period);
      assert.equal(csv.rows[index].unit, server.municipality);
      assert.equal(Number(csv.rows[index].numerator), row.numerator);
      assert.equal(Number(csv.rows[index].denominator), row.denominator);
    }
    assert.match(download.suggestedFilename(), /\.csv$/);

    // The XLSX link gives a workbook (a zip file).
    const [xlsx] = await Promise.all([page.waitForEvent('download'), trend.locator('[data-download="trend-xlsx"]').click()]);
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
    assert.equal(readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1'), 'PK');

    // The comparison of municipalities shows the trend's latest period; its hidden table (the
    // chart's text alternative) holds the API's values for every municipality.
    const latest = api.rows[api.rows.length - 1].period;
    const compareParams = { indicator: params.indicator, period: latest, unit_type: 'municipality', sex: 'all', age_group: 'all' };
    const compareQuery = `api/indicators?${new URLSearchParams(compareParams)}`;
    const comparison = page.locator(`section[data-query="${compareQuery}"]`);
    await comparison.waitFor();
    assert.ok(await comparison.locator('[data-chart="compare"] svg').isVisible(), 'the comparison chart is drawn');
    const compareApi = await (await context.request.get(`${server.base}${compareQuery}`)).json();
    assert.ok(compareApi.rows.length >= 2, 'several municipalities to compare');
    const compareShown = await comparison.locator('table[data-table="compare"] tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-unit'), row.querySelectorAll('td')[2].getAttribute('data-value')]),
    );
    assert.deepEqual(
      compareShown.sort(),
      compareApi.rows.map((r) => [r.unit, asCell(r.value)]).sort(),
    );

    // English switch: texts and <html lang> change, and the choice survives a reload.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('link', { name: 'Indicators' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Indicators' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the public sees suppressed cells as suppressed, with the words for screen readers', { skip, timeout: 180_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  try {
    // Find, as the public, a monthly municipality cell the server suppresses.
    const query = { indicator: 'readmission_30d', period_type: 'month', unit_type: 'municipality', sex: 'all', age_group: 'all' };
    const all = await (await context.request.get(`${server.base}api/indicators?${new URLSearchParams(query)}`)).json();
    const hidden = all.rows.find((r) => r.suppressed === true);
    assert.ok(hidden, 'the public answer has a suppressed cell');
    assert.equal(hidden.numerator, null);
    assert.equal(hidden.value, null);

    await page.goto(server.base);
    await page.locator('[data-field="session"]', { hasText: 'Inte inloggad' }).waitFor();
    await choose(page, 'indicator', query.indicator);
    await choose(page, 'periodType', query.period_type);
    await choose(page, 'unitType', query.unit_type);
    await choose(page, 'unit', hidden.unit);
    // The same parameters in the order the dashboard puts them.
    const params = { indicator: query.indicator, period_type: query.period_type, unit_type: query.unit_type, unit: hidden.unit, sex: 'all', age_group: 'all' };
    await page.locator(`section[data-query="${trendQuery(params)}"]`).waitFor();
    const row = (await trendTable(page)).find((r) => r.period === hidden.period);
    assert.ok(row, `the table has the period ${hidden.period}`);
    assert.equal(row.suppressed, true);
    assert.equal(row.value, '');
    assert.equal(row.numerator, '');
    assert.match(row.text, /^–\s*undertryckt/);
    const cell = page.locator(`table[data-table="trend"] tr[data-period="${hidden.period}"] [data-suppressed]`).last();
    assert.ok(await cell.isVisible(), 'the suppressed mark is visible');
    assert.equal(await cell.locator('[aria-hidden="true"]').innerText(), '–');
    await page.screenshot({ path: join(artifacts, 'indicators-public-suppressed.png'), fullPage: true });

    // The settlement basis needs a login; the goal view says plainly when there is no assessment.
    await page.getByRole('link', { name: 'Betalningsansvar' }).click();
    await page.locator('[data-empty="basis-login"]').waitFor();
    const goals = await context.request.get(`${server.base}api/goals`);
    await page.getByRole('link', { name: 'Mål' }).click();
    if (goals.status() === 404) {
      await page.locator('[data-empty="goals"]', { hasText: 'Ingen målbedömning i lagret' }).waitFor();
    } else {
      assert.equal(goals.status(), 200);
      await page.locator('[data-table^="goals-"]').first().waitFor();
    }
    await page.screenshot({ path: join(artifacts, 'goals-public.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** The goal tables as shown: per strategy, each row's goal, status and raw value. */
async function goalTables(page) {
  return page.locator('table[data-table^="goals-"]').evaluateAll((tables) =>
    tables.map((table) =>
      [...table.querySelectorAll('tbody tr')].map((row) => {
        return {
          name: row.querySelector('th').textContent,
          value: row.querySelector('td[data-field="value"]').getAttribute('data-value'),
          status: row.querySelector('[data-status]').getAttribute('data-status'),
        };
      }),
    ),
  );
}

/** The same, from the API's answer. */
function apiGoalTables(api) {
  return api.strategies.map((strategy) =>
    strategy.goals.map((goal) => ({ name: goal.name, value: asCell(goal.value), status: goal.status })),
  );
}

test('the goal view shows a pie and a goal table per strategy as the API answers, for the chosen period', { skip, timeout: 180_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  try {
    const api = await (await context.request.get(`${server.base}api/goals`)).json();
    assert.match(api.period, /^\d{4}-T[1-3]$/, 'the default period is a tertial');
    assert.ok(api.periods.includes(api.period));
    assert.ok(api.strategies.length >= 2, 'the example goals have several strategies');
    const statuses = new Set(api.strategies.flatMap((s) => s.goals.map((g) => g.status)));
    assert.ok(statuses.size >= 2, `the example goals get several statuses: ${[...statuses]}`);

    await page.goto(`${server.base}#/mal`);
    await page.locator(`[data-period="${api.period}"]`).waitFor();
    await page.locator('[data-table="goals-0"]').waitFor();
    assert.equal(await page.locator('section.strategy').count(), api.strategies.length);
    for (const [index, strategy] of api.strategies.entries()) {
      const pie = page.locator(`[data-chart="pie-${index}"]`);
      await pie.locator('svg').waitFor();
      assert.equal(await pie.getAttribute('role'), 'img');
      const label = await pie.getAttribute('aria-label');
      assert.ok(label.includes(strategy.name), label);
      assert.ok(label.includes(`${strategy.counts.met} uppfyllda`), label);
      assert.ok(label.includes(`${strategy.counts.not_met} inte uppfyllda`), label);
    }
    assert.deepEqual(await goalTables(page), apiGoalTables(api));
    await page.screenshot({ path: join(artifacts, 'goals-public-assessed.png'), fullPage: true });

    // Another period: the view asks for it and shows its assessment.
    const other = api.periods.find((p) => p !== api.period);
    await choose(page, 'goal-period', other);
    await page.locator(`[data-period="${other}"]`).waitFor();
    const otherApi = await (await context.request.get(`${server.base}api/goals?period=${other}&lang=sv`)).json();
    assert.equal(otherApi.period, other);
    assert.deepEqual(await goalTables(page), apiGoalTables(otherApi));

    // The trend of a goal's indicator and unit draws the goal's target as a line.
    const goal = api.strategies[0].goals.find((g) => g.indicator === 'readmission_30d' && typeof g.target_value === 'number');
    assert.ok(goal, 'the example goals have a target on readmission_30d');
    await page.getByRole('link', { name: 'Indikatorer' }).click();
    await choose(page, 'indicator', goal.indicator);
    await choose(page, 'periodType', 'tertial');
    await choose(page, 'unitType', goal.unit_type);
    await choose(page, 'unit', goal.unit);
    const params = { indicator: goal.indicator, period_type: 'tertial', unit_type: goal.unit_type, unit: goal.unit, sex: 'all', age_group: 'all' };
    const trend = page.locator(`section[data-query="${trendQuery(params)}"]`);
    await trend.waitFor();
    assert.match(await trend.locator('[data-field="reference-lines"]').innerText(), new RegExp(`Målvärde ${goal.target_value.toFixed(1).replace('.', ',')}`));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a region user sees the role, the settlement view as the API answers it, and logs out', { skip, timeout: 180_000 }, async () => {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(`${server.base}#/logga-in`);
    await page.getByLabel('Användarnamn').fill('region');
    await page.getByLabel('Lösenord').fill(password);
    await page.getByLabel('Lösenord').press('Enter');
    await page.locator('[data-field="session"]', { hasText: 'Roll: region' }).waitFor();

    // The settlement summary: the API's rows as a table, or the empty state when it has none.
    const summary = await (await context.request.get(`${server.base}api/settlement/summary`)).json();
    await page.getByRole('link', { name: 'Betalningsansvar' }).click();
    if (summary.rows.length === 0) {
      await page.locator('[data-empty="settlement"]', { hasText: 'Ingen ekonomisk reglering i lagret' }).waitFor();
    } else {
      await page.locator('table[data-table="settlement"]').waitFor();
      assert.equal(await page.locator('table[data-table="settlement"] tbody tr').count(), summary.rows.length);
      // A year without a price (the defaults have none for 2020 and 2021): "pris saknas", never 0 kr.
      const unpriced = summary.rows.find((row) => row.price_missing);
      if (unpriced) {
        assert.equal(unpriced.amount, null);
        const cell = page.locator(`tr[data-municipality="${unpriced.municipality}"][data-month="${unpriced.month}"] td[data-price-missing]`);
        assert.equal(await cell.innerText(), `pris saknas för ${unpriced.price_missing}`);
        await page.locator('[data-note="price-missing"]').waitFor();
      }
    }
    await page.screenshot({ path: join(artifacts, 'settlement-region-user.png'), fullPage: true });

    // Log out: the header and the server agree that nobody is logged in.
    await page.getByRole('link', { name: 'Logga ut' }).click();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.locator('[data-field="session"]', { hasText: 'Inte inloggad' }).waitFor();
    const me = await (await context.request.get(`${server.base}api/me`)).json();
    assert.equal(me.user, null);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
