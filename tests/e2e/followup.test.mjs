// End-to-end: Uppföljning, activities, uppdrag and internal control followed up per period, on the Örebro demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, freshPage, waitSaved, loadDemo, exportAll, pdfText } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const summary = async (page, section = 'akt') =>
  (await page.locator(`#fu-${section}-summary`).innerText()).replace(/\u00a0/g, ' ');

test('Uppföljning at DÅ08 2024: three done and one late are counted, survive a reload, and DÅ04 is unchanged', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/ore24');
  await page.locator('#plan-followup-link').click();
  await page.locator('#fu-akt-grid').waitFor();
  await page.locator('#fu-period').selectOption('DÅ08 2024');
  await page.locator('#fu-akt-summary').filter({ hasText: 'Delår augusti 2024' }).waitFor();
  assert.equal(await summary(page), 'Delår augusti 2024: 100 ej rapporterade. 0 av 100 rapporterade.');
  for (const i of [0, 1, 2]) await page.locator(`#fu-akt-${i}-status`).selectOption('genomford');
  await page.locator('#fu-akt-3-status').selectOption('pagar');
  await page.locator('#fu-akt-3-delayed').check();
  await page.locator('#fu-akt-3-analysis').fill('Försenat av systembytet.');
  const expected = 'Delår augusti 2024: 3 genomförda, 1 pågår (1 försenad), 96 ej rapporterade. 4 av 100 rapporterade.';
  await page.locator('#fu-akt-summary').filter({ hasText: '3 genomförda' }).waitFor();
  assert.equal(await summary(page), expected);
  // the counts table: this period against the one before
  const counts = await page.locator('#fu-akt-counts tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent.trim())));
  assert.deepEqual(counts, [
    ['Genomförd', '3', '0'], ['Pågår', '1', '0'], ['Ej påbörjad', '0', '0'], ['Avbruten', '0', '0'],
    ['Ej rapporterad', '96', '100'], ['Varav försenade', '1', '0'],
  ]);
  // the analysis stayed where it was typed (the table is not rebuilt under the cursor)
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'fu-akt-3-analysis');
  await waitSaved(page);
  await page.reload();
  await page.locator('#fu-akt-grid').waitFor();
  // the page opens on the latest reported period
  assert.equal(await page.locator('#fu-period').inputValue(), 'DÅ08 2024');
  assert.equal(await summary(page), expected);
  assert.equal(await page.locator('#fu-akt-3-analysis').inputValue(), 'Försenat av systembytet.');
  assert.equal(await page.locator('#fu-akt-3-delayed').isChecked(), true);
  // DÅ04 is as it was, and at ÅR the DÅ08 reports are the period before
  await page.locator('#fu-period').selectOption('DÅ04 2024');
  await page.locator('#fu-akt-summary').filter({ hasText: 'Delår april 2024' }).waitFor();
  assert.equal(await summary(page), 'Delår april 2024: 100 ej rapporterade. 0 av 100 rapporterade.');
  await page.locator('#fu-period').selectOption('ÅR 2024');
  await page.locator('#fu-akt-summary').filter({ hasText: 'Helår 2024' }).waitFor();
  assert.equal((await page.locator('#fu-akt-grid tbody tr.fu-row').first().locator('.fu-before').innerText()).trim(), 'Genomförd');
  // only the ones not reported, on request
  await page.locator('#fu-period').selectOption('DÅ08 2024');
  await page.locator('#fu-akt-summary').filter({ hasText: 'Delår augusti 2024' }).waitFor();
  await page.locator('#fu-akt-unreported').check();
  await page.waitForFunction(() => document.querySelectorAll('#fu-akt-grid tr.fu-row').length === 96);
  // the follow-up for Excel: one row per item and period reported
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#fu-csv').click()]);
  assert.match(download.suggestedFilename(), /^uppfoljning-ore24-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await import('node:fs')).readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  assert.equal(csv[0], 'Period;Slag;Under;Text;Status;Försenad;Analys;Start;Slut');
  assert.equal(csv.length, 1 + 140, '100 activities and uppdrag and 40 åtgärder, one period reported');
  assert.equal(csv.filter((l) => l.includes(';Genomförd;')).length, 3);
  assert.ok(csv.some((l) => l.includes(';Pågår;Ja;Försenat av systembytet.;')));
  // the export carries the reports per period (bundle version 4 on)
  const file = JSON.parse((await exportAll(page, env.base)).toString('utf8'));
  assert.equal(file.version, 5);
  const plan = file.plans.find((p) => p.id === 'ore24');
  const reported = plan.nodes.filter((n) => n.type.aktivitet?.followups?.length);
  assert.equal(reported.length, 4);
  assert.deepEqual(reported.find((n) => n.type.aktivitet.followups[0].delayed).type.aktivitet.followups,
    [{ period: 'DÅ08 2024', status: 'pagar', delayed: true, analysis: 'Försenat av systembytet.' }]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Uppföljning keys: Enter goes down a column, Shift+Enter up, Alt+Enter is a new line; Ctrl+Z takes a status back', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/ore24/uppfoljning?period=DÅ08 2024');
  await page.locator('#fu-akt-grid').waitFor();
  await page.locator('#fu-akt-0-analysis').focus();
  await page.keyboard.type('Rad ett');
  await page.keyboard.press('Alt+Enter');
  await page.keyboard.type('rad två');
  assert.equal(await page.locator('#fu-akt-0-analysis').inputValue(), 'Rad ett\nrad två');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'fu-akt-1-analysis');
  await page.keyboard.press('Shift+Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'fu-akt-0-analysis');
  await page.locator('#fu-akt-1-status').selectOption('avbruten');
  await page.locator('#fu-akt-summary').filter({ hasText: '1 avbruten' }).waitFor();
  await page.keyboard.press('Control+z');
  await page.locator('#fu-akt-summary').filter({ hasNotText: 'avbruten' }).waitFor();
  assert.equal(await page.locator('#fu-akt-1-status').inputValue(), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('risks: scoring one 3 × 4 gives riskvärde 12 and cell (3,4) counts it; the ISK judgement is saknas until entered', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/ore24/uppfoljning?period=DÅ08 2024');
  await page.locator('#risk-matrix').waitFor();
  assert.equal((await page.locator('#risk-cell-3-4').innerText()).split('\n')[0], '0');
  assert.equal(await page.locator('#isk-said').innerText(), 'Saknas: nämnden har inte gjort sin bedömning för året.');
  await page.locator('#risk-list > summary').click();
  await page.locator('#risk-0-l').selectOption('3');
  await page.locator('#risk-0-c').selectOption('4');
  await page.locator('#risk-0-value').filter({ hasText: '12' }).waitFor();
  await page.locator('#risk-cell-3-4 .rm-count').filter({ hasText: '1' }).waitFor();
  await page.getByRole('button', { name: '1 risk: sannolikhet 3, konsekvens 4, riskvärde 12', exact: true }).waitFor();
  await page.locator('#risk-cell-3-4').click();
  await page.locator('#risk-chosen li').filter({ hasText: 'Risk för ohälsa och olycksfall' }).waitFor();
  // the ISK-bedömning: no, with a motivation
  await page.locator('#fu-isk').selectOption('nej');
  await page.locator('#fu-isk-motivation').fill('Två åtgärder är inte genomförda.');
  await page.locator('#isk-said').filter({ hasText: 'inte som tillräcklig' }).waitFor();
  await waitSaved(page);
  await page.reload();
  await page.locator('#risk-matrix').waitFor();
  await page.locator('#risk-cell-3-4 .rm-count').filter({ hasText: '1' }).waitFor();
  assert.equal(await page.locator('#isk-said').innerText(), 'Den interna kontrollen bedöms inte som tillräcklig.');
  assert.equal(await page.locator('#fu-isk-motivation').inputValue(), 'Två åtgärder är inte genomförda.');
  // and in the plan editor the risk says its value
  await page.goto(env.base + '/plan/ore24');
  await page.getByRole('searchbox', { name: /Sök i planen/ }).fill('Risk för ohälsa och olycksfall');
  await page.locator('.search-results button').first().click();
  await page.locator('#risk-value').filter({ hasText: 'Riskvärde: 12 (sannolikhet 3 × konsekvens 4)' }).waitFor();
  // a scale below the assessment is refused at the field, and nothing changes
  await page.getByRole('searchbox', { name: /Sök i planen/ }).fill('Internkontrollplan');
  await page.locator('.search-results button').first().click();
  await page.locator('#risk-scale').selectOption('3');
  await page.locator('.field-error').filter({ hasText: 'en risk är redan bedömd med 4' }).waitFor();
  assert.equal(await page.locator('#risk-scale').inputValue(), '4');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an activity in the plan editor: its report per period, and a start or end that does not read is said at the field', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/ore24');
  await page.getByRole('searchbox', { name: /Sök i planen/ }).fill('Följa upp och hantera förseningar');
  await page.locator('.search-results button').first().click();
  await page.locator('#wr-period').selectOption('DÅ04 2024');
  await page.locator('#wr-status').selectOption('pagar');
  await page.locator('.work-report dd').filter({ hasText: 'Pågår' }).waitFor();
  assert.equal(await page.locator('#wr-period').inputValue(), 'DÅ04 2024', 'the chosen period stays after the change');
  await page.locator('#field-start').fill('2024');
  await page.locator('#field-end').fill('våren');
  await page.locator('.field-error').filter({ hasText: '”våren” är inget år eller datum' }).waitFor();
  await page.locator('#field-end').fill('2023-12-31');
  await page.locator('.field-error').filter({ hasText: 'slutet (31 december 2023) ligger före starten (2024)' }).waitFor();
  await page.locator('#field-end').fill('2024-06-30');
  await page.locator('.field-error').waitFor({ state: 'detached' });
  await waitSaved(page);
  // the Uppföljning page says it is late by date (30 June 2024 has passed, and it is not done)
  await page.goto(env.base + '/plan/ore24/uppfoljning?period=DÅ08 2024');
  await page.locator('#fu-akt-late li').filter({ hasText: 'Följa upp och hantera förseningar' }).waitFor();
  assert.match(await page.locator('#fu-akt-late li').first().innerText(), /slut 30 juni 2024; ej rapporterad/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the printed report of DÅ08 2024 carries Uppdrag och aktiviteter and Intern kontroll with the texts entered', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/ore24/uppfoljning?period=DÅ08 2024');
  await page.locator('#fu-akt-grid').waitFor();
  await page.locator('#fu-akt-0-status').selectOption('genomford');
  await page.locator('#fu-akt-0-analysis').fill('Samverkan med kommunerna är igång.');
  await page.locator('#fu-ik-0-status').selectOption('pagar');
  await page.locator('#fu-ik-0-delayed').check();
  await page.locator('#fu-ik-0-analysis').fill('Arbetsmiljöronderna är försenade.');
  await page.locator('#fu-isk').selectOption('ja');
  await page.locator('#fu-isk-motivation').fill('Kontrollerna fungerar i allt väsentligt.');
  await waitSaved(page);
  await page.goto(env.base + '/plan/ore24/rapport?period=DÅ08 2024');
  await page.locator('#report-control').waitFor();
  assert.equal(await page.locator('#report-isk').innerText(),
    'Den interna kontrollen bedöms som tillräcklig. Kontrollerna fungerar i allt väsentligt.');
  assert.match(await page.locator('#report-work .report-work-counts').innerText(), /^Delår augusti 2024: 1 genomförd, 99 ej rapporterade\.$/);
  await page.emulateMedia({ media: 'print' });
  const pages = await pdfText(await page.pdf({ format: 'A4', printBackground: true }));
  const squash = (s) => s.replace(/\s+/g, '');
  const all = squash(pages.join(' '));
  for (const text of ['Uppdrag och aktiviteter', 'Samverkan med kommunerna är igång.', 'Intern kontroll',
    'Arbetsmiljöronderna är försenade.', 'Den interna kontrollen bedöms som tillräcklig.', 'Riskmatris']) {
    assert.ok(all.includes(squash(text)), `the PDF has ”${text}”`);
  }
  // in the document's order: the measures, then the activities, then the internal control
  assert.ok(all.indexOf(squash('Uppdrag och aktiviteter')) < all.indexOf(squash('Intern kontroll')));
  assert.ok(all.indexOf('Måluppfyllelse') < all.indexOf(squash('Uppdrag och aktiviteter')));
  assert.deepEqual(errors, []);
  await context.close();
});
