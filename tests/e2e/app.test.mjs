// End-to-end tests: drive the release build in headless Chromium as a strategist would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, freshPage, waitSaved, loadDemo, exportAll, importBytes } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

function assertLocalOnly(requests) {
  const foreign = requests.filter((u) => !u.startsWith('http://127.0.0.1:') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'requests left 127.0.0.1');
  assert.ok(requests.length > 0);
}

test('first visit offers demo data; the Örebro plan shows 3 perspektiv and 7 effektmål', async () => {
  const { page, requests, errors, context } = await freshPage(env);
  await page.goto(env.base + '/');
  await page.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  for (const name of ['Ladda exempeldata', 'Ny plan']) assert.ok(await page.getByRole('button', { name }).isVisible());
  assert.ok(await page.getByRole('link', { name: 'Importera en fil' }).isVisible());
  await loadDemo(page, env.base);
  const rows = page.locator('table.plans tbody tr');
  // Örebro's plan and action plan, Norrbotten's scorecard, and Jönköping's seven reports
  assert.equal(await rows.count(), 10);
  await page.getByRole('link', { name: 'Verksamhetsplan med budget 2024' }).click();
  await page.locator('.level-counts li[data-level="perspektiv"]').waitFor();
  assert.equal(await page.locator('.level-counts li[data-level="perspektiv"]').innerText(), '3 Perspektiv');
  assert.equal(await page.locator('.level-counts li[data-level="effektmal"]').innerText(), '7 Effektmål');
  // budget tables and the internal control plan are visible
  assert.ok(await page.getByRole('heading', { name: 'Budget', exact: true }).isVisible());
  assert.ok(await page.getByRole('heading', { name: 'Internkontrollplan' }).isVisible());
  assert.ok((await page.locator('table.budget caption').allInnerTexts()).some((c) => c.includes('Resultatbudget')));
  assert.deepEqual(errors, []);
  assertLocalOnly(requests);
  await context.close();
});

test('create a plan, add a goal and a measure, reload: still there; undo with Ctrl+Z', async () => {
  const { page, requests, errors, context } = await freshPage(env);
  await page.goto(env.base + '/');
  await page.getByRole('button', { name: 'Ny plan' }).click();
  await page.getByLabel('Titel').fill('Testplan för e2e');
  await page.getByLabel('Organisation').fill('Tandvårdsnämnden');
  await page.getByRole('button', { name: 'Skapa plan' }).click();
  await page.getByRole('heading', { name: 'Testplan för e2e' }).waitFor();
  // a perspective at top level
  await page.getByRole('button', { name: 'Lägg till på toppnivå' }).click();
  await page.locator('#field-text').fill('Invånare och samhälle');
  // a goal under it
  await page.getByLabel('Ny post').selectOption('mal');
  await page.getByRole('button', { name: 'Lägg till under vald' }).click();
  await page.locator('#field-text').fill('Fler barn kariesfria');
  // a measure under the goal
  await page.getByLabel('Ny post').selectOption('matt');
  await page.getByRole('button', { name: 'Lägg till under vald' }).click();
  await page.locator('#field-text').fill('Andel kariesfria 6-åringar');
  await page.getByLabel('Enhet').fill('%');
  await waitSaved(page);
  await page.reload();
  await page.getByRole('heading', { name: 'Testplan för e2e' }).waitFor();
  const tree = page.locator('ul.tree');
  await tree.getByRole('treeitem', { name: /Invånare och samhälle/ }).waitFor();
  await tree.getByRole('treeitem', { name: /Fler barn kariesfria/ }).waitFor();
  // search finds the measure and reveals it in the tree
  await page.getByLabel('Sök i planen').fill('kariesfria 6');
  await page.getByText('1 träffar').waitFor();
  await page.locator('.search-results').getByRole('button', { name: /Andel kariesfria 6-åringar/ }).click();
  await tree.getByRole('treeitem', { name: /Andel kariesfria 6-åringar/ }).waitFor();
  assert.equal(await page.getByLabel('Enhet').inputValue(), '%');
  // undo/redo: typing is one step
  await page.locator('#field-text').fill('Ändrad text');
  await tree.getByRole('treeitem', { name: /Ändrad text/ }).waitFor();
  await page.locator('body').click({ position: { x: 5, y: 800 } });
  await page.keyboard.press('Control+z');
  await tree.getByRole('treeitem', { name: /Andel kariesfria 6-åringar/ }).waitFor();
  await page.keyboard.press('Control+Shift+z');
  await tree.getByRole('treeitem', { name: /Ändrad text/ }).waitFor();
  await waitSaved(page);
  await page.reload();
  await page.getByRole('heading', { name: 'Testplan för e2e' }).waitFor();
  assert.equal(await page.locator('.level-counts li[data-level="matt"]').innerText(), '1 Mått');
  assert.deepEqual(errors, []);
  assertLocalOnly(requests);
  await context.close();
});

