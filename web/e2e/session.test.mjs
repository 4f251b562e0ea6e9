// Issue 17 item 3 and issue 12 (web): what the dashboard kept for a logged-in user must not be
// shown to the public after logout. The server suppresses far more for the public than the
// ingest did (`nara serve --suppress 1000`, the most it takes), so the region-level base-year
// values that the region user sees are hidden from the public; the test looks at the goal and
// trend views as the region user, logs out, and compares what the page then shows with what a
// fresh public page shows.
// Also checks the module rule: views import only non-view modules.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, launchBrowser, newPage, password, prerequisites, root, startServer } from './support.mjs';

const skip = prerequisites();
let server;
let browser;

before(async () => {
  if (skip) return;
  assertBuilt();
  server = await startServer({ serveArgs: ['--suppress', '1000'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function choose(page, field, value) {
  await page.locator(`select[data-field="${field}"]`).selectOption(value);
}

/** The goal view's tables as text (values, statuses, reasons). */
async function goalsShown(page) {
  await page.goto(`${server.base}#/mal`);
  await page.locator('[data-table="goals-0"]').waitFor();
  return page.locator('table[data-table^="goals-"]').evaluateAll((tables) => tables.map((table) => table.innerText));
}

/** The trend of `goal`'s series: the reference-line note and the table, as text. */
async function trendShown(page, goal) {
  await page.getByRole('link', { name: 'Indikatorer' }).click();
  await choose(page, 'indicator', goal.indicator);
  await choose(page, 'periodType', 'tertial');
  await choose(page, 'unitType', goal.unit_type);
  await choose(page, 'unit', goal.unit);
  const query = new URLSearchParams({
    indicator: goal.indicator,
    period_type: 'tertial',
    unit_type: goal.unit_type,
    unit: goal.unit,
    sex: 'all',
    age_group: 'all',
  });
  const section = page.locator(`section[data-query="api/indicators?${query}"]`);
  await section.waitFor();
  return { note: await section.locator('[data-field="reference-lines"]').innerText(), text: await section.innerText() };
}

test('after logout the public sees exactly what a fresh public session sees', { skip, timeout: 240_000 }, async () => {
  const publicApi = await (await fetch(`${server.base}api/goals?lang=sv`)).json();
  const publicGoals = new Map(publicApi.strategies.flatMap((s) => s.goals).map((g) => [g.id, g]));
  const user = await newPage(browser);
  let userNote;
  try {
    const { page } = user;
    await page.goto(`${server.base}#/logga-in`);
    await page.getByLabel('Användarnamn').fill('region');
    await page.getByLabel('Lösenord').fill(password);
    await page.getByLabel('Lösenord').press('Enter');
    await page.locator('[data-field="session"]', { hasText: 'Roll: region' }).waitFor();
    await goalsShown(page);
    // A goal with a base year whose base value the region user gets and the public does not:
    // the base value is a reference line of the trend.
    const full = await (await user.context.request.get(`${server.base}api/goals?lang=sv`)).json();
    // The trend draws the lines of the first goal on its series, so the goal must be that one.
    const fullGoals = full.strategies.flatMap((s) => s.goals);
    const series = (g) => [g.indicator, g.unit_type, g.unit, g.sex, g.age_group].join('|');
    const goal = fullGoals
      .filter((g) => fullGoals.find((other) => series(other) === series(g)) === g)
      .find(
        (g) =>
          g.indicator &&
          g.sex === 'all' &&
          g.age_group === 'all' &&
          typeof g.base_value === 'number' &&
          publicGoals.get(g.id)?.base_value === null,
      );
    assert.ok(goal, 'a goal whose base value only the region user sees');
    userNote = (await trendShown(page, goal)).note;
    assert.match(userNote, new RegExp(`Basår ${goal.base_year}`), 'the logged-in trend draws the base-year line');

    await page.getByRole('link', { name: 'Logga ut' }).click();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.locator('[data-field="session"]', { hasText: 'Inte inloggad' }).waitFor();
    const afterLogout = { trend: await trendShown(page, goal), goals: await goalsShown(page) };

    const fresh = await newPage(browser);
    try {
      await fresh.page.goto(server.base);
      await fresh.page.locator('[data-field="session"]', { hasText: 'Inte inloggad' }).waitFor();
      const freshView = { trend: await trendShown(fresh.page, goal), goals: await goalsShown(fresh.page) };
      assert.deepEqual(afterLogout, freshView);
      assert.doesNotMatch(afterLogout.trend.note, /Basår/, 'no base-year line from the logged-in answer');
      assert.notEqual(afterLogout.trend.note, userNote);
      assert.deepEqual(fresh.errors, []);
    } finally {
      await fresh.context.close();
    }
    assert.deepEqual(user.errors, []);
  } finally {
    await user.context.close();
  }
});

test('views import only non-view modules', () => {
  const views = join(root, 'web', 'src', 'views');
  for (const file of readdirSync(views).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(views, file), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    const fromViews = imports.filter((path) => path.startsWith('./') || path.startsWith('../views/'));
    assert.deepEqual(fromViews, [], `${file} imports views`);
  }
});
