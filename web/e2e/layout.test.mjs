// Browser tests of how the dashboard looks (issue 15's dashboard points): every view at 1280 px
// and 390 px, in Swedish and English, as the public and logged in, with a screenshot of each
// (build/browser-artifacts/layout/) and no horizontal page scroll; the goal table's status in
// view; one number format per indicator kind; charts whose values are all suppressed say so in
// words; the region-vs-county note; bar labels inside the chart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, assertBuilt, launchBrowser, newPage, password, prerequisites, startServer } from './support.mjs';

const skip = prerequisites();
let server;
let browser;
const shots = join(artifacts, 'layout');

before(async () => {
  if (skip) return;
  assertBuilt();
  mkdirSync(shots, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const views = [
  { hash: '#/indikatorer', name: 'indicators', ready: 'section[data-query]' },
  { hash: '#/mal', name: 'goals', ready: '[data-table="goals-0"]' },
  { hash: '#/betalningsansvar', name: 'settlement', ready: '[data-table="settlement"], [data-empty^="settlement"]' },
  { hash: '#/logga-in', name: 'login', ready: 'form, [data-action="logout"]' },
];

/** A page of `width` px in `language`, logged in as `user` (or the public when null). */
async function openAs(width, language, user) {
  const opened = await newPage(browser);
  await opened.page.setViewportSize({ width, height: 900 });
  await opened.page.goto(server.base);
  await opened.page.evaluate((l) => localStorage.setItem('nara.lang', l), language);
  if (user) {
    const answer = await opened.page.request.post(`${server.base}api/login`, { data: { username: user, password } });
    assert.equal(answer.status(), 200);
    await opened.page.reload(); // the shell reads /api/me when it starts
    await opened.page.locator('[data-field="session"]', { hasText: user }).waitFor();
  }
  return opened;
}

/** How far the page scrolls sideways (0 when it does not). */
function sideScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function choose(page, field, value) {
  await page.locator(`select[data-field="${field}"]`).selectOption(value);
}

/** Waits until every chart in the page has drawn (its SVG is there). */
async function chartsDrawn(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('[data-chart]')].every((c) => c.querySelector('svg')));
}

test('every view at 1280 and 390 px, Swedish and English, public and logged in: screenshots, no sideways scroll, goal status in view', { skip, timeout: 600_000 }, async () => {
  for (const user of [null, 'region', 'kommun']) {
    for (const language of ['sv', 'en']) {
      for (const width of [1280, 390]) {
        const { context, page, errors } = await openAs(width, language, user);
        try {
          for (const view of views) {
            await page.goto(`${server.base}${view.hash}`);
            await page.reload();
            await page.locator(view.ready).first().waitFor();
            await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
            await chartsDrawn(page);
            const label = `${view.name}-${user ?? 'public'}-${language}-${width}`;
            await page.screenshot({ path: join(shots, `${label}.png`), fullPage: true });
            assert.equal(await sideScroll(page), 0, `${label}: the page scrolls sideways`);
            if (view.name !== 'goals') continue;
            // The goal tables: whole in their panel at 1280 px (no scrolling inside them either),
            // cards on a phone; every status inside the window.
            const tables = await page.locator('table.goal-table').evaluateAll((elements) =>
              elements.map((table) => ({
                inner: table.parentElement.scrollWidth - table.parentElement.clientWidth,
                statuses: [...table.querySelectorAll('td[data-field="status"] [data-status]')].map((s) => s.getBoundingClientRect().right),
                rows: table.querySelectorAll('tbody tr').length,
              })),
            );
            assert.ok(tables.length > 0, `${label}: goal tables`);
            for (const table of tables) {
              assert.equal(table.inner, 0, `${label}: a goal table scrolls sideways`);
              assert.equal(table.statuses.length, table.rows, `${label}: a status per goal`);
              for (const right of table.statuses) assert.ok(right <= width, `${label}: a status at x=${right} is outside the window`);
            }
            if (width === 390) {
              // One card per goal: each row as wide as the table, its cells stacked.
              const display = await page.locator('table.goal-table tbody tr').first().evaluate((row) => getComputedStyle(row).display);
              assert.equal(display, 'block', `${label}: goal rows are cards on a phone`);
            }
          }
          assert.deepEqual(errors, []);
        } finally {
          await context.close();
        }
      }
    }
  }
});

/** The shown text and raw value of the value cells of a data table. */
function valueCells(page, name, column) {
  return page.locator(`table[data-table="${name}"] tbody tr`).evaluateAll(
    (rows, index) =>
      rows.map((row) => {
        const cell = row.querySelectorAll('td')[index];
        return { text: cell.textContent, value: cell.getAttribute('data-value'), suppressed: !!cell.querySelector('[data-suppressed]') };
      }),
    column,
  );
}

const oneDecimal = { sv: /^−?\d{1,3}(\u00a0\d{3})*,\d$/, en: /^-?\d{1,3}(,\d{3})*\.\d$/ };
const noDecimals = { sv: /^−?\d{1,3}(\u00a0\d{3})*$/, en: /^-?\d{1,3}(,\d{3})*$/ };

test('one number format per indicator kind: shares, means and rates with one decimal ("100,0" beside "87,7"), counts without', { skip, timeout: 180_000 }, async () => {
  const { context, page, errors } = await openAs(1280, 'sv', 'region');
  try {
    const catalog = await (await page.request.get(`${server.base}api/catalog`)).json();
    // A share whose monthly region series has a whole value (e.g. 100 %): it must read "100,0".
    let share = null;
    for (const info of catalog.indicators.filter((i) => i.kind === 'share' && i.unit_types.includes('region'))) {
      const url = `${server.base}api/indicators?indicator=${info.id}&period_type=month&unit_type=region&sex=all&age_group=all`;
      const rows = (await (await page.request.get(url)).json()).rows;
      if (rows.some((r) => r.value !== null && Number.isInteger(r.value)) && rows.some((r) => r.value !== null && !Number.isInteger(r.value))) {
        share = info.id;
        break;
      }
    }
    assert.ok(share, 'a share indicator with a whole and a fractional monthly value');
    await page.goto(`${server.base}#/indikatorer`);
    for (const [indicator, pattern] of [
      [share, oneDecimal],
      ['length_of_stay_mean', oneDecimal],
      ['inpatient_stays_per_100k', oneDecimal],
      ['home_visits', noDecimals],
    ]) {
      await choose(page, 'indicator', indicator);
      await choose(page, 'periodType', 'month');
      await page.locator(`section[data-query*="indicator=${indicator}&"][data-query*="period_type=month"]`).waitFor();
      const cells = (await valueCells(page, 'trend', 2)).filter((c) => !c.suppressed && c.value !== '');
      assert.ok(cells.length > 0, `${indicator}: values`);
      for (const cell of cells) assert.match(cell.text, pattern.sv, `${indicator}: ${cell.value} shown as "${cell.text}"`);
      if (indicator === share) {
        const whole = cells.find((c) => Number.isInteger(Number(c.value)));
        assert.equal(whole.text, `${Number(whole.value).toFixed(0)},0`);
      }
      // The comparison's (hidden) table and the bar labels follow the same rule.
      await page.locator(`section[aria-labelledby="compare-heading"][data-query*="indicator=${indicator}&"]`).waitFor();
      for (const cell of (await valueCells(page, 'compare', 2)).filter((c) => !c.suppressed && c.value !== '')) {
        assert.match(cell.text, pattern.sv, `${indicator} comparison: "${cell.text}"`);
      }
    }
    // The goal table: a share goal's value "13,7 %"; a whole share would be "91,0 %", never "91 %".
    await page.goto(`${server.base}#/mal`);
    await page.locator('[data-table="goals-0"]').waitFor();
    const api = await (await page.request.get(`${server.base}api/goals?lang=sv`)).json();
    const kinds = new Map(catalog.indicators.map((i) => [i.id, i.kind]));
    let checked = 0;
    for (const goal of api.strategies.flatMap((s) => s.goals)) {
      if (goal.value === null || !kinds.has(goal.indicator)) continue;
      const text = await page.locator(`tr[data-goal="${goal.id}"] td[data-field="value"]`).first().innerText();
      const number = text.replace(/\s(%|per\s100\s000|dagar|st)$/u, '').trim();
      const pattern = kinds.get(goal.indicator) === 'count' ? noDecimals.sv : oneDecimal.sv;
      assert.match(number.replace(/ /g, '\u00a0'), pattern, `goal ${goal.id}: "${text}"`);
      checked += 1;
    }
    assert.ok(checked >= 3, 'goal values checked');
    // English: the same rule with the English separators.
    await page.locator('.lang-switch').click();
    await page.getByRole('link', { name: 'Indicators' }).click();
    await choose(page, 'indicator', share);
    await page.locator(`section[data-query*="indicator=${share}&"]`).waitFor();
    for (const cell of (await valueCells(page, 'trend', 2)).filter((c) => !c.suppressed && c.value !== '')) {
      assert.match(cell.text, oneDecimal.en, `${share} (en): "${cell.text}"`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a chart whose values are all suppressed says so in words, in Swedish and English', { skip, timeout: 180_000 }, async () => {
  const { context, page, errors } = await openAs(1280, 'sv', null);
  try {
    // As the public: a municipality whose monthly series of an indicator is suppressed throughout.
    const indicator = 'readmission_30d';
    const url = `${server.base}api/indicators?indicator=${indicator}&period_type=month&unit_type=municipality&sex=all&age_group=all`;
    const rows = (await (await page.request.get(url)).json()).rows;
    const byUnit = new Map();
    const byPeriod = new Map();
    for (const row of rows) {
      byUnit.set(row.unit, [...(byUnit.get(row.unit) ?? []), row]);
      byPeriod.set(row.period, [...(byPeriod.get(row.period) ?? []), row]);
    }
    const hidden = (list) => list.every((r) => r.suppressed === true || r.suppressed === 1 || r.value === null);
    const unit = [...byUnit.entries()].find(([, list]) => hidden(list))?.[0];
    assert.ok(unit, 'a municipality whose every monthly value is suppressed for the public');
    await page.goto(`${server.base}#/indikatorer`);
    await choose(page, 'indicator', indicator);
    await choose(page, 'periodType', 'month');
    await choose(page, 'unitType', 'municipality');
    await choose(page, 'unit', unit);
    const trend = page.locator(`section[data-query*="unit=${unit}&"]`);
    await trend.waitFor();
    const empty = trend.locator('[data-empty="trend-suppressed"]');
    assert.match(await empty.innerText(), /Alla värden i tidsserien är undertryckta/);
    assert.equal(await trend.locator('[data-chart="trend"]').count(), 0, 'no empty chart');
    // The table is still there, every value shown as suppressed.
    assert.ok((await valueCells(page, 'trend', 2)).every((c) => c.suppressed));

    // The comparison of a month in which every municipality is suppressed.
    const month = [...byPeriod.entries()].find(([, list]) => hidden(list))?.[0];
    if (month) {
      await choose(page, 'comparePeriod', month);
      const compare = page.locator(`section[aria-labelledby="compare-heading"][data-query*="period=${month}&"]`);
      await compare.waitFor();
      assert.match(await compare.locator('[data-empty="compare-suppressed"]').innerText(), new RegExp(`Alla enheters värden för ${month} är undertryckta`));
      assert.equal(await compare.locator('[data-chart="compare"]').count(), 0);
    }

    await page.locator('.lang-switch').click();
    await page.locator('[data-empty="trend-suppressed"]').waitFor();
    assert.match(await page.locator('[data-empty="trend-suppressed"]').innerText(), /Every value of this series is suppressed/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('region and county side by side are explained (every stay vs the county\'s residents), in Swedish and English', { skip, timeout: 180_000 }, async () => {
  const { context, page, errors } = await openAs(1280, 'sv', 'region');
  try {
    const catalog = await (await page.request.get(`${server.base}api/catalog`)).json();
    const region = catalog.units.find((u) => u.unit_type === 'region');
    await page.goto(`${server.base}#/indikatorer`);
    await choose(page, 'indicator', 'readmission_30d');
    await choose(page, 'unitType', 'county');
    await choose(page, 'unit', region.unit);
    await page.locator(`section[data-query*="unit_type=county&unit=${region.unit}&"]`).waitFor();
    const note = page.locator('[data-field="region-county-note"]');
    const text = await note.innerText();
    assert.ok(text.includes(`${region.name} (${region.unit})`), text);
    assert.ok(text.includes(`Län ${region.unit}`), text);
    assert.match(text, /alla vårdtillfällen i uttaget, även för invånare i andra län/);
    assert.match(text, /bara länets invånare/);
    // The unit choice names the county "Län 08", not a bare "08".
    assert.equal(await page.locator('select[data-field="unit"] option:checked').innerText(), `Län ${region.unit}`);
    await choose(page, 'unitType', 'region');
    await page.locator(`section[aria-labelledby="trend-heading"][data-query*="unit_type=region&"]`).waitFor();
    assert.equal(await note.count(), 1, 'the note stays beside the region');
    await choose(page, 'unitType', 'municipality');
    await page.locator(`section[aria-labelledby="trend-heading"][data-query*="unit_type=municipality&"]`).waitFor();
    assert.equal(await page.locator('[data-field="region-county-note"]').count(), 0, 'no note for a municipality');
    await choose(page, 'unitType', 'county');
    await page.locator('.lang-switch').click();
    const english = await page.locator('[data-field="region-county-note"]').innerText();
    assert.match(english, /counts every stay in the extract, including residents of other counties/);
    assert.match(english, /counts only the residents of the county/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the comparison\'s bar labels are whole and inside the chart, at 1280 and 390 px', { skip, timeout: 180_000 }, async () => {
  for (const width of [1280, 390]) {
    const { context, page, errors } = await openAs(width, 'sv', 'region');
    try {
      await page.goto(`${server.base}#/indikatorer`);
      await choose(page, 'indicator', 'readmission_30d');
      await choose(page, 'periodType', 'year');
      const chart = page.locator('[data-chart="compare"]');
      await chart.locator('svg').waitFor();
      const names = await page.locator('table[data-table="compare"] tbody th').allInnerTexts();
      assert.ok(names.length >= 5, 'several municipalities compared');
      const { box, texts } = await chart.evaluate((element) => ({
        box: element.getBoundingClientRect().toJSON(),
        texts: [...element.querySelectorAll('svg text')].map((t) => ({ text: t.textContent, ...t.getBoundingClientRect().toJSON() })),
      }));
      for (const text of texts) {
        assert.ok(text.left >= box.left - 0.5 && text.right <= box.right + 0.5, `${width}px: "${text.text}" (${text.left}–${text.right}) outside the chart (${box.left}–${box.right})`);
        assert.ok(!text.text.includes('…'), `${width}px: "${text.text}" is cut`);
      }
      // Every unit name is on the axis in full (a wrapped name is split over lines: joined again).
      const shown = texts.map((t) => t.text).join(' ');
      for (const name of names) {
        for (const word of name.split(' ')) assert.ok(shown.includes(word), `${width}px: "${word}" of "${name}" not on the axis`);
      }
      // The goal's target (17 over values near 14) is on the trend's axis, with its label.
      const trendTexts = await page.locator('[data-chart="trend"] svg text').allTextContents();
      assert.ok(trendTexts.includes('Målvärde'), `${width}px: the target line's label is drawn: ${trendTexts}`);
      await page.screenshot({ path: join(shots, `compare-labels-${width}.png`), fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});
