// Offline: after one visit the app, its deep links and the user's data work with the server stopped and the
// browser offline; a new release replaces the old cache only when the user chooses to reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setup, freshPage, waitSaved, loadDemo, dist, controlled, waitAsync } from './helpers.mjs';
import { startServer } from './serve.mjs';

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
  await page.getByRole('button', { name: /Invånare och samhälle/ }).first().click();
  await page.locator('#field-text').fill('Invånare och samhälle – offline');
  await waitSaved(page);
  await controlled(page);
  const planUrl = page.url();

  site.server.closeAllConnections();
  await new Promise((r) => site.server.close(r));
  await context.setOffline(true);
  await page.goto(planUrl);
  await page.getByRole('button', { name: /Invånare och samhälle – offline/ }).first().waitFor();
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
