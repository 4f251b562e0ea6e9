// Issue 17 item 3 and issue 12 (web): what the dashboard kept for a logged-in user must not be
// shown to the public after logout. The server suppresses far more for the public than the
// ingest did (`nara serve --suppress 100000`), so every goal value the region user sees is
// hidden from the public; the test looks at the goal and trend views as the region user, logs
// out, and compares what the page then shows with what a fresh public page shows.
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
  server = await startServer({ serveArgs: ['--suppress', '100000'] });
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
  // A goal with a base year: its base value is a reference line of the trend.
  const publicApi = await (await fetch(`${server.base}api/goals?lang=sv`)).json();
  const goal = publicApi.strategies
    .flatMap((s) => s.goals)
    .find((g) => g.indicator === 'home_visits' && g.sex === 'all' && g.age_group === 'all');
  assert.ok(goal, 'the example goals have a home_visits goal with a base year');
  assert.equal(goal.base_value, null, 'the public answer hides the base value');
  assert.equal(goal.value, null, 'the public answer hides the value');

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
    const full = await (await user.context.request.get(`${server.base}api/goals?lang=sv`)).json();
    const fullGoal = full.strategies.flatMap((s) => s.goals).find((g) => g.id === goal.id);
    assert.equal(typeof fullGoal.base_value, 'number', 'the region user gets the base value');
    userNote = (await trendShown(page, goal)).note;
    assert.match(userNote, /Basår 2021/, 'the logged-in trend draws the base-year line');

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