test('export, clear all data, import, export again: identical bytes', async () => {
  const { page, requests, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  // an edit, so the export is not only demo data
  await page.getByRole('link', { name: 'Verksamhetsplan med budget 2024' }).click();
  await page.getByRole('treeitem', { name: /Invånare och samhälle/ }).first().click();
  await page.locator('#field-text').fill('Invånare och samhälle – reviderad');
  await waitSaved(page);
  const first = await exportAll(page, env.base);
  const parsed = JSON.parse(first.toString('utf8'));
  assert.equal(parsed.format, 'verksam-bundle');
  assert.equal(parsed.plans.length, 10);
  assert.equal(parsed.tariffs.length, 2, 'the demo tariffs travel in the same file');
  assert.ok(first.toString('utf8').includes('Invånare och samhälle – reviderad'));
  await page.getByRole('button', { name: 'Radera all data' }).click();
  await page.getByRole('button', { name: 'Ja, radera allt' }).click();
  await page.locator('.notice').filter({ hasText: 'All data raderades.' }).waitFor();
  await page.goto(env.base + '/');
  await page.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  await importBytes(page, env.base, 'export.json', first);
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.locator('#import-result').filter({ hasText: '10 planer och 2 taxor importerades' }).waitFor();
  const second = await exportAll(page, env.base);
  assert.ok(first.equals(second), 'second export differs from the first');
  assert.deepEqual(errors, []);
  assertLocalOnly(requests);
  await context.close();
});

test('a broken bundle shows a located Swedish error and changes nothing', async () => {
  const { page, requests, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  const before = await exportAll(page, env.base);
  const bad = JSON.parse(before.toString('utf8'));
  const ore = bad.plans.findIndex((p) => p.id === 'ore24');
  bad.plans[ore].nodes[41].parent = 'finns-inte';
  await importBytes(page, env.base, 'trasig.json', Buffer.from(JSON.stringify(bad)));
  await page.locator('#import-error').waitFor();
  assert.equal(await page.locator('#import-error .error-path').innerText(), `plans[${ore}].nodes[41].parent`);
  assert.match(await page.locator('#import-error').innerText(), /föräldern "finns-inte" finns inte i planen/);
  assert.match(await page.locator('#import-error').innerText(), /Inget har ändrats/);
  // truncated and foreign files too
  await importBytes(page, env.base, 'halv.json', before.subarray(0, 5000));
  await page.locator('#import-error').filter({ hasText: 'avkortad' }).waitFor();
  await importBytes(page, env.base, 'annan.json', Buffer.from('{"type":"excalidraw","version":2}'));
  await page.locator('#import-error').filter({ hasText: 'inte en verksam-fil' }).waitFor();
  const after = await exportAll(page, env.base);
  assert.ok(before.equals(after), 'stored data changed after a rejected import');
  assert.deepEqual(errors, []);
  assertLocalOnly(requests);
  await context.close();
});

test('the import table: our own export is all identisk and imports nothing; a changed plan is replaced only when chosen', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  const before = await exportAll(page, env.base);
  const file = JSON.parse(before.toString('utf8'));
  await importBytes(page, env.base, 'igen.json', before);
  await page.locator('#import-summary').filter({ hasText: 'Inget importeras.' }).waitFor();
  const statuses = await page.locator('.import-table .imp-status').allTextContents();
  assert.equal(statuses.length, file.plans.length + file.tariffs.length + (file.rule_sets || []).length);
  for (const s of statuses) assert.match(s, /identisk$/);
  assert.match(await page.locator('#import-summary').innerText(), /Hoppas över: \d+ \(alla identiska\)/);
  assert.equal(await page.getByRole('button', { name: 'Importera', exact: true }).count(), 0, 'nothing to import, no button for it');
  // plans with one title are told apart by organisation and period in the table
  const names = await page.locator('.import-table th[scope=row]').allTextContents();
  assert.equal(new Set(names).size, names.length, names.join(' | '));
  await page.getByRole('button', { name: 'Stäng' }).click();
  await page.locator('#import-result').filter({ hasText: 'Inget har ändrats' }).waitFor();
  assert.ok(before.equals(await exportAll(page, env.base)));

  // a colleague's file: one plan changed later there, one changed earlier there, one new
  const ore = file.plans.find((p) => p.id === 'ore24');
  ore.title = 'Örebro från kollegan';
  ore.updated_at = '2099-01-01T00:00:00Z';
  const stv = file.plans.find((p) => p.id === 'stv2235');
  stv.title = 'Handlingsplan, gammal version';
  stv.updated_at = '2000-01-01T00:00:00Z';
  file.plans.push({ ...file.plans.find((p) => p.id === 'nbd22'), id: 'ny-plan', title: 'Helt ny plan' });
  await importBytes(page, env.base, 'kollega.json', Buffer.from(JSON.stringify(file)));
  const row = (name) => page.locator('.import-table tr').filter({ hasText: name });
  await row('Örebro från kollegan').locator('.imp-status').filter({ hasText: 'filen nyare' }).waitFor();
  assert.match(await row('Handlingsplan, gammal version').locator('.imp-status').innerText(), /sparad nyare/);
  assert.match(await row('Helt ny plan').locator('.imp-status').innerText(), /ny$/);
  // by default only the new plan comes in: nothing stored is replaced
  assert.match(await page.locator('#import-summary').innerText(), /^Importeras: 1 ny\. Hoppas över: \d+ \(\d+ identiska\)\.$/);
  assert.equal(await row('Örebro från kollegan').locator('select').inputValue(), 'skip');
  await page.getByRole('button', { name: 'Ersätt de sparade där filen är nyare (1)' }).click();
  assert.equal(await row('Örebro från kollegan').locator('select').inputValue(), 'replace');
  await row('Handlingsplan, gammal version').getByRole('combobox', { name: /Vid import Handlingsplan, gammal version/ }).selectOption('copy');
  await page.locator('#import-summary').filter({ hasText: 'Importeras: 1 ny, 1 ersätter en sparad, 1 som kopia.' }).waitFor();
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.locator('#import-result').filter({ hasText: /^3 planer importerades från ”kollega\.json”\. \d+ (identiska )?hoppades över\.$/ }).waitFor();
  await page.goto(env.base + '/');
  await page.getByRole('link', { name: 'Örebro från kollegan' }).waitFor();
  await page.getByRole('link', { name: 'Handlingsplan, gammal version (importerad)' }).waitFor();
  await page.getByRole('link', { name: 'Helt ny plan' }).waitFor();
  assert.equal(await page.locator('table.plans tbody tr').count(), file.plans.length + 1, 'one new, one copy, one replaced');
  assert.deepEqual(errors, []);
  await context.close();
});

test('delete a plan at once, then undo', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.getByRole('button', { name: 'Ta bort Verksamhetsplan med budget 2024' }).click();
  await page.getByText('Planen ”Verksamhetsplan med budget 2024” togs bort.').waitFor();
  assert.equal(await page.locator('table.plans tbody tr').count(), 9);
  await page.getByRole('button', { name: 'Ångra' }).click();
  await page.getByRole('link', { name: 'Verksamhetsplan med budget 2024' }).waitFor();
  await page.reload();
  await page.getByRole('link', { name: 'Verksamhetsplan med budget 2024' }).waitFor();
  assert.equal(await page.locator('table.plans tbody tr').count(), 10);
  assert.deepEqual(errors, []);
  await context.close();
});

