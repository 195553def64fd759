// Offline: after one visit the app, its deep links and the user's data work with the server stopped and the
// browser offline; a new release replaces the old cache only when the user chooses to reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, freshPage, waitSaved, loadDemo, dist, controlled, waitAsync } from './helpers.mjs';
import { startServer } from './serve.mjs';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/// A copy of the build served on its own port, so a test can stop it or change it.
async function ownSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verksam-site-'));
  fs.cpSync(dist, dir, { recursive: true });
  const server = await startServer(dir, 0);
  return { dir, server, base: `http://127.0.0.1:${server.address().port}` };
}

test('offline: stop the server, go offline, reload a deep link: the plan and the edit are there', async () => {
  const site = await ownSite();
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, site.base);
  await page.getByRole('link', { name: 'Verksamhetsplan med budget 2024' }).click();
  await page.getByRole('treeitem', { name: /Invånare och samhälle/ }).first().click();
  await page.locator('#field-text').fill('Invånare och samhälle – offline');
  await waitSaved(page);
  await controlled(page);
  const planUrl = page.url();

  site.server.closeAllConnections();
  await new Promise((r) => site.server.close(r));
  await context.setOffline(true);
  await page.goto(planUrl);
  await page.getByRole('treeitem', { name: /Invånare och samhälle – offline/ }).first().waitFor();
  assert.match(await page.locator('#net-state').innerText(), /Offline – appen och dina data fungerar ändå/);
  // another deep link that was never opened in this visit: the tariff, from the cached build and IndexedDB
  await page.goto(site.base + '/taxa/jonkoping-ftv-taxa-2025');
  await page.locator('#price-0').waitFor();
  await page.goto(site.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new release is announced and taken only when the user reloads; the old cache is gone', async () => {
  const site = await ownSite();
  const { page, errors, context } = await freshPage(env);
  await page.goto(site.base + '/');
  await page.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  await controlled(page);
  const before = await page.evaluate(() => caches.keys());
  assert.equal(before.length, 1);
  // a new release: the same files under a new version
  const sw = path.join(site.dir, 'sw.js');
  fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const VERSION = '[^']+';/, "const VERSION = 'ny-version';"));
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.locator('#update-ready').waitFor({ timeout: 20000 });
  // until the user chooses, the old version keeps serving
  assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), [...before, 'verksam-ny-version'].sort());
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).active.scriptURL.endsWith('/sw.js')), true);
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'Ladda om nu' }).click(),
  ]);
  await page.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  await waitAsync(page, async () => (await caches.keys()).join() === 'verksam-ny-version');
  assert.equal(await page.locator('#update-ready').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
  site.server.closeAllConnections();
  site.server.close();
});

test('a tab left on a release another tab replaced reloads into the new one instead of failing to load a page', async (t) => {
  const site = await ownSite();
  const { page: a, errors, context } = await freshPage(env);
  // a failure must not leave the server open (node would wait for it)
  t.after(async () => {
    await context.close().catch(() => {});
    site.server.closeAllConnections();
    site.server.close();
  });
  await a.goto(site.base + '/');
  await a.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  await controlled(a);
  // tab B runs the same (old) release; it has not loaded the published view's chunks
  const b = await context.newPage();
  b.on('pageerror', (e) => errors.push(e.message));
  await b.goto(site.base + '/');
  await b.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  // B has preloaded the editors' chunks (a second after start), not the published view's
  await waitAsync(b, () => performance.getEntriesByType('resource').some((e) => e.name.includes('split_tariffs')));
  // a new release on the server: its chunks in another folder, the old folder gone
  const oldDir = fs.readdirSync(site.dir).find((f) => f.startsWith('split-'));
  const newDir = 'split-' + 'f'.repeat(16);
  fs.renameSync(path.join(site.dir, oldDir), path.join(site.dir, newDir));
  for (const f of fs.readdirSync(site.dir).filter((f) => /\.(js|html)$/.test(f))) {
    const p = path.join(site.dir, f);
    fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replaceAll(oldDir, newDir).replace(/const VERSION = '[^']+';/, "const VERSION = 'ny-version';"));
  }
  // as the build would: the glue's integrity digest and the policy's script hashes follow the changed files
  const index = path.join(site.dir, 'index.html');
  let html = fs.readFileSync(index, 'utf8').replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  html = html.replace(/href="\/([^"]+\.js)"([^>]*)integrity="[^"]*"/g, (all, file, mid) =>
    `href="/${file}"${mid}integrity="sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(site.dir, file))).digest('base64')}"`);
  fs.writeFileSync(index, html);
  execFileSync('node', [path.join(here, '../../scripts/csp.mjs')], { cwd: site.dir });
  // A takes the new release
  await a.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await a.locator('#update-ready').waitFor({ timeout: 20000 });
  await Promise.all([a.waitForEvent('load'), a.getByRole('button', { name: 'Ladda om nu' }).click()]);
  // B is told (the new release took over from its old one), and when it opens a page whose code it never
  // loaded, it reloads into the new release
  await b.locator('#stale-version').waitFor({ timeout: 40000 });
  await Promise.all([
    b.waitForEvent('load', { timeout: 20000 }),
    b.evaluate(() => { location.hash = '#/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json'; }),
  ]);
  await b.locator('#save-copy').waitFor({ state: 'attached', timeout: 20000 });
  assert.ok(await b.evaluate((dir) => [...document.scripts].some((s) => s.textContent.includes(dir)), newDir));
  assert.equal(await b.locator('#stale-version').count(), 0);
  assert.deepEqual(errors, []);
});
