// End-to-end: Rapportera period, a whole period's outcomes in one grid, on the Norrbotten demo (DÅ04 2022).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, freshPage, waitSaved, loadDemo } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/// Paste `text` into the grid cell `id` as Excel's clipboard would deliver it.
async function paste(page, id, text) {
  await page.locator('#' + id).focus();
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/// The values of rows 0..rows-1, columns 0..cols-1 (Totalt, Kvinnor, Män, Analys).
async function block(page, rows, cols) {
  return page.evaluate(([rows, cols]) => {
    const out = [];
    for (let r = 0; r < rows; r++) {
      const row = [];
      for (let c = 0; c < cols; c++) row.push(document.getElementById(`g-${r}-${c}`).value.replace(/\u00a0/g, ' '));
      out.push(row);
    }
    return out;
  }, [rows, cols]);
}

const active = (page) => page.evaluate(() => document.activeElement?.id);

test('report grid: type and move like a spreadsheet, the count and the grade follow, a reload keeps it', async () => {
  const { page, errors } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22');
  await page.locator('#plan-grid-link').click();
  await page.locator('#g-0-0').waitFor();
  assert.equal(await page.locator('#grid-period').inputValue(), 'DÅ04 2022');
  assert.equal(await page.locator('#grid-count').innerText(), '15 av 25 rapporterade');
  // the plan's own word for its measures heads the first column, grouped under perspective and goal
  assert.equal(await page.locator('#gc-name').innerText(), 'Styrmått');
  assert.equal(await page.locator('tr.grid-perspective').first().innerText(), 'Perspektiv: Samhälle');
  assert.match(await page.locator('tr.grid-goal').first().innerText(), /^Framgångsfaktor: /);

  // "saknar utfall": the ten without a total
  await page.locator('#grid-missing').check();
  await page.waitForFunction(() => document.querySelectorAll('#report-grid tr[data-id]').length === 10);
  await page.locator('#grid-missing').uncheck();
  await page.waitForFunction(() => document.querySelectorAll('#report-grid tr[data-id]').length === 25);

  // a row whose grade changes with its total: "Andel patienter som får kontakt … samma dag", ≥ 95 %, now 86
  const row = page.locator('#report-grid tr[data-id]').filter({ hasText: 'samma dag' });
  const pos = Number(await row.locator('input').first().getAttribute('data-pos'));
  assert.equal(await page.locator(`#g-${pos}-0`).inputValue(), '86');
  assert.equal((await row.locator('.badge').innerText()).trim(), '✕ Ej uppfyllt');
  await page.locator(`#g-${pos}-0`).fill('96');
  await row.locator('.badge', { hasText: '✓ Uppfyllt' }).waitFor();
  // Enter goes down, the arrows at the text's edge go sideways, up goes up
  await page.locator(`#g-${pos}-0`).press('Enter');
  assert.equal(await active(page), `g-${pos + 1}-0`);
  await page.keyboard.press('ArrowUp');
  assert.equal(await active(page), `g-${pos}-0`);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(page), `g-${pos}-1`);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await active(page), `g-${pos}-0`);

  // the first row has no total: typing one counts it as reported
  await page.locator('#g-0-0').fill('1 100');
  await page.locator('#grid-count', { hasText: '16 av 25 rapporterade' }).waitFor();
  // a text that is not a number is explained at the cell and saves nothing; leaving it shows the value in force
  await page.locator('#g-1-1').fill('tolv');
  await page.locator('#g-1-1-fel', { hasText: '”tolv” är inte ett tal' }).waitFor();
  assert.equal(await page.locator('#g-1-1').getAttribute('aria-invalid'), 'true');
  await page.locator('#g-1-1').press('Tab');
  assert.equal(await page.locator('#g-1-1').inputValue(), '');
  assert.match(await page.locator('#g-1-1-fel').innerText(), /värdet är oförändrat/);
  await waitSaved(page);

  await page.reload();
  await page.locator('#g-0-0').waitFor();
  assert.equal((await page.locator('#g-0-0').inputValue()).replace(/\u00a0/g, ' '), '1 100');
  assert.equal(await page.locator(`#g-${pos}-0`).inputValue(), '96');
  assert.equal(await page.locator('#grid-count').innerText(), '16 av 25 rapporterade');
  assert.deepEqual(errors, []);
});