test('deleting asks no browser question: an item or a tariff goes at once with Ångra where the user is, a notice closes on navigation, Radera all data asks in the page', async () => {
  const { page, errors, context } = await freshPage(env);
  let dialogs = 0;
  page.on('dialog', () => { dialogs += 1; });
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22');
  const goal = page.locator('.tree button.node').filter({ hasText: 'Ett livskraftigt län' });
  await goal.click();
  await page.getByRole('button', { name: 'Ta bort', exact: true }).click();
  const notice = page.locator('.notice');
  await notice.filter({ hasText: /^”Strategiskt mål: Ett livskraftigt län” och \d+ underordnade poster togs bort\./ }).waitFor();
  assert.equal(await goal.count(), 0);
  // the message is on screen wherever the page is scrolled
  const box = await notice.boundingBox();
  const vh = page.viewportSize().height;
  assert.ok(box.y >= 0 && box.y + box.height <= vh, `the notice is in view (${box.y})`);
  await notice.getByRole('button', { name: 'Ångra' }).click();
  await goal.waitFor();
  assert.equal(await notice.count(), 0);
  // a tariff goes at once too, and comes back with Ångra
  await page.goto(env.base + '/taxor');
  await page.getByRole('button', { name: 'Ta bort Folktandvården Jönköping – taxa 2025', exact: true }).click();
  await notice.filter({ hasText: 'Taxan ”Folktandvården Jönköping – taxa 2025” togs bort.' }).waitFor();
  await page.getByRole('link', { name: 'Folktandvården Jönköping – taxa 2025', exact: true }).waitFor({ state: 'detached' });
  await notice.getByRole('button', { name: 'Ångra' }).click();
  await page.getByRole('link', { name: 'Folktandvården Jönköping – taxa 2025', exact: true }).waitFor();
  // a message belongs to its page: going elsewhere closes it
  await page.getByRole('button', { name: 'Ta bort Folktandvården Jönköping – taxa 2025', exact: true }).click();
  await notice.waitFor();
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Planer' }).click();
  await page.locator('table.plans').waitFor();
  assert.equal(await notice.count(), 0, 'the notice closed when the page changed');
  // what cannot be undone is asked in the page; Avbryt keeps everything
  await page.goto(env.base + '/data');
  await page.getByRole('button', { name: 'Radera all data' }).click();
  assert.match(await page.locator('#clear-all-fraga').innerText(), /^Radera alla 10 planer och 1 taxa i den här webbläsaren\? Det går inte att ångra\./);
  await page.waitForFunction(() => document.activeElement?.id === 'clear-all-avbryt');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#clear-all-fraga').count(), 0);
  await page.goto(env.base + '/');
  await page.locator('table.plans tbody tr').nth(9).waitFor();
  assert.equal(await page.locator('table.plans tbody tr').count(), 10);
  assert.equal(dialogs, 0, 'no browser dialog was opened');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the plan list is searched by every word and grouped by organisation', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  const rows = page.locator('table.plans tbody tr:not(.group-row)');
  await rows.nth(9).waitFor();
  assert.equal(await page.locator('#plan-count').innerText(), '10 planer');
  await page.locator('#plan-search').fill('delårsrapport KIRURGISK');
  await page.locator('#plan-count').filter({ hasText: 'Visar 1 av 10 planer' }).waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().innerText(), /Kirurgisk vård/);
  await page.locator('#plan-search').fill('zzz');
  await page.locator('#plan-none').filter({ hasText: 'Ingen plan matchar ”zzz”.' }).waitFor();
  await page.locator('#plan-search').fill('');
  await page.locator('#plan-group').check();
  const groups = await page.locator('table.plans tr.group-row').allInnerTexts();
  assert.ok(groups.length >= 5, groups.join(' | '));
  assert.equal(new Set(groups).size, groups.length);
  // the counts in the headings add up to every plan
  assert.equal(groups.map((g) => Number(g.match(/\((\d+)\)$/)[1])).reduce((a, b) => a + b, 0), 10);
  assert.equal(await rows.count(), 10);
  assert.deepEqual(errors, []);
  await context.close();
});

