// The release build's WASM split (scripts/wasm-split.sh): the start page runs on the main module alone; a page of
// another group fetches that group's chunk when it opens; the published view loads its own chunk, not the editors',
// after its head is shown; a plan or tariff deep link's chunks are started by index.html while the main module loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, freshPage, dist } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const chunk = (group) => new RegExp(`/split-[0-9a-f]{16}/split_${group}_[0-9]+\\.wasm$`);

test('the build has a main module and one chunk per page group, all named in the service worker list', () => {
  const dir = fs.readdirSync(dist).find((f) => /^split-[0-9a-f]{16}$/.test(f));
  assert.ok(dir, 'no split-<hash>/ directory in dist');
  const files = fs.readdirSync(path.join(dist, dir));
  for (const group of ['plans', 'tariffs', 'published']) {
    assert.equal(files.filter((f) => chunk(group).test(`/${dir}/${f}`)).length, 1, `chunk of ${group}`);
  }
  const sw = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8');
  for (const f of files) assert.ok(sw.includes(`'/${dir}/${f}'`), `${f} not precached`);
});

test('the start page needs only the main module; a plan page and a tariff page fetch their group when opened', async () => {
  const { page, requests, errors, context } = await freshPage(env);
  await page.goto(env.base + '/');
  await page.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  const wasmAtStart = requests.filter((u) => u.endsWith('.wasm'));
  assert.equal(wasmAtStart.length, 1, `start page fetched ${wasmAtStart.join(', ')}`);
  // Trunk's hash has no leading zeros: 15 digits in about one build in sixteen
  assert.match(wasmAtStart[0], /\/verksam-[0-9a-f]{1,16}_bg\.wasm$/);
  // an address of another group, opened in the running app: its chunk comes, and the page works
  await page.getByRole('link', { name: 'Taxor' }).click();
  await page.getByRole('heading', { name: 'Taxor', level: 1 }).waitFor();
  assert.ok(requests.some((u) => chunk('tariffs').test(u)), 'tariff chunk not fetched');
  await page.getByRole('link', { name: 'Import och export' }).click();
  await page.locator('#import-file').waitFor({ state: 'attached' });
  assert.ok(requests.some((u) => chunk('plans').test(u)), 'plan chunk not fetched');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a published link loads the published chunk, not the tariff editors, and only once its title is shown', async () => {
  const { page, requests, errors, context } = await freshPage(env);
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('#published-title')) { window.__title = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(env.base + '/#/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  assert.ok(requests.some((u) => chunk('published').test(u)), 'published chunk not fetched');
  assert.ok(!requests.some((u) => chunk('tariffs').test(u)), 'tariff chunk fetched for the published view');
  const chunkRequests = requests.filter((u) => /\/split-[0-9a-f]{16}\/.+\.wasm$/.test(u));
  assert.ok(chunkRequests.length >= 2, `chunks: ${chunkRequests.join(', ')}`);
  assert.equal(new Set(chunkRequests).size, chunkRequests.length, `a chunk was fetched twice: ${chunkRequests.join(', ')}`);
  // the head comes from the main module alone: compiling the chunks beside it would only delay it
  const early = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /\/split-[0-9a-f]{16}\/.+\.wasm$/.test(e.name) && e.startTime < window.__title)
    .map((e) => `${e.name} at ${e.startTime.toFixed(0)} ms, title at ${window.__title.toFixed(0)} ms`));
  assert.deepEqual(early, [], 'chunks requested before the title was shown');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a plan page deep link: index.html starts its chunks while the main module loads, and the loader takes them', async () => {
  const { page, requests, errors, context } = await freshPage(env);
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', () => { window.__started = performance.now(); });
  });
  await page.goto(env.base + '/data');
  await page.locator('#import-file').waitFor({ state: 'attached' });
  const chunkRequests = requests.filter((u) => /\/split-[0-9a-f]{16}\/.+\.wasm$/.test(u));
  assert.ok(chunkRequests.some((u) => chunk('plans').test(u)), `chunks: ${chunkRequests.join(', ')}`);
  assert.equal(new Set(chunkRequests).size, chunkRequests.length, `a chunk was fetched twice: ${chunkRequests.join(', ')}`);
  const { late, left } = await page.evaluate(() => ({
    late: performance.getEntriesByType('resource')
      .filter((e) => /\/split-[0-9a-f]{16}\/.+\.wasm$/.test(e.name) && e.startTime > window.__started).map((e) => e.name),
    left: JSON.parse(document.documentElement.innerHTML.match(/var groups = (\{.*\});/)[1]).plans
      .filter((f) => window.__verksamTake(f) !== undefined),
  }));
  assert.deepEqual(late, [], 'chunks requested only after the app had started');
  assert.deepEqual(left, [], 'early modules not taken by the loader');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a published link shows the plan\'s title and facts from the main module, before its chunks have arrived', async () => {
  const { page, errors, context } = await freshPage(env);
  // hold the chunks back until the head has been checked
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/split-[0-9a-f]{16}\/.+\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(env.base + '/#/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json');
  await page.locator('#published-title').waitFor();
  assert.match(await page.locator('#published-title').innerText(), /delårsrapport per april 2022/);
  assert.match(await page.locator('.plan-facts').innerText(), /Division Nära · Delårsrapport · 2022 · Beslutad/);
  assert.match(await page.locator('main [role=status]').last().innerText(), /beräknar styrkortet/);
  assert.equal(await page.locator('#save-copy').count(), 0, 'nothing to save before the file is read in full');
  assert.equal(await page.locator('table.score-table').count(), 0);
  release();
  // the full view takes the head's place: one title, the scorecard, an enabled "Spara en kopia"
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  assert.equal(await page.locator('#published-title').count(), 1);
  await page.locator('#save-copy').waitFor({ state: 'attached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a slow network a published plan\'s title shows as soon as its file is here, before the main module, then the app takes over', async () => {
  const { page, errors, context } = await freshPage(env, { viewport: { width: 412, height: 823 } });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/verksam-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(env.base + '/#/publicerad?bundle=demo/jonkoping-matetal-2024.verksam.json&plan=jkp24-kir');
  // index.html shows the chosen plan's own title (as text) with the banner, and keeps the unstarted app hidden
  const shell = page.locator('#verksam-shell');
  await shell.locator('h1').waitFor();
  const file = JSON.parse(fs.readFileSync(path.join(dist, 'demo/jonkoping-matetal-2024.verksam.json'), 'utf8'));
  const plan = file.plans.find((p) => p.id === 'jkp24-kir');
  assert.equal((await shell.locator('h1').innerText()).trim(), plan.title);
  assert.equal((await shell.locator('.plan-facts').innerText()).trim(), plan.organisation);
  assert.match(await shell.locator('.published-banner').innerText(), /skrivskyddad/);
  const shellBox = await shell.locator('h1').boundingBox();
  release();
  // the app takes its place: the same title where it was, now with the plan's facts; one title on screen
  await page.locator('#published-title').waitFor();
  await shell.waitFor({ state: 'detached' });
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  assert.equal((await page.locator('#published-title').innerText()).trim(), plan.title);
  const appBox = await page.locator('#published-title').boundingBox();
  assert.ok(Math.abs(appBox.y - shellBox.y) < 2 && Math.abs(appBox.height - shellBox.height) < 2, `the title moved from ${JSON.stringify(shellBox)} to ${JSON.stringify(appBox)}`);
  assert.equal(await page.locator('h1:visible').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();

  // without plan= the file's first plan
  {
    const { page: p2, context: c2 } = await freshPage(env);
    let go;
    const wait = new Promise((r) => { go = r; });
    await p2.route(/\/verksam-[0-9a-f]+_bg\.wasm$/, async (route) => { await wait; await route.continue(); });
    await p2.goto(env.base + '/#/publicerad?bundle=demo/jonkoping-matetal-2024.verksam.json');
    await p2.locator('#verksam-shell h1').waitFor();
    assert.equal((await p2.locator('#verksam-shell h1').innerText()).trim(), file.plans[0].title);
    go();
    await p2.locator('#verksam-shell').waitFor({ state: 'detached' });
    await c2.close();
  }

  // a file that is not a publication gets no title from index.html: the app says why
  const broken = await freshPage(env);
  await broken.page.goto(env.base + '/publicerad?bundle=demo/finns-inte.json');
  await broken.page.locator('#published-error').waitFor();
  assert.equal(await broken.page.locator('#verksam-shell').count(), 0);
  await broken.context.close();
});
