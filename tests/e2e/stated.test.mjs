// End-to-end: the report's own grades on Folktandvården Jönköping's Delårsrapport 2 2024 — the måluppfyllelse
// table by who decided, counted as the report counts (4 / 4 / 2 and 4 / 1 / 5 of 10, 2 / 2 / 6 in August 2023),
// the measures where the report and the computation differ and why, the rule set that reproduces the most, and
// the scorecard's columns for kvinnor and män.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, freshPage, waitSaved, loadDemo } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const nbsp = (s) => s.replace(/\u00a0/g, ' ').trim();

/// The values of a row of the måluppfyllelse table: this period's and last year's.
async function rowValues(page, key) {
  const cells = page.locator(`table.report-table tr[data-row="${key}"] td`);
  const now = (await cells.locator('.now').allInnerTexts()).map(nbsp);
  const then = (await cells.locator('.then').allInnerTexts()).map(nbsp);
  return { now, then };
}

test('stated grades: the report\'s tables, the differences and why, the rule set, kept after a reload', async () => {
  const { page, errors, context } = await freshPage(env, { viewport: { width: 1366, height: 900 } });
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/jkp24-ftv/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  assert.equal(await page.locator('#sc-period').inputValue(), 'DÅ08 2024');
  // the first screen says what the report itself says, beside the computed headline
  assert.equal(nbsp(await page.locator('#band-stated').innerText()),
    'Rapporten anger själv: ✓ 8 uppfyllda · ◐ 5 delvis · ✕ 7 ej uppfyllda. Beräkningen bedömer 5 mätetal annorlunda: se varför');
  // the table is split by who decided; computed first
  assert.equal(await page.locator('#mu-split').inputValue(), 'beslut');
  let pol = await rowValues(page, 'beslut-politiskt');
  assert.deepEqual(pol.now, ['4 (40 %)', '2 (20 %)', '4 (40 %)', '1', '11']);
  // counted as the report counts: its two tables, and the 2023 column from its own table
  await page.locator('#mu-counting').selectOption('rapporten');
  await page.locator('#mu-notes').waitFor();
  pol = await rowValues(page, 'beslut-politiskt');
  assert.deepEqual(pol.now, ['4 (40 %)', '4 (40 %)', '2 (20 %)', '0', '10']);
  assert.deepEqual(pol.then.slice(0, 3), ['2023: 2 (20 %)', '2023: 2 (20 %)', '2023: 6 (60 %)']);
  const own = await rowValues(page, 'beslut-eget');
  assert.deepEqual(own.now, ['4 (40 %)', '1 (10 %)', '5 (50 %)', '0', '10']);
  const notes = nbsp(await page.locator('#mu-notes').innerText());
  assert.match(notes, /rapporten bedömer inte ”Andel kariesfria 19-åringar”/);
  assert.match(notes, /Delår augusti 2023, beslutade av fullmäktige eller nämnd: rapportens egen tabell, rad 3142–3164/);
  // the differences, each with the report's words, its line and why
  assert.equal(nbsp(await page.locator('#stated-summary').innerText()),
    'Rapporten bedömer 20 mätetal i Delår augusti 2024. Beräkningen (regeluppsättningen Standard) ger samma bedömning för 15 och en annan för 5:');
  const rows = page.locator('#stated-differences tbody tr');
  assert.equal(await rows.count(), 5);
  const queue = rows.filter({ hasText: 'minskning av kö' });
  assert.match(nbsp(await queue.locator('td[data-label="Rapporten"]').innerText()), /Delvis uppfyllt.*\(rad 3168–3169\)/s);
  assert.match(nbsp(await queue.locator('td[data-label="Beräknat"]').innerText()), /Ej uppfyllt/);
  assert.match(nbsp(await queue.locator('td.why').innerText()), /avståndet till målvärdet är 10 % av målvärdet.*minst 10 % blir den delvis/);
  // the scorecard row says the report's grade beside its own
  const queueRow = page.locator('table.score-table tr.measure-row').filter({ hasText: 'minskning av kö' });
  assert.equal(nbsp(await queueRow.locator('.badge').innerText()), '✕ Ej uppfyllt');
  assert.equal(nbsp(await queueRow.locator('.stated-grade').innerText()), 'Rapporten: delvis uppfyllt');
  // the rule sets say how many they reproduce; Rapportnära is taken into use
  assert.match(nbsp(await page.locator('#rule-sets li[data-key="standard"]').innerText()), /\(används\).*för 15 av 20/);
  assert.match(nbsp(await page.locator('#rule-sets li[data-key="rapportnara"]').innerText()), /för 17 av 20/);
  await page.locator('#use-rules-rapportnara').click();
  await page.locator('#stated-summary', { hasText: 'Rapportnära' }).waitFor();
  await waitSaved(page);
  assert.equal(await rows.count(), 3);
  assert.equal(nbsp(await queueRow.locator('.badge').innerText()), '◐ Delvis uppfyllt');
  assert.equal(await queueRow.locator('.stated-grade').count(), 0);
  // a reload keeps the plan's rule set
  await page.reload();
  await page.locator('#stated-summary').waitFor();
  assert.match(nbsp(await page.locator('#stated-summary').innerText()), /regeluppsättningen Rapportnära\) ger samma bedömning för 17 och en annan för 3:/);
  assert.equal(await page.locator('#rs-tol').inputValue(), '15');
  assert.deepEqual(errors, []);
  await context.close();
});