test('HTML and script in imported text are shown as text, never run', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  const bundle = JSON.parse((await exportAll(page, env.base)).toString('utf8'));
  const plan = bundle.plans.find((p) => p.id === 'stv2235');
  plan.id = 'xss';
  plan.title = '<img src=x onerror="window.__pwned=1">Elak plan';
  bundle.plans = [plan];
  delete bundle.tariffs;
  delete bundle.rule_sets;
  await importBytes(page, env.base, 'elak.json', Buffer.from(JSON.stringify(bundle)));
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.locator('#import-result').waitFor();
  await page.goto(env.base + '/');
  const link = page.getByRole('link', { name: '<img src=x onerror="window.__pwned=1">Elak plan' });
  await link.waitFor();
  assert.equal(await page.locator('table.plans img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

test('drag-and-drop import, single-plan export, storage usage and the persistence answer', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/data');
  await page.getByText(/används av .* som webbläsaren medger/).waitFor();
  await page.getByRole('button', { name: 'Be om beständig lagring' }).click();
  await page.locator('#persist-answer').filter({ hasText: /beständig lagring/ }).waitFor();
  // every plan is told apart in the export list, the seven Jönköping reports with one title too
  const options = await page.locator('section:has(#export-h) select option').allInnerTexts();
  assert.ok(options.length >= 10);
  assert.equal(new Set(options).size, options.length, options.join(' | '));
  assert.ok(options.some((o) => /\(Kirurgisk vård · 2024\)$/.test(o)), options.join(' | '));
  // export one plan
  await page.locator('section:has(#export-h) select').selectOption('stv2235');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera vald plan' }).click()]);
  // dated, so exports of different days do not overwrite each other
  assert.match(download.suggestedFilename(), /^stv2235-20\d\d-\d\d-\d\d\.verksam\.json$/);
  const one = JSON.parse((await import('node:fs')).readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(one.plans.map((p) => p.id), ['stv2235']);
  // drop it back as a renamed plan
  one.plans[0].id = 'dropped';
  one.plans[0].title = 'Släppt plan';
  const text = JSON.stringify(one);
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'släppt.json', { type: 'application/json' }));
    const zone = document.querySelector('.dropzone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await page.locator('#import-summary').filter({ hasText: 'Importeras: 1 ny.' }).waitFor();
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.locator('#import-result').filter({ hasText: '1 plan importerades' }).waitFor();
  await page.goto(env.base + '/');
  await page.getByRole('link', { name: 'Släppt plan' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: select, move down, move to another parent, and the order survives a reload', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.getByRole('link', { name: /Handlingsplan med aktiviteter/ }).click();
  const tree = page.locator('ul.tree');
  const first = tree.locator(':scope > li').first().locator('ul > li').first().locator('button.node');
  const firstText = await first.locator('.text').innerText();
  await first.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#field-text').inputValue().then((v) => v.slice(0, 20)), firstText.slice(0, 20));
  // move down with the toolbar, reached by keyboard
  await page.getByRole('button', { name: 'Flytta ned' }).focus();
  await page.keyboard.press('Enter');
  await waitSaved(page);
  const second = tree.locator(':scope > li').first().locator('ul > li').nth(1).locator('.text');
  assert.equal(await second.innerText(), firstText);
  // move it to the last group
  const target = await page.locator('.toolbar select').nth(1).locator('option').filter({ hasText: /Avsnitt: Aktiviteter 2024/ }).first().getAttribute('value');
  await page.locator('.toolbar select').nth(1).selectOption(target);
  await page.getByRole('button', { name: 'Flytta', exact: true }).press('Enter');
  await waitSaved(page);
  await page.reload();
  await page.getByRole('heading', { name: /Handlingsplan med aktiviteter/ }).waitFor();
  const moved = page.locator(`#node-${target.replace(/\./g, '\\.')}`).locator('xpath=ancestor::li[1]');
  assert.ok((await moved.innerText()).includes(firstText.slice(0, 30)));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the plan tree is one tab stop with the keys of a tree view', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22');
  const tree = page.getByRole('tree', { name: 'Planens struktur' });
  await tree.getByRole('treeitem').first().waitFor();
  const items = await tree.getByRole('treeitem').count();
  assert.ok(items > 20, `${items} items drawn`);
  assert.equal(await tree.locator('[role=treeitem][tabindex="0"]').count(), 1, 'one tab stop, not one per item');
  const active = () => page.evaluate(() => document.activeElement?.id);
  const first = await tree.locator('[tabindex="0"]').getAttribute('id');
  await tree.locator('[tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  const second = await active();
  assert.notEqual(second, first);
  assert.equal(await page.locator(`[id="${second}"]`).getAttribute('tabindex'), '0', 'the tab stop moves with the focus');
  assert.equal(await tree.locator('[role=treeitem][tabindex="0"]').count(), 1);
  await page.keyboard.press('End');
  const ids = await tree.getByRole('treeitem').evaluateAll((els) => els.map((e) => e.id));
  assert.equal(await active(), ids[ids.length - 1]);
  await page.keyboard.press('Home');
  assert.equal(await active(), first);
  // ← closes an open item, → opens it and then goes to its first child, ← from a closed child goes to its parent
  const samhalle = page.locator('[id="node-nbd22.samhalle"]');
  await samhalle.focus();
  assert.equal(await samhalle.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.getElementById('node-nbd22.samhalle').getAttribute('aria-expanded') === 'false');
  await page.waitForFunction(() => document.activeElement?.id === 'node-nbd22.samhalle');
  assert.equal(await page.locator('[id="node-nbd22.samhalle.sm"]').count(), 0);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.getElementById('node-nbd22.samhalle').getAttribute('aria-expanded') === 'true');
  await page.waitForFunction(() => document.activeElement?.id === 'node-nbd22.samhalle');
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(), 'node-nbd22.samhalle.sm');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await active(), 'node-nbd22.samhalle');
  // Enter selects the item for editing
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('node-nbd22.samhalle.sm').getAttribute('aria-selected') === 'true');
  assert.equal(await page.locator('#field-text').inputValue(), 'Ett livskraftigt län');
  // Alt+↓ moves the item after its next sibling and keeps the focus on it; Alt+↑ moves it back
  const roots = () => page.evaluate(() => [...document.querySelectorAll('ul.tree > li > .row > [role=treeitem]')].map((e) => e.id));
  const before = await roots();
  assert.ok(before.length >= 2, before.join(' '));
  const [one, two] = before;
  await page.locator(`[id="${one}"]`).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForFunction(([a, b]) => {
    const ids = [...document.querySelectorAll('ul.tree > li > .row > [role=treeitem]')].map((e) => e.id);
    return ids[0] === b && ids[1] === a;
  }, [one, two]);
  assert.deepEqual(await roots(), [two, one, ...before.slice(2)]);
  await page.waitForFunction((id) => document.activeElement?.id === id, one);
  await page.keyboard.press('Alt+ArrowUp');
  await page.waitForFunction((id) => document.querySelector('ul.tree > li > .row > [role=treeitem]')?.id === id, one);
  assert.deepEqual(await roots(), before);
  await page.waitForFunction((id) => document.activeElement?.id === id, one);
  // Delete removes it (and what is under it) at once, says so with Ångra, and the focus stays in the tree
  await page.keyboard.press('Delete');
  await page.locator('.notice').filter({ hasText: /underordnade poster togs bort/ }).waitFor();
  assert.equal(await page.locator(`[id="${one}"]`).count(), 0);
  await page.waitForFunction((id) => document.activeElement?.id === id, two);
  await page.locator('.notice').getByRole('button', { name: 'Ångra' }).click();
  await page.locator(`[id="${one}"]`).waitFor();
  assert.deepEqual(await roots(), before);
  // Tab leaves the tree instead of walking through every item
  await page.locator('[id="node-nbd22.samhalle.sm"]').focus();
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'treeitem');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an edit made just before leaving the page is still saved', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.getByRole('link', { name: /Handlingsplan med aktiviteter/ }).click();
  await page.locator('ul.tree button.node').first().click();
  await page.locator('#field-text').fill('Sparas ändå');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Planer' }).click();
  await waitSaved(page);
  await page.reload();
  await page.getByRole('link', { name: /Handlingsplan med aktiviteter/ }).click();
  await page.locator('ul.tree').getByRole('treeitem', { name: /Sparas ändå/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