test('report grid: a 5 × 3 block from Excel with a bad cell is refused whole; fixed, it applies as one undo step', async () => {
  const { page, errors } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22/rapportera?period=D%C3%8504%202022');
  await page.locator('#g-0-0').waitFor();
  const before = await block(page, 5, 3);
  const countBefore = await page.locator('#grid-count').innerText();
  // five rows × Totalt, Kvinnor, Män as Swedish Excel copies them: decimal comma, spaces in thousands, CRLF
  const good = ['1 100\t600\t500', '12\t7\t5', '18 464\t9 000\t9 464', '41,5 %\t44 %\t39 %', '90\t91\t89'];
  const bad = [...good];
  bad[2] = '18 464\tx\t9 464';

  await paste(page, 'g-0-0', bad.join('\r\n') + '\r\n');
  await page.locator('#paste-preview').waitFor();
  assert.match(await page.locator('#paste-bad').innerText(), /Inget är ändrat: 1 cell kan inte läsas/);
  assert.match(await page.locator('#paste-bad').innerText(), /Rad 3, .*, Kvinnor: ”x” är inte ett tal/);
  assert.equal(await page.locator('#paste-apply').count(), 0, 'no plain apply while a cell does not read');
  // the cell is marked in the grid too, and nothing is applied
  assert.equal(await page.locator('#g-2-1').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await block(page, 5, 3), before);
  assert.equal(await page.locator('#grid-count').innerText(), countBefore);
  await page.locator('#paste-cancel').click();
  // cancelling returns to the cell (the focus moves in the next frame)
  await page.waitForFunction(() => document.activeElement?.id === 'g-0-0');
  assert.equal(await page.locator('#g-2-1').getAttribute('aria-invalid'), null);

  // fixed in "Excel", pasted again: a preview of every change with the grades before and after
  await paste(page, 'g-0-0', good.join('\r\n') + '\r\n');
  await page.locator('#paste-apply').waitFor();
  const summary = await page.locator('#paste-summary').innerText();
  assert.match(summary, /^1[0-5] ändringar/);
  assert.match(await page.locator('.paste-changes').innerText(), /Kvinnor: tomt → 44\s%/);
  assert.deepEqual(await block(page, 5, 3), before, 'still nothing applied before Tillämpa');
  await page.locator('#paste-apply').click();
  await page.locator('#grid-done', { hasText: 'inklistrade' }).waitFor();
  const pasted = await block(page, 5, 3);
  assert.deepEqual(pasted, [['1 100', '600', '500'], ['12', '7', '5'], ['18 464', '9 000', '9 464'], ['41,5', '44', '39'], ['90', '91', '89']]);
  // the rows without a total before are reported now
  const newly = before.filter((r) => r[0] === '').length;
  assert.ok(newly >= 1);
  assert.equal(await page.locator('#grid-count').innerText(), `${15 + newly} av 25 rapporterade`);
  // the focus is back where the paste went
  await page.waitForFunction(() => document.activeElement?.id === 'g-0-0');

  // one undo reverts the whole paste, one redo brings it back
  await page.keyboard.press('Control+z');
  await page.waitForFunction((b) => JSON.stringify([0, 1, 2, 3, 4].map((r) => [0, 1, 2].map((c) => document.getElementById(`g-${r}-${c}`).value.replace(/\u00a0/g, ' ')))) === JSON.stringify(b), before);
  assert.equal(await page.locator('#grid-count').innerText(), countBefore);
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.getElementById('g-3-0').value === '41,5');
  assert.deepEqual(await block(page, 5, 3), pasted);
  await waitSaved(page);
  await page.reload();
  await page.locator('#g-0-0').waitFor();
  assert.deepEqual(await block(page, 5, 3), pasted);
  assert.deepEqual(errors, []);
});

