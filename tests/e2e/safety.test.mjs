// Nothing is lost: an edit survives a reload or a closed tab at once; two tabs never overwrite each other in
// silence; a refused edit says why at its field and loses nothing; a damaged record is listed, exported around
// and deletable; the database's lifecycle (another tab blocking it, or upgrading it) is shown, not hung on; a
// tiny amount is refused in Swedish instead of crashing; a published link writes nothing to the visitor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setup, freshPage, waitSaved, loadDemo, exportAll, waitAsync, openMore } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const PLAN = 'Verksamhetsplan med budget 2024';

/// Open the Örebro plan's page and its details form.
async function openPlan(page, base) {
  await page.goto(base + '/plan/ore24');
  await page.getByRole('heading', { name: PLAN }).waitFor();
  await page.locator('summary', { hasText: 'Planens uppgifter' }).click();
}

/// The stored plan record's title and organisation, read straight from IndexedDB.
async function storedPlan(page, id) {
  return page.evaluate((id) => new Promise((resolve, reject) => {
    const open = indexedDB.open('verksam');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('plans').objectStore('plans').get(id);
      get.onsuccess = () => {
        db.close();
        const p = get.result && JSON.parse(get.result).plans[0];
        resolve(p ? { title: p.title, organisation: p.organisation } : null);
      };
      get.onerror = () => reject(get.error);
    };
  }), id);
}

