// End-to-end: the scorecard as a strategist uses it on the Norrbotten demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, freshPage, waitSaved, loadDemo } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const MEASURE = /Andelen barn och unga som blir färdigbehandlade/;

/// Counts of the "Hela planen" row for this period: [uppfyllda, delvis, ej, ej bedömbara, mäts].
async function planCounts(page) {
  const cells = await page.locator('table.report-table tr[data-row="plan"] td').allInnerTexts();
  return cells.slice(0, 5).map((c) => parseInt(c, 10));
}

function rowOf(page) {
  return page.locator('table.score-table tr.measure-row').filter({ has: page.getByRole('button', { name: MEASURE }) });
}

test('scorecard: change an outcome, grade, rollup and counts follow; reload keeps it; CSV matches the page', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  // opens at the April report
  assert.equal(await page.locator('#sc-period').inputValue(), 'DÅ04 2022');
  const row = rowOf(page);
  assert.equal((await row.locator('.badge').innerText()).trim(), '✕ Ej uppfyllt');
  assert.match(await row.locator('.sc-reason').innerText(), /67,4\s%\smot målvärde ≥ 70\s%; inte bättre än samma period i fjol, 68,1\s%/);
  const before = await planCounts(page);
  // the goal above it (Framgångsfaktor) before the change
  await row.getByRole('button').click();
  await page.locator('#out-tot').waitFor();
  assert.equal(await page.locator('#out-tot').inputValue(), '67,4');
  await page.locator('#out-tot').fill('72');
  await page.locator('#out-tot').press('Tab');
  await page.locator('.verdict .badge', { hasText: 'Uppfyllt' }).waitFor();
  assert.equal((await row.locator('.badge').innerText()).trim(), '✓ Uppfyllt');
  const after = await planCounts(page);
  assert.equal(after[0], before[0] + 1, 'one more uppfyllt');
  assert.equal(after[2], before[2] - 1, 'one less ej uppfyllt');
  assert.equal(after[4], before[4], 'the same number measured');
  await waitSaved(page);

  await page.reload();
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  assert.equal((await rowOf(page).locator('.badge').innerText()).trim(), '✓ Uppfyllt');
  assert.deepEqual(await planCounts(page), after);

  // CSV export says what the page says, row for row
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exportera resultat (CSV)' }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFPeriod;'), 'UTF-8 BOM and semicolons for Excel');
  const lines = csv.trim().split('\r\n');
  const shown = await page.locator('table.score-table tr.measure-row').count();
  assert.equal(lines.length - 1, shown, 'one CSV row per measure on the page');
  const line = lines.find((l) => MEASURE.test(l));
  const reason = (await rowOf(page).locator('.sc-reason').innerText()).replace(/\u00a0/g, ' ');
  assert.ok(line.includes(';72;'), line);
  assert.ok(line.includes(';Uppfyllt;Uppfyllt;'), line);
  assert.ok(line.includes(reason.includes(';') ? `"${reason}"` : reason), `${line}\n${reason}`);
  // every period with data: one row per measure and period followed up
  const [all] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Alla perioder (CSV)' }).click(),
  ]);
  const allLines = fs.readFileSync(await all.path(), 'utf8').trim().split('\r\n');
  assert.ok(allLines.length > lines.length);
  assert.ok(allLines.some((l) => l.startsWith('Tertial 1 2021;')) && allLines.some((l) => l.startsWith('Delår april 2022;')));
  assert.deepEqual(errors, []);
  await context.close();
});