test('a measure in one place: follow-up as named checkboxes, and Öppna i styrkortet opens it there', async () => {
  const { page, errors } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22');
  await page.getByRole('searchbox', { name: 'Sök i planen' }).fill('färdigbehandlade');
  await page.locator('.search-results button').first().click();
  const box = page.locator('#ne-follow');
  await box.waitFor();
  // the periods by name, no codes; the demo measure is followed up in April, August and the year
  const labels = (await box.locator('label').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(labels, ['Tertial 1', 'Delår april', 'Delår augusti', 'Helår']);
  assert.doesNotMatch(await box.innerText(), /DÅ04|ÅR\b/);
  const checked = async () => page.evaluate(() => [0, 1, 2, 3].map((i) => document.getElementById(`ne-follow-${i}`).checked));
  const before = await checked();
  // off with August: the report grid for DÅ08 no longer lists it; on again: it does
  await page.locator('#ne-follow-2').setChecked(!before[2]);
  assert.equal((await checked())[2], !before[2]);
  await waitSaved(page);
  const href = await page.locator('#open-in-scorecard').getAttribute('href');
  assert.match(href, /^\/plan\/nbd22\/styrkort\?matt=/);
  await page.locator('#open-in-scorecard').click();
  await page.locator('.detail-panel .verdict').waitFor();
  assert.match(await page.locator('.detail-panel').innerText(), /färdigbehandlade/);
  // the scorecard's own form shows the same choice, under the same word (Riktning, not Polaritet)
  await page.locator('.targets-editor summary').click();
  assert.deepEqual(await page.evaluate(() => [0, 1, 2, 3].map((i) => document.getElementById(`m-follow-${i}`).checked)), (() => { const c = [...before]; c[2] = !c[2]; return c; })());
  assert.equal(await page.locator('label[for="m-polarity"]').innerText(), 'Riktning');
  assert.deepEqual(errors, []);
});

test('a new measure with its target and an outcome onto the scorecard in four actions from the plan page; Tolka texten warns', async () => {
  const { page, errors } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22');
  // 1: select the goal
  await page.locator('.tree button.node').filter({ hasText: 'Ett livskraftigt län' }).click();
  // 2–4: the name, the target as the document words it, the outcome and Enter
  await page.locator('#nm-name').fill('Andel som får tid inom 90 dagar');
  await page.locator('#nm-target').fill('Minst 90 %');
  await page.locator('#nm-reading').filter({ hasText: 'Läses som: ≥ 90 % · Högre är bättre' }).waitFor();
  await page.locator('#nm-outcome').fill('92');
  await page.locator('#nm-outcome').press('Enter');
  const done = page.locator('#nm-done');
  await done.filter({ hasText: '”Andel som får tid inom 90 dagar” lades till med målvärde ≥ 90 %, utfall 92 % (Delår april 2022): ✓ Uppfyllt.' }).waitFor();
  // the form is ready for the next one
  await page.waitForFunction(() => document.activeElement?.id === 'nm-name');
  assert.equal(await page.locator('#nm-target').inputValue(), '');
  await waitSaved(page);
  // on the scorecard, graded, after a reload too
  await done.getByRole('link', { name: 'Öppna i styrkortet' }).click();
  await page.waitForURL(/\/plan\/nbd22\/styrkort\?matt=/);
  await page.reload();
  const detail = page.locator('.detail-panel');
  await detail.filter({ hasText: 'Andel som får tid inom 90 dagar' }).waitFor();
  assert.match(await detail.innerText(), /Uppfyllt/);

  // a text that cannot be read and words against the direction are said at the field
  await page.goto(env.base + '/plan/nbd22');
  await page.locator('.tree button.node').filter({ hasText: 'Ett livskraftigt län' }).click();
  await page.locator('#nm-target').fill('ungefär 77-80');
  await page.locator('#nm-reading').filter({ hasText: 'Kunde inte tolka ”ungefär 77-80”. Välj typ själv.' }).waitFor();
  await page.locator('#nm-target').fill('');
  await page.getByRole('searchbox', { name: 'Sök i planen' }).fill('tid inom 90 dagar');
  await page.locator('.search-results button').first().click();
  const raw = page.getByLabel('Målvärde (som det står)');
  await raw.fill('Minska till under 10 %');
  await page.getByText('– texten har ändrats sedan den tolkades').waitFor();
  await page.locator('#ne-reparse').click();
  await page.locator('#ne-target-read').filter({ hasText: 'Bedöms mot: < 10 %' }).waitFor();
  await page.locator('.node-form .warning').filter({ hasText: '”Minska till under 10 %” säger att lägre är bättre, men måttets riktning är ”Högre är bättre”.' }).waitFor();
  await page.locator('.node-form').getByLabel('Riktning').selectOption({ label: 'Lägre är bättre' });
  await page.waitForFunction(() => !document.querySelector('.node-form .warning'));
  assert.deepEqual(errors, []);
});

/// A plan of `n` measures in 10 perspectives and n/10 goals, with monthly outcomes for 2023–2024.
function bigPlan(n) {
  const period = (y, m) => ({ label: `M${m} ${y}`, code: `M${String(m).padStart(2, '0')}`, year: y, from_month: m, to_month: m });
  const nodes = [];
  for (let p = 0; p < 10; p++) nodes.push({ id: `p${p}`, parent: null, order: p + 1, label: 'Perspektiv', text: `Perspektiv ${p + 1}`, type: { perspektiv: { description: '' } } });
  for (let g = 0; g < n / 10; g++) nodes.push({ id: `g${g}`, parent: `p${g % 10}`, order: Math.floor(g / 10) + 1, label: 'Mål', text: `Mål ${g + 1}`, type: { mal: { level: 'mal', number: null, issuer: null } } });
  for (let i = 0; i < n; i++) {
    const outcomes = [2023, 2024].flatMap((y) => [1, 2, 3].map((m) => ({ period: period(y, m), value: 60 + ((i + m) % 40), unit: '%', raw: '', origin: null })));
    nodes.push({ id: `m${i}`, parent: `g${Math.floor(i / 10)}`, order: (i % 10) + 1, label: 'Mått', text: `Mått ${i + 1}`,
      type: { matt: { unit: '%', polarity: null, issuer: null, follow_up: [], outcomes,
        targets: [{ kind: 'niva', raw: '80 %', operator: '>=', value: 80, value_high: null, unit: '%' }] } } });
  }
  const plan = { id: 'stor', title: `Styrkort med ${n} mått`, organisation: 'Test', region: '', kind: 'delarsrapport',
    status: 'utkast', period: { from: 2024, to: 2024 }, level_names: {}, updated_at: '2025-01-01T00:00:00.000Z', source: null,
    nodes, budget_tables: [], scorecard: { method: 'viktad_andel', tolerance_pct: 5, prorate: true, group_rule: 'total_forst',
      green_at: 0.8, yellow_at: 0.4, min_coverage: 0.5 } };
  return Buffer.from(JSON.stringify({ format: 'verksam-bundle', version: 2, exported_at: plan.updated_at, generator: 'test', plans: [plan] }));
}

test('a grid of 600 measures draws only the rows in view; the keyboard and a paste reach every row', async () => {
  const { page, errors } = await freshPage(env);
  await page.goto(env.base + '/data');
  await page.setInputFiles('#import-file', { name: 'stor.json', mimeType: 'application/json', buffer: bigPlan(600) });
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.locator('#import-result').filter({ hasText: 'importerades' }).waitFor();
  await page.goto(env.base + '/plan/stor/rapportera?period=D%C3%8504%202024');
  await page.locator('#g-0-0').waitFor();
  assert.match(await page.locator('#grid-count').innerText(), /av 600 rapporterade/);
  const drawn = await page.locator('#report-grid tbody tr[data-id]').count();
  assert.ok(drawn > 5 && drawn < 120, `${drawn} rows drawn of 600`);
  // Enter walks down past the drawn rows: the grid scrolls and the cell gets the focus
  await page.locator('#g-0-0').focus();
  for (let i = 0; i < 60; i++) await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'g-60-0');
  assert.equal(await page.locator('#g-0-0').count(), 0, 'the first row is no longer drawn');
  // back to the top with the keyboard
  for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.activeElement?.id === 'g-0-0');
  // a 600-row column pasted at the top reaches the last row, as one undo step
  const tsv = Array.from({ length: 600 }, (_, r) => `${10 + (r % 80)}`).join('\r\n') + '\r\n';
  await paste(page, 'g-0-0', tsv);
  await page.locator('#paste-summary').filter({ hasText: /^600 ändringar/ }).waitFor();
  await page.locator('#paste-apply').click();
  await page.locator('#grid-done').filter({ hasText: '600 celler inklistrade.' }).waitFor();
  assert.match(await page.locator('#grid-count').innerText(), /^600 av 600 rapporterade/);
  // the last row, scrolled to
  await page.evaluate(() => { const s = document.querySelector('.table-scroll.windowed'); s.scrollTop = s.scrollHeight; s.dispatchEvent(new Event('scroll')); });
  await page.locator('#g-599-0').waitFor();
  assert.equal(await page.locator('#g-599-0').inputValue(), String(10 + (599 % 80)));
  assert.deepEqual(errors, []);
});