test('an edit is kept through a reload at once, and through closing the tab at once', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await openPlan(page, env.base);
  // type, then reload without waiting for the save
  await page.getByLabel('Titel').fill(PLAN + ' – omladdad');
  await page.reload();
  await page.getByRole('heading', { name: PLAN + ' – omladdad' }).waitFor();
  // a burst of typing, then close the tab at once
  await page.locator('summary', { hasText: 'Planens uppgifter' }).click();
  const title = page.getByLabel('Titel');
  await title.fill('');
  await title.pressSequentially('Stängd flik', { delay: 5 });
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto(env.base + '/plan/ore24');
  await again.getByRole('heading', { name: 'Stängd flik' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs: a change in one is shown in the other, and both edits survive', async () => {
  const { page: a, errors, context } = await freshPage(env);
  await loadDemo(a, env.base);
  await openPlan(a, env.base);
  const b = await context.newPage();
  b.on('pageerror', (e) => errors.push(e.message));
  await openPlan(b, env.base);
  await a.getByLabel('Titel').fill('Titel från flik A');
  await waitSaved(a);
  // B is told (nothing of its own was pending, so it simply shows A's version)
  await b.getByRole('heading', { name: 'Titel från flik A' }).waitFor();
  await b.getByLabel('Organisation').fill('Organisation från flik B');
  await waitSaved(b);
  await a.getByLabel('Organisation').waitFor();
  await waitAsync(a, () => document.querySelector('h1')?.textContent === 'Titel från flik A');
  assert.deepEqual(await storedPlan(a, 'ore24'), { title: 'Titel från flik A', organisation: 'Organisation från flik B' });
  // and A shows B's organisation without a reload
  await waitAsync(a, () => [...document.querySelectorAll('input')].some((i) => i.value === 'Organisation från flik B'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a write based on an old revision is refused, and the user chooses which version stays', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await openPlan(page, env.base);
  // another writer that tells no one (an older tab, a hand-made change): a newer revision in storage
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('verksam');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['plans', 'revisions'], 'readwrite');
      const plans = tx.objectStore('plans');
      const revs = tx.objectStore('revisions');
      plans.get('ore24').onsuccess = (e) => {
        const rec = JSON.parse(e.target.result);
        rec.plans[0].title = 'Ändrad någon annanstans';
        plans.put(JSON.stringify(rec), 'ore24');
        revs.get('plans/ore24').onsuccess = (r) => revs.put((r.target.result || 0) + 1, 'plans/ore24');
      };
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.getByLabel('Organisation').fill('Min ändring');
  // refused: the banner asks, the header says it is not saved, and storage keeps the other version
  await page.locator('#elsewhere').waitFor();
  assert.match(await page.locator('.save-state').innerText(), /ändrats i en annan flik/);
  assert.equal((await storedPlan(page, 'ore24')).title, 'Ändrad någon annanstans');
  // keep mine: written over the other version, because the user chose it
  await page.locator('#keep-mine').click();
  await waitSaved(page);
  assert.deepEqual(await storedPlan(page, 'ore24'), { title: PLAN, organisation: 'Min ändring' });
  assert.equal(await page.locator('#elsewhere').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a title of 200 001 characters is refused at the field; the plan still opens after a reload', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await openPlan(page, env.base);
  const title = page.getByLabel('Titel');
  assert.equal(await title.getAttribute('maxlength'), '200000');
  await title.fill(PLAN + ' ny');
  await waitSaved(page);
  // past the limit the browser's maxlength would stop the typing; a script (or a paste in an old browser) does not
  await title.evaluate((el) => {
    el.value = 'x'.repeat(200001);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const err = page.locator('.plan-meta .field-error');
  await err.waitFor();
  assert.match(await err.innerText(), /^Texten är för lång \(200.001 tecken; gränsen är 200.000\)/);
  assert.match(await err.innerText(), /Ändringen sparades inte\./);
  assert.equal(await title.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('h1').innerText(), PLAN + ' ny');
  await page.reload();
  await page.getByRole('heading', { name: PLAN + ' ny' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged record is listed, can be saved as it is and deleted, and does not stop Exportera allt', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  const broken = '{"format":"verksam-bundle","version":3,"plans":[{"id":"trasig","title":"Tr';
  await page.evaluate((broken) => new Promise((resolve, reject) => {
    const open = indexedDB.open('verksam');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('plans', 'readwrite');
      tx.objectStore('plans').put(broken, 'trasig');
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), broken);
  await page.reload();
  await page.locator('#unreadable-warning').waitFor();
  assert.match(await page.locator('#unreadable-warning').innerText(), /1 sparad post kan inte läsas/);
  // every readable plan is still listed
  assert.equal(await page.locator('table.plans tbody tr').count(), 10);
  const bytes = await exportAll(page, env.base);
  const ws = JSON.parse(bytes.toString('utf8'));
  assert.equal(ws.plans.length, 10);
  assert.ok(!bytes.includes('\n  "'), 'the backup is compact');
  assert.match(await page.locator('#export-report').innerText(), /1 sparad post kunde inte läsas och är inte med: ”trasig”/);
  const item = page.locator('#unreadable-list li');
  await item.waitFor();
  assert.match(await item.innerText(), /”trasig”/);
  assert.match(await item.innerText(), /slut för tidigt/);
  const [raw] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('button', { name: 'Spara posten som den är' }).click(),
  ]);
  assert.equal(fs.readFileSync(await raw.path(), 'utf8'), broken);
  await item.getByRole('button', { name: 'Ta bort posten' }).click();
  await item.getByRole('button', { name: 'Ja, ta bort posten' }).click();
  await page.locator('#unreadable-none').waitFor();
  await page.goto(env.base + '/');
  await page.getByRole('link', { name: PLAN }).waitFor();
  assert.equal(await page.locator('#unreadable-warning').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/// In a page of the same site that does not run the app, open the database at `version` and keep it open.
async function holdDatabase(page, base, version) {
  await page.goto(base + '/demo/orebro-stv-actionplan-2022-2035.verksam.json');
  await page.evaluate((version) => new Promise((resolve, reject) => {
    const open = indexedDB.open('verksam', version);
    open.onupgradeneeded = () => {
      const db = open.result;
      for (const s of ['plans', 'tariffs', 'rule_sets']) if (!db.objectStoreNames.contains(s)) db.createObjectStore(s);
    };
    open.onsuccess = () => { window.__held = open.result; resolve(); };
    open.onerror = () => reject(open.error);
    open.onblocked = () => { window.__blocked = true; };
  }), version);
}

test('another tab with an older version open: the app says so, and goes on when it closes', async () => {
  const { page: old, context } = await freshPage(env);
  await holdDatabase(old, env.base, 2);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.base + '/');
  await page.locator('#storage-blocked').waitFor();
  assert.match(await page.locator('#storage-blocked').innerText(), /Stäng andra flikar med verksam/);
  await old.evaluate(() => window.__held.close());
  await page.getByRole('heading', { name: 'Välkommen till verksam' }).waitFor();
  assert.equal(await page.locator('#storage-blocked').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('another tab upgrades the database: pending edits are saved, the connection closes, a reload is asked for', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await openPlan(page, env.base);
  await page.getByLabel('Titel').fill('Sparad före uppgraderingen');
  const other = await context.newPage();
  await holdDatabase(other, env.base, 99);
  // the upgrade went through: this tab let go of its connection, after writing what was pending
  await page.locator('#storage-closed').waitFor();
  assert.match(await page.locator('#storage-closed').innerText(), /Ladda om sidan/);
  const title = await other.evaluate(() => new Promise((resolve) => {
    const get = window.__held.transaction('plans').objectStore('plans').get('ore24');
    get.onsuccess = () => resolve(JSON.parse(get.result).plans[0].title);
  }));
  assert.equal(title, 'Sparad före uppgraderingen');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a rounding step or price below one öre is refused in Swedish, and the tariff still opens', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/taxa/jonkoping-ftv-taxa-2025');
  await page.locator('#price-0').waitFor();
  const step = page.locator('#param-step');
  await step.fill('0,0000000000000000000000000001');
  const err = page.locator('#param-step ~ .field-error');
  await err.waitFor();
  assert.match(await err.innerText(), /för litet: ett belopp är 0 eller minst 0,01 kr/);
  await page.locator('#price-0').fill('0,0000000000000000000000000001');
  await page.locator('#table-message').filter({ hasText: 'minst 0,01 kr' }).waitFor();
  // the gauge still shows a verdict, and everything reads after a reload
  assert.match(await page.locator('#gauge-word').innerText(), /gränsen|prövas/);
  await page.reload();
  await page.locator('#price-0').waitFor();
  assert.equal(await page.locator('#param-step').inputValue(), '5');
  assert.deepEqual(errors, []);
  await context.close();
});

test('opening a published link creates no database until "Spara en kopia"', async () => {
  const { page, errors, context } = await freshPage(env);
  await page.goto(env.base + '/#/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json');
  await page.locator('#published-title').waitFor();
  await page.locator('#save-copy').waitFor({ state: 'attached' });
  // the full view is up and idle
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), []);
  await openMore(page);
  await page.locator('#save-copy').click();
  await page.locator('#save-copy-result').waitFor();
  assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), ['verksam']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the release carries a Content-Security-Policy: scripts from this site or index.html\'s own, requests to this site', async () => {
  const html = fs.readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8');
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)?.[1];
  assert.ok(policy, 'index.html has a policy');
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'the policy comes before every script');
  const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.deepEqual(directives['connect-src'], ["'self'"]);
  assert.deepEqual(directives['object-src'], ["'none'"]);
  assert.ok(!directives['script-src'].includes("'unsafe-inline'") && !directives['script-src'].includes("'unsafe-eval'"));
  assert.ok(directives['script-src'].includes("'wasm-unsafe-eval'"));
  // one hash per inline script, and nothing else inline
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].length;
  assert.equal(directives['script-src'].filter((s) => s.startsWith("'sha256-")).length, inline);
});

test('changes kept as a tab closed, whose plan another tab changed meanwhile, are saved as a copy', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await openPlan(page, env.base);
  await page.getByLabel('Titel').fill('Ändrad i en annan flik');
  await waitSaved(page);
  // what a closing tab kept: the plan at the revision before that change, with a title of its own
  await page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('verksam');
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['plans', 'revisions']);
      let rec; let rev;
      tx.objectStore('plans').get('ore24').onsuccess = (e) => { rec = JSON.parse(e.target.result); };
      tx.objectStore('revisions').get('plans/ore24').onsuccess = (e) => { rev = e.target.result; };
      tx.oncomplete = () => {
        db.close();
        rec.plans[0].title = 'Från en stängd flik';
        localStorage.setItem('verksam-unsaved:plans/ore24', `${rev - 1}\n${JSON.stringify(rec)}`);
        resolve();
      };
    };
  }));
  await page.goto(env.base + '/');
  await page.getByRole('link', { name: 'Från en stängd flik (osparad version)' }).waitFor();
  await page.getByRole('link', { name: 'Ändrad i en annan flik' }).waitFor();
  assert.match(await page.locator('.notice').innerText(), /sparats som ”Från en stängd flik \(osparad version\)”/);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a large import is read a slice at a time: the page shows how far it has come, then the preview', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  const ws = JSON.parse((await exportAll(page, env.base)).toString('utf8'));
  const ore = ws.plans.find((p) => p.id === 'ore24');
  // about 40 MB: 260 copies of the Örebro plan under new ids
  ws.plans = Array.from({ length: 260 }, (_, i) => ({ ...ore, id: `kopia-${i}`, title: `Kopia ${i}` }));
  ws.tariffs = [];
  ws.rule_sets = [];
  const buffer = Buffer.from(JSON.stringify(ws));
  assert.ok(buffer.length > 35e6 && buffer.length < 50 * 1024 * 1024, `${buffer.length} bytes`);
  await page.setInputFiles('#import-file', { name: 'stor.json', mimeType: 'application/json', buffer });
  await page.locator('#import-result').filter({ hasText: /Kontrollerar ”stor\.json”: \d+ av 260 planer/ }).waitFor({ timeout: 60000 });
  await page.getByRole('button', { name: 'Importera', exact: true }).waitFor({ timeout: 60000 });
  assert.match(await page.locator('.import-preview h3').innerText(), /innehåller 260 planer/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a backup in several files imports when they are chosen together; the same plan in two files is refused', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  const ws = JSON.parse((await exportAll(page, env.base)).toString('utf8'));
  const part = (plans, tariffs) => Buffer.from(JSON.stringify({ ...ws, plans, tariffs, rule_sets: [] }));
  const one = part(ws.plans.slice(0, 6), []);
  const two = part(ws.plans.slice(6), ws.tariffs);
  await page.getByRole('button', { name: 'Radera all data' }).click();
  await page.getByRole('button', { name: 'Ja, radera allt' }).click();
  await page.locator('.notice').filter({ hasText: 'All data raderades.' }).waitFor();
  await page.setInputFiles('#import-file', [
    { name: 'del-1.json', mimeType: 'application/json', buffer: one },
    { name: 'del-2.json', mimeType: 'application/json', buffer: two },
  ]);
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.locator('#import-result').filter({ hasText: '10 planer och 2 taxor importerades' }).waitFor();
  // a part given twice names every plan of it twice: refused with where, and nothing changes
  await page.setInputFiles('#import-file', [
    { name: 'del-1.json', mimeType: 'application/json', buffer: one },
    { name: 'del-1-igen.json', mimeType: 'application/json', buffer: one },
  ]);
  await page.locator('#import-error').waitFor();
  assert.match(await page.locator('#import-error').innerText(), /förekommer mer än en gång/);
  assert.deepEqual(errors, []);
  await context.close();
});