test('scorecard: filter ej uppfyllda, and a manual grade needs a motivation and is kept beside the computed one', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  const all = await page.locator('table.score-table tr.measure-row').count();
  await page.getByLabel('Visa endast ej uppfyllda').check();
  const badges = await page.locator('table.score-table tr.measure-row .badge').allInnerTexts();
  assert.ok(badges.length > 0 && badges.length < all);
  for (const b of badges) assert.equal(b.trim(), '✕ Ej uppfyllt');
  assert.equal(badges.length, (await page.locator('table.report-table tr[data-row="plan"] td').nth(2).innerText()).split(' ')[0] * 1);

  await rowOf(page).getByRole('button').click();
  await page.locator('#manual-grade').selectOption('delvis');
  await page.getByRole('button', { name: 'Spara bedömning' }).click();
  assert.match(await page.getByRole('alert').innerText(), /motivering/);
  await page.locator('#manual-motivation').fill('Mätningen påverkades av semesterstängning');
  await page.getByRole('button', { name: 'Spara bedömning' }).click();
  await page.locator('.verdict', { hasText: 'beräknat: Ej uppfyllt' }).waitFor();
  assert.equal((await page.locator('.verdict .badge').innerText()).trim(), '◐ Delvis uppfyllt');
  // the filter now hides it: it is no longer ej uppfyllt
  assert.equal(await rowOf(page).count(), 0);
  await waitSaved(page);
  await page.reload();
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  assert.match(await rowOf(page).locator('.badge').getAttribute('class'), /g-delvis/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('scorecard: editing a target and the plan settings regrades at once', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  await rowOf(page).getByRole('button').click();
  await page.getByText('Redigera mål och bedömningsgrund').click();
  // 67,4 % against ≥ 70 %: lower the target to 65 %
  await page.locator('#t0-value').fill('65');
  await page.locator('#t0-value').press('Tab');
  await page.locator('.verdict .badge', { hasText: 'Uppfyllt' }).waitFor();
  assert.match(await page.locator('.verdict .reason').innerText(), /mot målvärde ≥ 65/);
  // a bad number is refused with a message and changes nothing
  await page.locator('#t0-value').fill('sextio');
  await page.locator('#t0-value').press('Tab');
  assert.match(await page.getByRole('alert').first().innerText(), /inte ett tal/);
  assert.match(await page.locator('.verdict .reason').innerText(), /mot målvärde ≥ 65/);
  // the history grid takes women's and men's values per period; with both, the bars and the gap show
  await page.getByLabel('Kvinnor, Delår april 2022').fill('64');
  await page.getByLabel('Kvinnor, Delår april 2022').press('Tab');
  await page.getByLabel('Män, Delår april 2022').fill('70,5');
  await page.getByLabel('Män, Delår april 2022').press('Tab');
  await page.locator('.sex-bars').waitFor();
  assert.match(await page.locator('.sex-bars').innerText(), /Skillnad: −6,5\sp\.e\./);
  // worst-of rollup: the measure's perspective row turns to its worst grade
  await page.getByText('Inställningar för bedömning och sammanvägning').click();
  await page.locator('#rs-method').selectOption('samsta');
  await page.locator('table.score-table tr.node-row .badge').first().waitFor();
  await waitSaved(page);
  await page.reload();
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  // the option's value is the method's key in the bundle; the reader sees its label
  assert.equal(await page.locator('#rs-method').inputValue(), 'samsta');
  assert.equal((await page.locator('#rs-method option:checked').textContent()).trim(), 'Sämsta utfall');
  assert.equal((await rowOf(page).locator('.badge').innerText()).trim(), '✓ Uppfyllt');
  assert.deepEqual(errors, []);
  await context.close();
});

test('scorecard: the first screen says how the period went, and why each perspective has its grade', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  // the headline, above everything else on the page
  const headline = page.locator('#summary-h');
  assert.equal((await headline.innerText()).trim(),
    'Delår april 2022: 2 uppfyllda, 3 delvis, 9 ej uppfyllda av 14 bedömda styrmått (11 kan inte bedömas)');
  const [bandTop, tableTop] = await Promise.all([headline.boundingBox(), page.locator('table.score-table').boundingBox()]);
  assert.ok(bandTop.y < tableTop.y);
  // a bar per perspective, its counts in words and icons, adding up to the headline
  const parts = page.locator('.band-parts li');
  assert.ok(await parts.count() >= 3);
  let failed = 0;
  for (const line of await page.locator('.band-parts .part-counts').allInnerTexts()) {
    assert.match(line, /^(✓|◐|✕|–) \d+ /);
    failed += Number((line.match(/✕ (\d+) ej uppfyll/) || [0, 0])[1]);
  }
  assert.equal(failed, 9);
  // the perspective rows say why in words, naming a failed measure
  const ekonomi = page.locator('table.score-table tr.node-row').filter({ hasText: 'Ekonomi' }).first();
  assert.match(await ekonomi.innerText(),
    /Kan inte bedömas: bara 1 av 3 mått har utfall \(minst hälften krävs\)\. Det bedömda måttet är ej uppfyllt\./);
  // the måluppfyllelse table: shares of the assessed measures (2 of 14), this period against April 2021
  const planCells = await page.locator('table.report-table tr[data-row="plan"] td').allInnerTexts();
  assert.equal(planCells.length, 5);
  const plan = page.locator('table.report-table tr[data-row="plan"] td');
  assert.equal((await plan.first().locator('.now').innerText()).trim(), '2 (14,3\u00a0%)');
  // last year's value under this period's
  assert.equal((await plan.first().locator('.then').innerText()).trim(), '2021: 0 (0\u00a0%)');
  assert.equal(await page.locator('#mu-no-compare').count(), 0);
  // August 2022 has no outcomes yet, nor had August 2021: the headline says so, and no empty comparison is shown
  await page.locator('#sc-period').selectOption('DÅ08 2022');
  await page.locator('#mu-no-compare').waitFor();
  assert.match(await headline.innerText(), /^Delår augusti 2022: \d+ styrmått följs upp men har inga utfall ännu$/);
  assert.match(await page.locator('#mu-no-compare').innerText(), /Jämförelse med Delår augusti 2021 visas inte: den perioden har inga bedömda utfall/);
  assert.equal(await page.locator('table.report-table tr[data-row="plan"] td .then').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('scorecard: the history chart of a measure has an axis from 0 %, its periods, its values and the target', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  await rowOf(page).getByRole('button').click();
  const chart = page.locator('.detail-panel svg.history-chart');
  await chart.waitFor();
  const ticks = await chart.locator('text.tick').allTextContents();
  assert.equal(ticks[0], '0\u00a0%', 'a share starts at 0 %');
  assert.ok(ticks.length >= 3);
  assert.deepEqual(await chart.locator('text.period').allTextContents(), ['T1 2021', 'DÅ04 2022']);
  assert.deepEqual(await chart.locator('.s-total text.value').allTextContents(), ['68,1', '67,4']);
  assert.equal((await page.locator('.detail-panel .chart-legend .target-label').textContent()).trim(), 'Mål ≥ 70\u00a0%');
  // the target line lies above both points (both are below 70 %)
  const targetY = Number(await chart.locator('line.target').getAttribute('y1'));
  for (const cy of await chart.locator('.s-total circle').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cy'))))) {
    assert.ok(cy > targetY);
  }
  assert.match(await chart.getAttribute('aria-label'), /Utfall över tid \(%\): Tertial 1 2021 68,1\s%; Delår april 2022 67,4\s%\. Mål ≥ 70\s%/);
  // an outcome entered for the period shows in the chart and the history grid at once
  await page.locator('#out-tot').fill('72');
  await page.locator('#out-tot').press('Tab');
  await page.waitForFunction(() => [...document.querySelectorAll('.detail-panel svg.history-chart .s-total text.value')].map((t) => t.textContent).join('|') === '68,1|72');
  assert.equal(await page.locator('#hist-DÅ04-2022-tot').inputValue(), '72');
  // a period without outcomes gets its row and its point the moment one is entered
  await page.locator('#sc-period').selectOption('DÅ08 2022');
  await page.locator('#out-tot').fill('74,5');
  await page.locator('#out-tot').press('Tab');
  await page.locator('#hist-DÅ08-2022-tot').waitFor();
  assert.equal(await page.locator('#hist-DÅ08-2022-tot').inputValue(), '74,5');
  assert.deepEqual(await chart.locator('text.period').allTextContents(), ['T1 2021', 'DÅ04 2022', 'DÅ08 2022']);
  assert.deepEqual(errors, []);
  await context.close();
});
