// Accessibility: every page passes axe-core's WCAG 2.1 A/AA rules with no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, freshPage, loadDemo, openMore, exportAll, importBytes } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const AXE = path.join(here, 'node_modules/axe-core/axe.min.js');

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/// Serious and critical WCAG 2.1 A/AA violations on the page as it is now, as readable lines.
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return result;
}

test('axe: no serious or critical violations on any page', async () => {
  // axe is injected as a script of the test's own, which the app's Content-Security-Policy would refuse
  const { page, errors, context } = await freshPage(env, { bypassCSP: true });
  const found = {};
  const check = async (name) => { found[name] = await violations(page); };

  await page.goto(env.base + '/');
  await page.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  await check('start (empty)');
  await loadDemo(page, env.base);
  await check('start (plans)');

  await page.goto(env.base + '/plan/ore24');
  await page.locator('.tree').first().waitFor();
  await page.getByRole('treeitem', { name: /Invånare och samhälle/ }).first().click();
  await page.locator('#field-text').waitFor();
  await check('plan page with an item selected');

  // a new measure in one place: the target read while typed, then the confirmation with its grade
  await page.goto(env.base + '/plan/nbd22');
  await page.locator('.tree button.node').filter({ hasText: 'Ett livskraftigt län' }).click();
  await page.locator('#nm-name').fill('Andel som får tid inom 90 dagar');
  await page.locator('#nm-target').fill('Minst 90 %');
  await page.locator('#nm-reading').filter({ hasText: 'Läses som' }).waitFor();
  await check('plan page, a new measure being typed');
  await page.locator('#nm-outcome').fill('92');
  await page.locator('#nm-outcome').press('Enter');
  await page.locator('#nm-done').waitFor();
  await check('plan page, a measure added');
  // a measure selected: its target as text with Tolka texten, ids under Teknisk information
  await page.locator('.tree button.node').filter({ hasText: 'Andel som får tid inom 90 dagar' }).click();
  await page.locator('#ne-reparse').waitFor();
  await check('plan page, a measure selected');

  await page.goto(env.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  await page.locator('table.score-table tr.measure-row').first().getByRole('button').click();
  await page.locator('#out-tot').waitFor();
  await check('scorecard with a measure open');
  await page.locator('#present-start').click();
  await page.locator('#presentation').waitFor();
  await check('presentation, title slide');
  await page.keyboard.press('ArrowRight');
  await page.locator('#presentation .slide-report').waitFor();
  await check('presentation, måluppfyllelse');
  await page.keyboard.press('Escape');
  await page.locator('#publish-open').click();
  await page.locator('#publish-box').waitFor();
  await check('scorecard with the publish box');

  // the report's own grades beside the computed ones, counted in the table by who decided; women and men
  await page.goto(env.base + '/plan/jkp24-ftv/styrkort');
  await page.locator('#stated-differences').waitFor();
  await page.locator('#mu-counting').selectOption('rapporten');
  await check('scorecard with the report\'s own grades');
  await page.goto(env.base + '/plan/nbd22/styrkort');
  await page.locator('#sc-sexes').check();
  await page.locator('table.score-table.with-sexes').waitFor();
  await check('scorecard with kvinnor and män');

  await page.goto(env.base + '/plan/nbd22/rapport');
  await page.locator('#report .report-perspective').first().waitFor();
  await check('printable report');

  // Rapportera period with a cell that does not read and a paste waiting for its choice
  await page.goto(env.base + '/plan/nbd22/rapportera');
  await page.locator('#g-0-0').waitFor();
  await page.locator('#g-1-1').fill('tolv');
  await page.locator('#g-1-1-fel').waitFor();
  await page.locator('#g-0-0').focus();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '1\t2\r\nx\t4\r\n');
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.locator('#paste-preview').waitFor();
  await check('report grid with a paste preview');

  // Uppföljning with a report, a late item, a chosen risk cell and the ISK judgement
  await page.goto(env.base + '/plan/ore24/uppfoljning?period=DÅ08 2024');
  await page.locator('#fu-akt-grid').waitFor();
  await page.locator('#fu-akt-0-status').selectOption('pagar');
  await page.locator('#fu-akt-0-delayed').check();
  await page.locator('#risk-list > summary').click();
  await page.locator('#risk-0-l').selectOption('3');
  await page.locator('#risk-0-c').selectOption('4');
  await page.locator('#risk-cell-3-4').click();
  await page.locator('#risk-chosen').waitFor();
  await page.locator('#fu-isk').selectOption('nej');
  await page.locator('#fu-isk-motivation').waitFor();
  await check('Uppföljning');
  // a risk and an activity's report in the plan editor
  await page.goto(env.base + '/plan/ore24');
  await page.getByRole('searchbox', { name: /Sök i planen/ }).fill('Följa upp och hantera förseningar');
  await page.locator('.search-results button').first().click();
  await page.locator('#wr-status').waitFor();
  await check('plan page, an activity with its report');

  // the published view (a shipped demo bundle is a publication too)
  await page.goto(env.base + '/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  await page.locator('table.score-table tr.measure-row').first().getByRole('button').click();
  await page.locator('.detail-panel .verdict').waitFor();
  await check('published view with a measure open');
  await openMore(page);
  await check('published view, the Mer menu open');
  await page.locator('#published-report').click();
  await page.locator('#report .report-perspective').first().waitFor();
  await check('published view, report');
  // a published plan with its internal control (the ISK judgement, the matrix, the åtgärder)
  await page.goto(env.base + '/publicerad?bundle=demo/orebro-ftv-plan-2024.verksam.json');
  await page.locator('#report-control').waitFor();
  await check('published view with Intern kontroll');
  await page.goto(env.base + '/publicerad?bundle=demo/orebro-stv-actionplan-2022-2035.verksam.json');
  await page.locator('#published-timeline').waitFor();
  await check('published action plan with its timeline');
  await page.goto(env.base + '/publicerad?bundle=finns-inte.json');
  await page.locator('#published-error').waitFor();
  await check('published view, missing file');

  await page.goto(env.base + '/data');
  await page.getByRole('heading', { name: 'Import och export' }).waitFor();
  await check('import and export');
  // the in-page question before what cannot be undone
  await page.locator('#clear-all').click();
  await page.locator('#clear-all-fraga').waitFor();
  await check('import and export, Radera all data asked');
  await page.locator('#clear-all-avbryt').click();
  // the import table with a changed, a new and identical plans (the identical ones unfolded)
  const file = JSON.parse((await exportAll(page, env.base)).toString('utf8'));
  file.plans[0].title = 'Ändrad i filen';
  file.plans[0].updated_at = '2099-01-01T00:00:00Z';
  file.plans.push({ ...file.plans[1], id: 'ny-plan', title: 'Ny plan' });
  await importBytes(page, env.base, 'kollega.json', Buffer.from(JSON.stringify(file)));
  await page.locator('#import-summary').waitFor();
  await page.locator('.imp-identical > summary').click();
  await check('import table');
  await page.getByRole('button', { name: 'Avbryt' }).click();

  await page.goto(env.base + '/taxor');
  await page.getByRole('link', { name: 'Folktandvården Jönköping – taxa 2025' }).waitFor();
  await check('tariffs');

  await page.goto(env.base + '/taxa/jonkoping-ftv-taxa-2025');
  await page.locator('#price-0').waitFor();
  await page.locator('#price-300').scrollIntoViewIfNeeded();
  await page.locator('#verdict-propose').click();
  await page.locator('#bar-apply').waitFor();
  await check('tariff, the proposal beside the sticky verdict');
  await page.locator('#proposal-result').waitFor();
  await check('tariff with a proposal');

  await page.goto(env.base + '/taxa/jonkoping-ftv-taxa-2025/jour');
  await page.locator('#jour-summary').waitFor();
  await check('jour');

  await page.goto(env.base + '/patientkostnad');
  await page.locator('#code-search').fill('101');
  await page.getByRole('button', { name: 'Lägg till 101' }).click();
  await page.locator('#patient-pays').waitFor();
  await check('patient cost');

  await page.goto(env.base + '/finns-inte');
  await page.getByRole('heading', { name: 'Sidan finns inte' }).waitFor();
  await check('not found');

  const bad = Object.entries(found).filter(([, v]) => v.length > 0);
  assert.deepEqual(bad, [], bad.map(([k, v]) => `${k}:\n  ${v.join('\n  ')}`).join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});