test('kvinnor and män: the scorecard shows the total, both sexes and their difference in procentenheter', async () => {
  const { page, errors, context } = await freshPage(env, { viewport: { width: 1366, height: 900 } });
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  assert.equal(await page.locator('table.score-table thead th').count(), 4);
  await page.locator('#sc-sexes').check();
  await page.locator('table.score-table.with-sexes').waitFor();
  const heads = (await page.locator('table.score-table thead th').allInnerTexts()).map(nbsp);
  assert.deepEqual(heads.slice(3, 7), ['Totalt', 'Kvinnor', 'Män', 'K–M']);
  // every row with both values: the difference is kvinnor − män, in p.e. for a share
  const num = (s) => Number(s.replace(/[^\d,−-]/g, '').replace(',', '.').replace('−', '-'));
  let checked = 0;
  for (const row of await page.locator('table.score-table tr.measure-row').all()) {
    const k = nbsp(await row.locator('td[data-label="Kvinnor"]').innerText());
    const m = nbsp(await row.locator('td[data-label="Män"]').innerText());
    const d = nbsp(await row.locator('td[data-label="Skillnad K–M"]').innerText());
    if (!k || k === '–' || m === '–') continue;
    const want = Math.round((num(k) - num(m)) * 100) / 100;
    assert.ok(Math.abs(num(d) - want) < 0.006, `${k} − ${m} ≠ ${d}`);
    if (k.endsWith('%')) assert.match(d, / p\.e\.$/);
    checked += 1;
  }
  assert.ok(checked >= 1, 'no measure with values for both sexes');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the report\'s grade of a measure is entered in its details and counted; a reader of the publication sees the differences', async () => {
  const { page, errors, context } = await freshPage(env, { viewport: { width: 1366, height: 900 } });
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/jkp24-ftv/styrkort');
  const row = page.locator('table.score-table tr.measure-row').filter({ hasText: 'basala hygienrutiner' });
  await row.getByRole('button').click();
  // the details say what the report says, in its words and with its line
  assert.equal(nbsp(await page.locator('#stated-verdict').innerText()),
    'Rapporten: ✓ Uppfyllt ”Följsamhet till basala hygienrutiner och klädregler (uppfyllt)” (rad 3188)');
  assert.equal(await page.locator('#stated-grade').inputValue(), 'uppfyllt');
  // corrected to what the numbers say: one difference fewer, and the report's count follows
  await page.locator('#stated-grade').selectOption('ej_uppfyllt');
  await page.locator('#stated-summary', { hasText: 'samma bedömning för 16' }).waitFor();
  await waitSaved(page);
  assert.equal(await page.locator('#stated-differences tbody tr').count(), 4);
  assert.match(nbsp(await page.locator('#band-stated').innerText()), /✓ 7 uppfyllda · ◐ 5 delvis · ✕ 8 ej uppfyllda\. Beräkningen bedömer 4 mätetal annorlunda/);
  await page.reload();
  await page.locator('#stated-summary', { hasText: 'samma bedömning för 16' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  // the published demo: the differences and the rule sets are there to read, with nothing to press
  const reader = await freshPage(env, { viewport: { width: 390, height: 844 } });
  await reader.page.goto(env.base + '/publicerad?bundle=demo%2Fjonkoping-matetal-2024.verksam.json&plan=jkp24-ftv');
  await reader.page.locator('#stated-vs-computed').waitFor();
  assert.match(nbsp(await reader.page.locator('#stated-summary').innerText()), /Rapporten bedömer 20 mätetal i Delår augusti 2024\..* samma bedömning för 15 och en annan för 5:/);
  assert.equal(await reader.page.locator('#stated-differences tbody tr').count(), 5);
  assert.equal(await reader.page.locator('#rule-sets button').count(), 0);
  const wide = await reader.page.evaluate(() => document.documentElement.scrollWidth);
  assert.equal(wide, 390, 'nothing wider than the phone');
  assert.deepEqual(reader.errors, []);
  await reader.context.close();
});
