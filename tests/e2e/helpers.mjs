// Shared helpers for the end-to-end tests: a static server for dist/, Debian's Chromium, and a page that
// records every request so a test can assert nothing left 127.0.0.1.
import { chromium } from 'playwright-core';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const dist = path.resolve(here, '../../dist');

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/// Debian's Chromium, headless (CHROMIUM names another).
export function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs });
}

export async function setup() {
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error('dist/ is missing: run trunk build --release first');
  const server = await startServer(dist, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await launchBrowser();
  return { server, base, browser, async close() { await browser.close(); server.close(); } };
}

/// A fresh profile (new context) and a page that records requests, page errors and Content-Security-Policy
/// violations, and accepts confirm() dialogs.
export async function freshPage(env, options = {}) {
  const context = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  // the Content-Security-Policy (release builds) must never have to refuse anything the app does
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text()); });
  page.on('dialog', (d) => d.accept());
  return { context, page, requests, errors };
}

/// Open the published view's "Mer" menu (its items are hidden until then).
export async function openMore(page) {
  const menu = page.locator('details.more-menu');
  if (await menu.getAttribute('open') === null) await page.locator('#more-menu').click();
  await page.locator('.more-items').waitFor();
}

export async function waitSaved(page) {
  await page.locator('.save-state[data-state="saved"]').waitFor({ timeout: 10000 });
}

export async function loadDemo(page, base) {
  await page.goto(base + '/');
  await page.getByRole('button', { name: 'Ladda exempeldata' }).click();
  await page.getByRole('link', { name: 'Verksamhetsplan med budget 2024' }).waitFor();
}

export async function exportAll(page, base) {
  await page.goto(base + '/data');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exportera allt (planer och taxor)' }).click(),
  ]);
  // named by the day, in the browser's time zone (this machine's)
  const d = new Date();
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  if (download.suggestedFilename() !== `verksam-${day}.json`) throw new Error(`export named ${download.suggestedFilename()}`);
  return fs.readFileSync(await download.path());
}

export async function importBytes(page, base, name, buffer) {
  if (!page.url().endsWith('/data')) await page.goto(base + '/data');
  await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer });
}

/// Wait until an async check in the page resolves truthy (page.waitForFunction does not await a promise: an
/// async predicate would count as done at once).
export async function waitAsync(page, fn, timeout = 20000, arg = undefined) {
  const end = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(fn, arg)) return;
    if (Date.now() > end) throw new Error(`waitAsync timed out: ${fn}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/// Wait until a service worker is active and controls the page.
export async function controlled(page, timeout = 20000) {
  await waitAsync(page, async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return !!(reg && reg.active && navigator.serviceWorker.controller);
  }, timeout);
}

/// The median of a list of numbers (the upper one of an even list).
export const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/// For benchmarks: in every document `page` opens from now on, note when the app started
/// (TrunkApplicationStarted), when `render` first appears and, if given, when `ready` does, in ms after
/// navigation start, in `window.__times`; the page logs `__done` once the last of them is there
/// ([`gotoUntilLogged`] waits for that).
export async function timeSelectors(page, render, ready = null) {
  await page.addInitScript(([render, ready]) => {
    const t = window.__times = {};
    addEventListener('TrunkApplicationStarted', () => { t.started = performance.now(); });
    new MutationObserver((_, obs) => {
      if (t.render === undefined && document.querySelector(render)) t.render = performance.now();
      if (ready && t.ready === undefined && document.querySelector(ready)) t.ready = performance.now();
      if (t.render !== undefined && (!ready || t.ready !== undefined)) {
        obs.disconnect();
        console.log('__done');
      }
    }).observe(document, { childList: true, subtree: true });
  }, [render, ready]);
}

/// Open `url` and wait until the page logs `__done` ([`timeSelectors`]).
/// Playwright's own waiting (locators, waitForFunction) would inject its script into the page while the app
/// starts, which delays what is being measured.
export async function gotoUntilLogged(page, url, timeout = 30000) {
  let handler;
  const done = new Promise((resolve, reject) => {
    handler = (m) => { if (m.text() === '__done') resolve(); };
    page.on('console', handler);
    setTimeout(() => reject(new Error(`${url}: no __done within ${timeout} ms`)), timeout).unref();
  });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await done;
  } finally {
    page.off('console', handler);
  }
}

/// The text of every page of a PDF, using pdf.js.
export async function pdfText(buffer) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(buffer), disableFontFace: true, verbosity: 0 }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => it.str).join(' '));
  }
  return pages;
}
