// Publishing and printing: a strategist publishes a plan with a tariff, the file is placed next to the app, a
// politician opens the link on a phone in a fresh profile and reads it without anything being stored; broken
// links get a clear message; the printable report, printed to PDF, holds a perspective's measures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, freshPage, loadDemo, dist, controlled, waitAsync, openMore, pdfText } from './helpers.mjs';
import { startServer } from './serve.mjs';

let env, site;
before(async () => {
  env = await setup();
  // a copy of the build on its own port: the published file is placed in its folder like on a static host
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verksam-pub-'));
  fs.cpSync(dist, dir, { recursive: true });
  const server = await startServer(dir, 0);
  site = { dir, server, base: `http://127.0.0.1:${server.address().port}` };
});
after(async () => { site?.server.close(); await env?.close(); });

/// Plans stored in this profile's IndexedDB (0 when the database or its store does not exist).
async function storedPlans(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('verksam');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('plans')) { db.close(); resolve(0); return; }
      const c = db.transaction('plans').objectStore('plans').count();
      c.onsuccess = () => { db.close(); resolve(c.result); };
      c.onerror = () => reject(c.error);
    };
  }));
}

async function publish(page, tariffId) {
  await page.goto(site.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  await page.locator('#publish-open').click();
  await page.locator('#publish-box').waitFor();
  if (tariffId) await page.selectOption('#publish-tariff', tariffId);
  const link = await page.locator('#publish-link').innerText();
  const file = await page.locator('#publish-file').innerText();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#publish-download').click()]);
  assert.equal(download.suggestedFilename(), file);
  return { link, file, bytes: fs.readFileSync(await download.path()) };
}

test('publish → place the file → open the link on a phone in a fresh profile: read-only, nothing stored', async () => {
  const author = await freshPage(env);
  await loadDemo(author.page, site.base);
  const { link, file, bytes } = await publish(author.page, 'jonkoping-ftv-taxa-2025');
  const bundle = JSON.parse(bytes.toString('utf8'));
  assert.equal(bundle.format, 'verksam-bundle');
  assert.deepEqual(bundle.plans.map((p) => p.id), ['nbd22']);
  assert.deepEqual(bundle.tariffs.map((t) => t.id), ['jonkoping-ftv-taxa-2025']);
  assert.equal(link, `${site.base}/#/publicerad?bundle=${file}`);
  fs.writeFileSync(path.join(site.dir, file), bytes);
  await author.context.close();

  // the politician: a 360 px phone, a profile that has never seen the app
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(link);
  await page.locator('#published-title').waitFor();
  assert.equal(new URL(page.url()).pathname, '/publicerad', 'the #/ link became the app route');
  assert.match(await page.locator('.published-banner').innerText(), /skrivskyddad/);
  assert.match(await page.locator('#overview-counts').innerText(), /Perspektiv: 5 · Mål: \d+ · Styrmått: 46/);
  // each perspective's goals open on demand (a native <details>, keyboard-usable)
  const first = page.locator('.overview details').first();
  assert.equal(await first.getAttribute('open'), null);
  await first.locator('summary').click();
  assert.ok(await first.locator('li').count() >= 1);
  // the scorecard opens with how the period went, in words, readable on the phone
  await page.locator('#summary-h').waitFor();
  assert.match(await page.locator('#summary-h').innerText(), /^Delår april 2022: 2 uppfyllda, 3 delvis, 9 ej uppfyllda av 14 bedömda styrmått/);
  const band = await page.locator('.summary-band').boundingBox();
  assert.ok(band.width <= 360 && band.width >= 300, `the band is ${band.width} px wide`);
  // the scorecard with the måluppfyllelse table, and a measure's detail with history, read-only
  await page.locator('table.report-table').waitFor();
  const rows = page.locator('table.score-table tr.measure-row');
  assert.ok(await rows.count() > 5);
  await rows.first().locator('button').click();
  await page.locator('.detail-panel .verdict').waitFor();
  await page.locator('.detail-panel table.history').waitFor();
  assert.equal(await page.locator('.detail-panel input, .detail-panel textarea, .detail-panel select').count(), 0,
    'no field to edit in the published view');
  assert.equal(await page.locator('#sc-rollup, .rollup-settings').count(), 0);
  // the tariff summary
  await page.locator('#published-tariff #gauge-value').waitFor();
  assert.match(await page.locator('#published-tariff').innerText(), /427 rader/);
  // fits a 360 px screen: nothing wider than the viewport but the scrollable tables inside their regions
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page is ${width} px wide on a 360 px screen`);
  assert.equal(await storedPlans(page), 0, 'reading a publication stores nothing');
  // the address is a link of its own: reload shows it again
  await page.reload();
  await page.locator('#published-title').waitFor();
  assert.equal(await storedPlans(page), 0);
  // read once, readable offline: the service worker keeps a copy of the publication
  await controlled(page);
  await waitAsync(page, async (url) => !!(await (await caches.open('published-plans')).match(url)), 20000,
    `${site.base}/${file}`);
  await context.setOffline(true);
  await page.reload();
  await page.locator('#published-title').waitFor();
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  await context.setOffline(false);
  // only when the visitor asks is a copy saved (under "Mer": the reader's page holds no producer controls)
  assert.equal(await page.getByRole('navigation', { name: 'Huvudmeny' }).count(), 0);
  assert.equal(await page.locator('#save-copy').isVisible(), false);
  await openMore(page);
  await page.locator('#save-copy').click();
  await page.locator('#save-copy-result').waitFor();
  assert.equal(await storedPlans(page), 1);
  await page.locator('#save-copy-result a').click();
  await page.locator('#field-title, .tree').first().waitFor();
  for (const url of requests) assert.ok(url.startsWith(site.base) || url.startsWith('data:') || url.startsWith('blob:'), url);
  assert.deepEqual(errors, []);
  await context.close();
});

test('missing, foreign and broken files get a clear Swedish message and store nothing', async () => {
  fs.writeFileSync(path.join(site.dir, 'trasig.json'), '{"format": "verksam-bundle", "version": 3, "plans": [');
  fs.writeFileSync(path.join(site.dir, 'tom.json'), JSON.stringify({ format: 'verksam-bundle', version: 3,
    exported_at: '2025-01-01T00:00:00.000Z', generator: 'test', plans: [] }));
  // a file whose head reads (the title shows at once) but whose content does not validate: the error replaces it
  const plan = JSON.parse(fs.readFileSync(path.join(dist, 'demo/norrbotten-scorecard-2022.verksam.json'), 'utf8'));
  plan.plans[0].nodes[3].parent = 'finns-inte';
  fs.writeFileSync(path.join(site.dir, 'ogiltig.json'), JSON.stringify(plan));
  // cut off inside the plan's items: the heading (read without what follows it) shows, then the full read fails
  const text = fs.readFileSync(path.join(dist, 'demo/norrbotten-scorecard-2022.verksam.json'), 'utf8');
  fs.writeFileSync(path.join(site.dir, 'avkortad.json'), text.slice(0, text.length / 2));
  const cases = [
    ['ogiltig.json', /ingen giltig publicering: plans\[0\]\.nodes\[3\]\.parent/],
    ['finns-inte.json', /finns inte på webbplatsen \(HTTP 404\)/],
    ['https://evil.example/plan.json', /inte ligger på den här webbplatsen/],
    ['//evil.example/plan.json', /samma webbplats/],
    ['index.html', /sluta på \.json/],
    ['trasig.json', /ingen giltig publicering/],
    ['avkortad.json', /ingen giltig publicering: filen tar slut för tidigt/],
    ['tom.json', /innehåller varken en plan eller en taxa/],
    ['', /Länken saknar fil/],
  ];
  const { page, errors, requests, context } = await freshPage(env);
  // a #/ link followed while the app is already open (only the hash changes) is routed too
  await page.goto(site.base + '/');
  await page.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  await page.goto(site.base + '/#/publicerad?bundle=finns-inte.json');
  assert.match(await page.locator('#published-error').innerText(), /finns inte på webbplatsen/);
  assert.equal(new URL(page.url()).pathname, '/publicerad');
  for (const [name, message] of cases) {
    await page.goto(`${site.base}/publicerad?bundle=${encodeURIComponent(name)}`);
    const err = page.locator('#published-error');
    await err.waitFor();
    assert.match(await err.innerText(), message, name);
    await page.getByRole('heading', { name: 'Den publicerade planen kunde inte visas' }).waitFor();
    assert.equal(await page.locator('#published-title, .published-banner').count(), 0, name);
  }
  assert.equal(await storedPlans(page), 0);
  const foreign = requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== site.base);
  assert.deepEqual(foreign, [], 'nothing was fetched from another host');
  assert.deepEqual(errors, []);
  await context.close();
});

const squash = (s) => s.replace(/\s+/g, '');

/// Text with the thin and no-break spaces of Swedish numbers as plain spaces.
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');


test('printable report: A4 PDF with the summary and a legend first, perspectives flowing on, numbers and badges whole, page numbers', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, site.base);
  await page.goto(site.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  await page.getByRole('link', { name: 'Skriv ut rapport' }).click();
  await page.locator('#report .report-perspective').first().waitFor();
  const perspectives = page.locator('#report .report-perspective');
  const n = await perspectives.count();
  assert.ok(n >= 2);
  // the plan's own word for its measures heads their column; the legend uses the plan's tolerance
  assert.equal((await page.locator('.report-measures thead th').first().innerText()).trim(), 'Styrmått');
  assert.match(plain(await page.locator('#report-legend').innerText()), /Delvis: .* inom 5 % av målvärdet/);
  assert.match(await page.locator('#report-date').innerText(), /^Utskriven \d{1,2} [a-z]+ 20\d\d$/);
  // the chosen perspective: the second one, with its measures as the screen shows them
  const chosen = perspectives.nth(1);
  const heading = await chosen.locator('h2').innerText();
  const measures = await chosen.locator('tbody th[scope="row"]').allInnerTexts();
  assert.ok(measures.length >= 1);
  await page.setViewportSize({ width: 688, height: 1000 }); // A4 less its margins
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false, 'the app header is not printed');
  // on paper no word of a number with its unit (joined by a no-break space), a status or a trend is broken
  const broken = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('.report-measures td.num, .report-measures td.target, .report-measures .badge, .report-measures .trend')) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const re = /[^ \n\t]+/g;
        for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
          const r = document.createRange();
          r.setStart(node, m.index);
          r.setEnd(node, m.index + m[0].length);
          if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
  assert.deepEqual(broken, [], 'nothing breaks inside a word, a number or a number and its unit');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = await pdfText(pdf);
  const all = squash(pages.join(' '));
  assert.ok(squash(pages[0]).includes('Måluppfyllelse'), 'the summary table comes first');
  assert.ok(squash(pages[0]).includes(squash('Så läses rapporten')) || squash(pages[0]).includes(squash('✓ Uppfyllt: målvärdet är nått.')), 'the legend is on the first page');
  assert.ok(squash(pages[0]).includes('Utskriven'), 'the print date is on the first page');
  // a perspective does not force a page of its own: the measures take fewer pages than one per perspective
  // (the activities and uppdrag follow them)
  const work = pages.findIndex((p) => squash(p).includes(squash('Uppdrag och aktiviteter')));
  assert.ok(work > 0, 'the activities follow the measures');
  assert.ok(work < n + 1, `${work + 1} pages to the activities for ${n} perspectives and the summary`);
  const start = pages.findIndex((p) => squash(p).includes(squash(heading.replace(/\s*[✓◐✕–].*$/, ''))));
  assert.ok(start >= 0, `perspective ”${heading}” is printed`);
  for (const m of measures) assert.ok(all.includes(squash(m)), `measure ”${m}” is in the PDF`);
  assert.ok(squash(pages.slice(start).join(' ')).includes(squash(measures[0])));
  assert.ok(/Sida\s*1\s*av\s*\d+/.test(pages[0]), 'page numbers are printed');
  assert.ok(!all.includes(squash('Import och export')), 'navigation is not printed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the published scorecard reads on a phone, a tablet and a laptop, and a measure opens and closes in place', async () => {
  const link = '/#/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json';
  for (const width of [360, 768, 1024, 1366]) {
    const { page, errors, context } = await freshPage(env, { viewport: { width, height: 800 } });
    await page.goto(env.base + link);
    await page.locator('table.score-table tr.measure-row').first().waitFor();
    // every row: its name, its badge and its reason visible, with room to read them
    const rows = await page.locator('table.score-table tbody tr[data-id]').evaluateAll((trs) => trs.map((tr) => {
      const box = (sel) => { const el = tr.querySelector(sel); if (!el) return null; const r = el.getBoundingClientRect(); return { w: r.width, h: r.height, right: r.right, text: el.innerText.trim() }; };
      return { id: tr.dataset.id, name: box('.sc-name button'), badge: box('.badge'), reason: box('.sc-reason') };
    }));
    assert.ok(rows.length > 40, `${width}: ${rows.length} rows`);
    for (const r of rows) {
      assert.ok(r.name.w >= 120 && r.name.h > 0, `${width} px: the name of ${r.id} is ${r.name.w} px wide`);
      assert.ok(r.name.right <= width, `${width} px: the name of ${r.id} runs off the screen`);
      if (r.badge) assert.ok(r.badge.w > 40 && r.badge.right <= width, `${width} px: the badge of ${r.id}`);
      if (r.reason.text) assert.ok(r.reason.w >= 120, `${width} px: the reason of ${r.id} is ${r.reason.w} px wide`);
    }
    // open a measure further down and close it: the reader is where they were, on the same row
    const button = page.locator('table.score-table tr.measure-row .sc-name button').nth(5);
    await button.scrollIntoViewIfNeeded();
    const name = (await button.innerText()).trim();
    const before = await page.evaluate(() => window.scrollY);
    await button.click();
    await page.locator('.detail-panel .verdict').waitFor();
    const panel = await page.locator('.detail-panel').boundingBox();
    if (width < 1280) {
      // a sheet over the page, with a way back
      assert.ok(panel.width >= width - 1, `${width} px: the details cover the screen (${panel.width} px)`);
      await page.locator('#sheet-back').click();
      await page.locator('.detail-panel .verdict').waitFor({ state: 'hidden' });
      // the focus returns to the row in the next frame
      await page.waitForFunction((n) => document.activeElement?.innerText.trim() === n, name, { timeout: 5000 })
        .catch(() => {});
      assert.equal(await page.evaluate(() => document.activeElement.innerText.trim()), name);
    } else {
      assert.ok(panel.x > width / 2, 'beside the scorecard on a wide screen');
    }
    assert.equal(await page.evaluate(() => window.scrollY), before, `${width} px: the page did not move`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= width, `${width} px: the page is ${overflow} px wide`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a published file with several plans says so and opens each by its link', async () => {
  const { page, errors, context } = await freshPage(env, { viewport: { width: 360, height: 800 } });
  await page.goto(env.base + '/#/publicerad?bundle=demo/jonkoping-matetal-2024.verksam.json');
  await page.locator('#plan-picker-h').waitFor();
  assert.equal((await page.locator('#plan-picker-h').innerText()).trim(), 'Filen innehåller 7 planer');
  const links = page.locator('.plan-picker a');
  assert.equal(await links.count(), 7);
  assert.equal(await links.first().getAttribute('aria-current'), 'page');
  // each named by its organisation, as the shown plan's facts name it
  const organisation = async () => (await page.locator('#published-title + .plan-facts span').first().innerText()).trim();
  assert.equal((await links.first().innerText()).trim(), await organisation());
  // the third plan, by its own link
  const thirdOrg = (await links.nth(2).innerText()).trim();
  const third = (await links.nth(2).locator('xpath=..').locator('.muted').innerText()).split(' · ')[0].trim();
  const href = await links.nth(2).getAttribute('href');
  assert.match(href, /^\/publicerad\?bundle=demo%2Fjonkoping-matetal-2024\.verksam\.json&plan=/);
  await links.nth(2).click();
  await page.waitForFunction((t) => document.querySelector('#published-title')?.innerText.trim() === t, third);
  await page.locator('.plan-picker a[aria-current="page"]').waitFor();
  assert.equal((await page.locator('.plan-picker a[aria-current="page"]').innerText()).trim(), thirdOrg);
  assert.equal(await organisation(), thirdOrg);
  // and the link works on its own, in a fresh page
  await page.goto(env.base + href);
  await page.waitForFunction((t) => document.querySelector('#published-title')?.innerText.trim() === t, third);
  assert.deepEqual(errors, []);
  await context.close();
});

/// Nothing wider than the screen (the page's own width).
async function fits(page, width) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `${width} px: the page is ${w} px wide`);
}

/// The visible width of an element.
const widthOf = async (loc) => (await loc.boundingBox())?.width ?? 0;

test('a tariff published on its own, an action plan and a plan without outcomes each show what they hold', async () => {
  for (const width of [360, 1366]) {
    const { page, errors, context } = await freshPage(env, { viewport: { width, height: 800 } });
    // the Jönköping tariff file: no plan, two tariffs; the normal tariff first, the jour tariff by its link
    await page.goto(env.base + '/#/publicerad?bundle=demo/jonkoping-taxa-2025.verksam.json');
    await page.locator('#published-tariff #gauge-value').waitFor();
    assert.equal((await page.locator('#published-title').innerText()).trim(), 'Folktandvården Jönköping – taxa 2025');
    assert.match(plain(await page.locator('#gauge-word').innerText()), /Över gränsen \(gräns ±7,0 %\)/);
    assert.equal((await page.locator('#plan-picker-h').innerText()).trim(), 'Filen innehåller 2 taxor');
    // revenue per group: each group's name, deviation and verdict readable, no column cut at 360 px
    const group = page.locator('#pub-rev-group tbody tr', { hasText: 'Protetiska åtgärder' });
    assert.match(plain(await group.innerText()), /147 604 000 kr[\s\S]*131 047 000 kr[\s\S]*\+12,6 %[\s\S]*Över gränsen/);
    for (const cell of await group.locator('td, th').all()) {
      const box = await cell.boundingBox();
      if (box && box.width > 0) assert.ok(box.x >= 0 && box.x + box.width <= width, `${width} px: a cell of the group row is off screen`);
    }
    // the distribution: zoomed to ±30 %, the limit band named, rows beyond counted at the edge
    const chart = page.locator('#published-tariff figure.distribution');
    assert.match(plain(await chart.locator('svg').getAttribute('aria-label')), /från −30 % till \+30 %\. Gränsen ±7,0 %/);
    assert.equal(plain(await chart.locator('.limit-label').textContent()).trim(), 'gräns ±7,0 %');
    assert.ok(await chart.locator('.outlier-count').count() >= 1, 'rows beyond ±30 % are counted at the edge');
    assert.ok(await widthOf(chart.locator('svg')) >= Math.min(width - 60, 600), 'the chart uses the room it has');
    assert.equal(await chart.locator('table tbody tr').count(), 10, 'the numbers as a table for screen readers');
    await fits(page, width);
    const jour = page.locator('.plan-picker a', { hasText: 'jourtaxa' });
    await jour.click();
    await page.waitForFunction(() => /jourtaxa 2025/.test(document.querySelector('#published-title')?.innerText));
    assert.equal(await page.locator('.plan-picker a[aria-current="page"]').innerText(), 'Folktandvården Jönköping – jourtaxa 2025');

    // the action plan: its activities under their sections, each with its period and status
    await page.goto(env.base + '/#/publicerad?bundle=demo/orebro-stv-actionplan-2022-2035.verksam.json');
    await page.locator('#work-h').waitFor();
    assert.equal(await page.locator('table.score-table, .summary-band, table.report-table').count(), 0, 'no empty scorecard');
    assert.equal((await page.locator('#work-status').innerText()).trim(), '18 aktiviteter: 18 ej rapporterade');
    const items = page.locator('.work-list li');
    assert.equal(await items.count(), 18);
    const first = items.first();
    assert.match(await first.innerText(), /^Aktivitet: Samarbetet mellan specialiteterna[\s\S]*Ej rapporterad[\s\S]*Tid: vintern 2022-2023/);
    assert.ok(await widthOf(first.locator('.work-text')) >= Math.min(width - 60, 300));
    assert.deepEqual((await page.locator('.page-nav a').allInnerTexts()).map((s) => s.trim()), ['Aktiviteter', 'Översikt']);
    await fits(page, width);

    // Örebro's plan for 2024 has targets and no outcomes: it says so and lists its measures with their targets
    await page.goto(env.base + '/#/publicerad?bundle=demo/orebro-ftv-plan-2024.verksam.json');
    await page.locator('#published-planned').waitFor();
    assert.equal((await page.locator('#summary-h').innerText()).trim(), 'Planen har inga utfall ännu');
    assert.equal(await page.locator('#published-planned li').count(), 49);
    assert.equal(await page.locator('table.score-table').count(), 0, 'not 49 grey rows');
    assert.match(await page.locator('#published-planned li').first().innerText(), /Indikator: [\s\S]+Målvärde: [\s\S]+Följs upp: delår april/);
    // its 98 activities and 2 uppdrag, folded per goal
    assert.match(await page.locator('#work-status').innerText(), /^100 aktiviteter och uppdrag/);
    assert.deepEqual((await page.locator('.page-nav a').allInnerTexts()).map((s) => s.trim()), ['Resultat', 'Aktiviteter', 'Intern kontroll', 'Översikt']);
    // the internal control: its ISK judgement is missing until the nämnd has judged, 27 risks not yet assessed
    assert.match(await page.locator('#report-isk').innerText(), /^ISK-bedömning saknas/);
    assert.match(await page.locator('#report-control').innerText(), /27 ej bedömda/);
    // its nine areas fold on a phone, each saying how many risks and åtgärder it holds, and are open wider
    const areas = page.locator('#report-control details.control-area');
    assert.equal(await areas.count(), 9);
    assert.equal(await page.locator('#report-control details.control-area[open]').count(), width < 760 ? 0 : 9);
    assert.match(await areas.first().locator('summary').innerText(), /\(\d+ risker?, \d+ åtgärd(er)?\)/);
    const total = (await areas.locator('summary').allInnerTexts())
      .map((t) => Number(t.match(/(\d+) åtgärd/)[1])).reduce((a, b) => a + b, 0);
    assert.equal(total, 40);
    await fits(page, width);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the reader\'s bar: sections a tap away, the producer\'s tools under one "Mer" menu, Esc closes it', async () => {
  const { page, errors, context } = await freshPage(env, { viewport: { width: 360, height: 740 } });
  await page.goto(env.base + '/#/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  assert.deepEqual((await page.locator('.page-nav a').allInnerTexts()).map((s) => s.trim()),
    ['Resultat', 'Styrkort', 'Aktiviteter', 'Översikt']);
  // none of the producer's controls is on the page until "Mer" opens
  for (const sel of ['#present-start', '#published-report', '#save-copy']) assert.equal(await page.locator(sel).isVisible(), false, sel);
  assert.equal(await page.getByRole('button', { name: 'Exportera resultat (CSV)' }).isVisible(), false);
  // a section link moves the reader there (and the focus with them); the bar stays on screen
  await page.locator('.page-nav a', { hasText: 'Aktiviteter' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'work-h');
  const heading = await page.locator('#work-h').boundingBox();
  assert.ok(heading.y >= 0 && heading.y < 740, `the heading is on screen (y ${heading.y})`);
  const bar = await page.locator('.page-bar').boundingBox();
  assert.ok(bar.y >= -1 && bar.y < 5, `the bar stays at the top (y ${bar.y})`);
  assert.match(await page.locator('#work-status').innerText(), /^30 aktiviteter/);
  // the menu: by keyboard, its items usable, Esc closes it and the focus goes back to "Mer"
  await page.locator('#more-menu').focus();
  await page.keyboard.press('Enter');
  await page.locator('#published-report').waitFor();
  for (const name of ['Rapport för utskrift', 'Presentera', 'Exportera resultat (CSV)', 'Alla perioder (CSV)', 'Spara en kopia']) {
    const b = page.locator('.more-items').getByRole('button', { name, exact: true });
    assert.ok(await b.isVisible(), name);
    const box = await b.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 360, `${name} is on screen`);
  }
  assert.ok(await page.locator('.more-items').getByRole('link', { name: 'Planer' }).isVisible(), 'the app is a link away');
  await page.keyboard.press('Escape');
  await page.locator('#published-report').waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'more-menu');
  // an item closes the menu: the CSV export downloads the period's results
  await openMore(page);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.locator('.more-items').getByRole('button', { name: 'Exportera resultat (CSV)' }).click()]);
  assert.match(download.suggestedFilename(), /^styrkort-nbd22-/);
  await page.locator('#published-report').waitFor({ state: 'hidden' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('Publicera: the link is copied with one button, the reader\'s first screen is previewed, and a tariff publishes on its own', async () => {
  const { page, errors, context } = await freshPage(env);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.base });
  await loadDemo(page, site.base);
  await page.goto(site.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  await page.locator('#publish-open').click();
  const link = await page.locator('#publish-link').innerText();
  await page.locator('#copy-link').click();
  await page.getByText('Länken är kopierad.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  // the preview: what the reader sees first, as the published view shows it
  const preview = page.locator('#publish-preview');
  assert.match(await preview.locator('.preview-title').innerText(), /delårsrapport per april 2022/);
  assert.match(await preview.locator('.preview-nav').innerText(), /Resultat · Styrkort · Aktiviteter · Översikt/);
  assert.match(await preview.locator('#publish-preview-first').innerText(), /^Delår april 2022: 2 uppfyllda, 3 delvis, 9 ej uppfyllda av 14 bedömda styrmått/);
  await page.selectOption('#publish-tariff', 'jonkoping-ftv-taxa-2025');
  await page.waitForFunction(() => /Taxa · Översikt/.test(document.querySelector('.preview-nav')?.innerText));

  // the jour tariff published alone: the file holds it with its normal tariff, and its link shows it
  await page.goto(site.base + '/taxa/jonkoping-ftv-jourtaxa-2025');
  await page.locator('#publish-open').click();
  const file = await page.locator('#publish-file').innerText();
  assert.equal(file, 'jonkoping-ftv-jourtaxa-2025.json');
  const tariffLink = await page.locator('#publish-link').innerText();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#publish-download').click()]);
  const bundle = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(bundle.plans, []);
  assert.deepEqual(bundle.tariffs.map((t) => t.id).sort(), ['jonkoping-ftv-jourtaxa-2025', 'jonkoping-ftv-taxa-2025']);
  fs.writeFileSync(path.join(site.dir, file), fs.readFileSync(await download.path()));
  const reader = await freshPage(env, { viewport: { width: 360, height: 740 } });
  await reader.page.goto(tariffLink + '&taxa=jonkoping-ftv-jourtaxa-2025');
  await reader.page.locator('#published-tariff #gauge-word').waitFor();
  assert.match(await reader.page.locator('#published-title').innerText(), /jourtaxa 2025/);
  assert.deepEqual(reader.errors, []);
  await reader.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an action plan published shows its activities year by year: a bar over the years each runs, the years in text too', async () => {
  for (const width of [360, 1366]) {
    const { page, errors, context } = await freshPage(env, { viewport: { width, height: 900 } });
    await page.goto(env.base + '/#/publicerad?bundle=demo/orebro-stv-actionplan-2022-2035.verksam.json');
    const tl = page.locator('#published-timeline');
    await tl.waitFor();
    assert.deepEqual(await tl.locator('.tl-group h3').allInnerTexts(), [
      'Aktiviteter vintern 2022-2023 (efter tidsperiod)', 'Aktiviteter 2023 (efter tidsperiod)',
      'Aktiviteter 2024-2035 (efter tidsperiod)',
      'Aktiviteter på en övergripande regional, sjukvårdsregional och nationell nivå (efter nivå)']);
    assert.equal(await tl.locator('.tl-row').count(), 18);
    const first = tl.locator('.tl-row').first();
    // the years are said in text whatever the width; on a wide screen a bar spans 2022–2023 (columns 2 to 4)
    assert.match(await first.locator('.tl-years-text').textContent(), /2022–2023/);
    if (width > 700) {
      assert.equal(await first.locator('.tl-bar').evaluate((e) => e.style.gridColumn), '2 / 4');
      assert.equal(await first.locator('.tl-bar').innerText(), '2022–2023');
    } else {
      assert.equal(await first.locator('.tl-bar').isVisible(), false);
      assert.equal(await first.locator('.tl-years-text').isVisible(), true);
    }
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
    assert.deepEqual(errors, []);
    await context.close();
  }
});
