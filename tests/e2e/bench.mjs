// Benchmark of the release build in headless Chromium (run by scripts/bench.sh; not a test).
// Prints medians: .wasm size raw/gzip and everything the first visit downloads, first render after navigation
// on a fresh profile, and a ~10 MB import through the UI (file read + parse + validate, then store).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { setup, freshPage, exportAll, loadDemo, dist, controlled, gotoUntilLogged, median, timeSelectors } from './helpers.mjs';
import { startServer } from './serve.mjs';

const RUNS = Number(process.env.RUNS || 7);
const env = await setup();
const out = {};

const distDir = path.resolve('../../dist');
const wasm = fs.readdirSync(distDir).find((f) => f.endsWith('.wasm'));
const wasmBytes = fs.readFileSync(path.join(distDir, wasm));
out.wasm_raw_kb = +(wasmBytes.length / 1024).toFixed(1);
out.wasm_gzip_kb = +(zlib.gzipSync(wasmBytes, { level: 9 }).length / 1024).toFixed(1);
// the per-page chunks (scripts/wasm-split.sh): all of them together, fetched only when their page opens
const splitDir = fs.readdirSync(distDir).find((f) => f.startsWith('split-'));
if (splitDir) {
  const chunks = fs.readdirSync(path.join(distDir, splitDir)).filter((f) => f.endsWith('.wasm'))
    .map((f) => fs.readFileSync(path.join(distDir, splitDir, f)));
  out.wasm_chunks = chunks.length;
  out.wasm_chunks_raw_kb = +(chunks.reduce((s, b) => s + b.length, 0) / 1024).toFixed(1);
  out.wasm_chunks_gzip_kb = +(chunks.reduce((s, b) => s + zlib.gzipSync(b, { level: 9 }).length, 0) / 1024).toFixed(1);
}
// WASM bytes a page has fetched so far (main module and chunks), as the browser decoded them
const wasmLoadedKb = (page) => page.evaluate(() => +(performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith('.wasm')).reduce((s, e) => s + e.decodedBodySize, 0) / 1024).toFixed(1));

// ONLY=scorecard runs just the scorecard part (for quick iterations)
const only = process.env.ONLY;
if (!only) {
// first render: when the start page's heading exists, in ms after navigation start (fresh profile each run)
const firstRender = [];
const contentReady = [];
let firstVisitBytes = 0;
for (let i = 0; i < RUNS; i++) {
  const { page, context } = await freshPage(env);
  await timeSelectors(page, 'main h1', 'main .welcome, main table.plans');
  await gotoUntilLogged(page, env.base + '/');
  firstRender.push(await page.evaluate(() => window.__times.render));
  out.start_page_wasm_loaded_kb = await wasmLoadedKb(page);
  contentReady.push(await page.evaluate(() => window.__times.ready));
  await page.waitForLoadState('networkidle');
  firstVisitBytes = await page.evaluate(() => performance.getEntriesByType('navigation')[0].decodedBodySize
    + performance.getEntriesByType('resource').reduce((s, e) => s + e.decodedBodySize, 0));
  await context.close();
}
out.first_render_ms = +median(firstRender).toFixed(0);
out.first_render_runs = firstRender.map((x) => +x.toFixed(0));
out.start_page_ready_ms = +median(contentReady).toFixed(0);
out.start_page_ready_runs = contentReady.map((x) => +x.toFixed(0));
out.first_visit_download_kb = +(firstVisitBytes / 1024).toFixed(1);

// a ~10 MB bundle: the Örebro demo plan copied under fresh ids
const { page: p0, context: c0 } = await freshPage(env);
await loadDemo(p0, env.base);
const demo = JSON.parse((await exportAll(p0, env.base)).toString('utf8'));
await c0.close();
const template = demo.plans.find((p) => p.id === 'ore24');
const plans = [];
let size = 0;
for (let i = 0; size < 10_000_000; i++) {
  const p = structuredClone(template);
  p.id = `bench-${String(i).padStart(3, '0')}`;
  p.title = `${template.title} (${i + 1})`;
  plans.push(p);
  size += JSON.stringify(p, null, 2).length;
}
const big = Buffer.from(JSON.stringify({ ...demo, plans, tariffs: undefined, rule_sets: undefined }, null, 2));
out.import_file_mb = +(big.length / 1e6).toFixed(1);

const validate = [], store = [], total = [], jsParse = [];
for (let i = 0; i < Math.min(RUNS, 5); i++) {
  const { page, context } = await freshPage(env);
  await page.goto(env.base + '/data');
  await page.locator('#import-file').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    document.querySelector('#import-file').addEventListener('change', () => { window.__t0 = performance.now(); }, true);
    new MutationObserver(() => {
      if (!window.__t1 && document.querySelector('.import-preview')) window.__t1 = performance.now();
      const r = document.querySelector('#import-result');
      if (!window.__t3 && r && r.textContent.includes('importerades')) window.__t3 = performance.now();
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.setInputFiles('#import-file', { name: 'stor.json', mimeType: 'application/json', buffer: big });
  await page.waitForFunction(() => window.__t1 !== undefined, null, { timeout: 60000 });
  await page.evaluate(() => { window.__t2 = performance.now(); document.querySelector('.import-preview button.primary').click(); });
  await page.waitForFunction(() => window.__t3 !== undefined, null, { timeout: 60000 });
  const t = await page.evaluate(() => ({ a: window.__t1 - window.__t0, b: window.__t3 - window.__t2 }));
  const text = await page.locator('#import-result').innerText();
  if (!text.includes(`${plans.length} planer importerades`)) throw new Error('import failed: ' + text);
  jsParse.push(await page.evaluate((text) => { const t0 = performance.now(); JSON.parse(text); return performance.now() - t0; }, big.toString('utf8')));
  validate.push(t.a); store.push(t.b); total.push(t.a + t.b);
  await context.close();
}
out.ui_import_read_parse_validate_ms = +median(validate).toFixed(0);
out.ui_import_store_ms = +median(store).toFixed(0);
out.ui_import_total_ms = +median(total).toFixed(0);
out.js_json_parse_same_file_ms = +median(jsParse).toFixed(0);
}

// the scorecard page: edit one outcome in a 1 000-measure plan; time from the input's change event until the
// measure's badge has changed in the DOM, and until the next frame is painted
/// Frame-to-frame times while scrolling `sel` (or the page) down 60 steps of 300 px, one step per frame.
async function scrollFrames(page, sel) {
  return page.evaluate(async (sel) => {
    const el = sel ? document.querySelector(sel) : null;
    if (el) el.scrollTop = 0; else window.scrollTo(0, 0);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const times = [];
    let last = performance.now();
    for (let i = 0; i < 60; i++) {
      if (el) el.scrollTop += 300; else window.scrollBy(0, 300);
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times;
  }, sel);
}

function quantile(v, q) {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function scorecardBundle(n) {
  const period = (y, m) => ({ label: `M${m} ${y}`, code: `M${String(m).padStart(2, '0')}`, year: y, from_month: m, to_month: m });
  const nodes = [];
  for (let p = 0; p < 10; p++) nodes.push({ id: `p${p}`, parent: null, order: p + 1, label: 'Perspektiv', text: `Perspektiv ${p + 1}`, type: { perspektiv: { description: '' } } });
  for (let g = 0; g < n / 10; g++) nodes.push({ id: `g${g}`, parent: `p${g % 10}`, order: Math.floor(g / 10) + 1, label: 'Mål', text: `Mål ${g + 1}`, type: { mal: { level: 'mal', number: null, issuer: null } } });
  for (let i = 0; i < n; i++) {
    const outcomes = [];
    for (const y of [2023, 2024]) for (let m = 1; m <= 12; m++) {
      outcomes.push({ period: period(y, m), value: 60 + ((i * 7 + m * 3 + y) % 40), unit: '%', raw: '', origin: null });
    }
    nodes.push({ id: `m${i}`, parent: `g${Math.floor(i / 10)}`, order: (i % 10) + 1, label: 'Mått', text: `Mått ${i + 1}`,
      type: { matt: { unit: '%', polarity: null, issuer: null, follow_up: [], outcomes,
        targets: [{ kind: 'niva', raw: '80 %', operator: '>=', value: 80, value_high: null, unit: '%' }] } } });
  }
  const plan = { id: 'bench-1000', title: 'Styrkort med 1 000 mått', organisation: 'Bench', region: '', kind: 'delarsrapport',
    status: 'utkast', period: { from: 2024, to: 2024 }, level_names: {}, updated_at: '2025-01-01T00:00:00.000Z', source: null,
    nodes, budget_tables: [], scorecard: { method: 'viktad_andel', tolerance_pct: 5, prorate: true, group_rule: 'total_forst',
      green_at: 0.8, yellow_at: 0.4, min_coverage: 0.5 } };
  return Buffer.from(JSON.stringify({ format: 'verksam-bundle', version: 2, exported_at: plan.updated_at, generator: 'bench', plans: [plan] }));
}
if (!only || only === 'scorecard') {
  const { page, context } = await freshPage(env);
  await page.goto(env.base + '/data');
  await page.setInputFiles('#import-file', { name: 'styrkort.json', mimeType: 'application/json', buffer: scorecardBundle(1000) });
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.locator('#import-result').filter({ hasText: 'importerades' }).waitFor();
  await page.goto(env.base + '/plan/bench-1000/styrkort');
  const row = page.locator('table.score-table tr[data-id="m500"]');
  await row.waitFor();
  await row.getByRole('button').click();
  await page.locator('#out-tot').waitFor();
  const dom = [], frame = [];
  for (let i = 0; i < RUNS * 2; i++) {
    const value = i % 2 === 0 ? '95' : '10';
    const t = await page.evaluate((value) => new Promise((resolve) => {
      const badge = () => document.querySelector('table.score-table tr[data-id="m500"] .badge')?.className;
      const before = badge();
      const input = document.querySelector('#out-tot');
      const obs = new MutationObserver(() => {
        if (badge() !== before) {
          obs.disconnect();
          const t1 = performance.now();
          requestAnimationFrame(() => setTimeout(() => resolve({ dom: t1 - t0, frame: performance.now() - t0 })));
        }
      });
      obs.observe(document.body, { childList: true, subtree: true, attributes: true });
      input.value = value;
      const t0 = performance.now();
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }), value);
    dom.push(t.dom); frame.push(t.frame);
  }
  out.scorecard_1000_edit_to_dom_ms = +median(dom).toFixed(1);
  out.scorecard_1000_edit_to_frame_ms = +median(frame).toFixed(1);
  await context.close();
}

// Rapportera period: a block of 1 000 measures × 3 columns (Totalt, Kvinnor, Män) pasted into the grid of the same
// 1 000-measure plan. Paste: from the paste event until the preview (every cell read, every changed row graded
// before and after) is in the DOM, and until the next frame. Apply: from Tillämpa until the grid's last cell
// shows its value (one edit, the scorecard regraded, 3 000 cells re-read), and until the next frame.
if (!only || only === 'grid') {
  const { page, context } = await freshPage(env);
  await page.goto(env.base + '/data');
  await page.setInputFiles('#import-file', { name: 'styrkort.json', mimeType: 'application/json', buffer: scorecardBundle(1000) });
  await page.getByRole('button', { name: 'Importera', exact: true }).click();
  await page.locator('#import-result').filter({ hasText: 'importerades' }).waitFor();
  await page.goto(env.base + '/plan/bench-1000/rapportera?period=D%C3%8504%202024');
  await page.locator('#g-0-2').waitFor();
  const paste = [], pasteFrame = [], apply = [], applyFrame = [];
  for (let i = 0; i < RUNS; i++) {
    const tsv = Array.from({ length: 1000 }, (_, r) => `${(50 + (r * 7 + i) % 50)},5\t${60 + (r + i) % 40}\t${40 + (r * 3 + i) % 50} %`).join('\r\n') + '\r\n';
    const t = await page.evaluate((tsv) => new Promise((resolve) => {
      const el = document.getElementById('g-0-0');
      el.focus();
      const dt = new DataTransfer();
      dt.setData('text/plain', tsv);
      const obs = new MutationObserver(() => {
        if (document.getElementById('paste-apply')) {
          obs.disconnect();
          const t1 = performance.now();
          requestAnimationFrame(() => setTimeout(() => resolve({ dom: t1 - t0, frame: performance.now() - t0 })));
        }
      });
      obs.observe(document.body, { childList: true, subtree: true });
      const t0 = performance.now();
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }), tsv);
    paste.push(t.dom); pasteFrame.push(t.frame);
    // the grid draws only the lines in view: done when the confirmation is there and the first row shows its value
    const last = tsv.trim().split('\r\n')[0].split('\t')[2].replace(' %', '');
    const a = await page.evaluate((last) => new Promise((resolve) => {
      const done = () => /\d+ celler inklistrade/.test(document.getElementById('grid-done')?.textContent || '')
        && document.getElementById('g-0-2')?.value === last;
      const t0 = performance.now();
      const check = () => {
        if (done()) {
          const t1 = performance.now();
          requestAnimationFrame(() => setTimeout(() => resolve({ dom: t1 - t0, frame: performance.now() - t0 })));
        } else {
          setTimeout(check, 0);
        }
      };
      document.getElementById('paste-apply').click();
      check();
    }), last);
    apply.push(a.dom); applyFrame.push(a.frame);
  }
  out.grid_paste_1000x3_preview_ms = +median(paste).toFixed(1);
  out.grid_paste_1000x3_preview_frame_ms = +median(pasteFrame).toFixed(1);
  out.grid_paste_runs = paste.map((x) => +x.toFixed(0));
  out.grid_apply_1000x3_ms = +median(apply).toFixed(1);
  out.grid_apply_1000x3_frame_ms = +median(applyFrame).toFixed(1);
  out.grid_apply_runs = apply.map((x) => +x.toFixed(0));
  await context.close();
}

// the tariff page: 427 rows rendered after navigation, and one price edit until the totals have changed
if (!only || only === 'tariff') {
  const { page, context } = await freshPage(env);
  await page.goto(env.base + '/taxor');
  await page.locator('#load-demo-tariffs').click();
  await page.getByRole('link', { name: 'Folktandvården Jönköping – taxa 2025' }).waitFor();
  const ready = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(env.base + '/');
    await page.locator('main h1').waitFor();
    const t = await page.evaluate(() => new Promise((resolve) => {
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (document.querySelectorAll('table.tariff-table tbody tr').length === 427 && document.querySelector('#gauge-value')) {
          obs.disconnect();
          resolve(performance.now() - t0);
        }
      });
      obs.observe(document.body, { childList: true, subtree: true });
      // client-side navigation, as a user clicking the link
      history.pushState({}, '', '/taxa/jonkoping-ftv-taxa-2025');
      window.dispatchEvent(new PopStateEvent('popstate'));
    }));
    ready.push(t);
  }
  out.tariff_427_rows_ready_ms = +median(ready).toFixed(0);
  const dom = [], frame = [];
  for (let i = 0; i < RUNS * 2; i++) {
    const value = i % 2 === 0 ? '1000' : '1100';
    const t = await page.evaluate((value) => new Promise((resolve) => {
      const text = () => document.querySelector('#totals-explain')?.textContent;
      const before = text();
      const input = document.querySelector('#price-0');
      const obs = new MutationObserver(() => {
        if (text() !== before) {
          obs.disconnect();
          const t1 = performance.now();
          requestAnimationFrame(() => setTimeout(() => resolve({ dom: t1 - t0, frame: performance.now() - t0 })));
        }
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true });
      input.value = value;
      const t0 = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }), value);
    dom.push(t.dom); frame.push(t.frame);
  }
  out.tariff_price_edit_to_dom_ms = +median(dom).toFixed(1);
  out.tariff_price_edit_to_frame_ms = +median(frame).toFixed(1);
  // scrolling the 427 rows (the page scrolls, the sticky verdict stays): frame to frame, 60 steps of 300 px
  await page.goto(env.base + '/taxa/jonkoping-ftv-taxa-2025');
  await page.locator('#price-426').waitFor();
  const f427 = [];
  for (let i = 0; i < RUNS; i++) f427.push(...await scrollFrames(page, null));
  out.tariff_427_scroll_frame_median_ms = +median(f427).toFixed(1);
  out.tariff_427_scroll_frame_p95_ms = +quantile(f427, 0.95).toFixed(1);
  // a tariff of 100 000 rows (only the rows in view drawn), scrolled in its box
  let csv = 'Kod;Text;Grupp;Pris;Referenspris\r\n';
  for (let i = 0; i < 100000; i++) csv += `K${i};Åtgärd nummer ${i};G${i % 40};${100 + (i % 900)};${100 + (i % 700)}\r\n`;
  await page.goto(env.base + '/taxor');
  await page.setInputFiles('#tariff-csv', { name: 'stor-taxa.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.locator('#rows-count').filter({ hasText: /Visar 100.000 av 100.000 rader/ }).waitFor({ timeout: 60000 });
  const f100k = [];
  for (let i = 0; i < RUNS; i++) f100k.push(...await scrollFrames(page, '.table-scroll.windowed'));
  out.tariff_100k_scroll_frame_median_ms = +median(f100k).toFixed(1);
  out.tariff_100k_scroll_frame_p95_ms = +quantile(f100k, 0.95).toFixed(1);
  await context.close();
}

if (!only || only === 'published') {
  // the published view: a copy of the build with a publication beside it, on a server that counts what it sends.
  // Cold = a fresh profile opening the link; warm = the same link again once the service worker controls the page.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verksam-bench-pub-'));
  fs.cpSync(dist, dir, { recursive: true });
  fs.copyFileSync(path.join(dist, 'demo/norrbotten-scorecard-2022.verksam.json'), path.join(dir, 'plan-2022.json'));
  let sent = 0;
  const server = await startServer(dir, 0, (_, bytes) => { sent += bytes; });
  const base = `http://127.0.0.1:${server.address().port}`;
  const link = `${base}/#/publicerad?bundle=plan-2022.json`;
  const timeReady = async (page) => {
    await gotoUntilLogged(page, link);
    return page.evaluate(() => window.__times.ready);
  };
  const cold = [], warm = [], coldPage = [], sentFirst = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await timeSelectors(page, '#published-title', 'table.score-table tr.measure-row');
    sent = 0;
    coldPage.push(await timeReady(page));
    cold.push(await page.evaluate(() => window.__times.render));
    out.published_wasm_loaded_kb = await wasmLoadedKb(page);
    // the first visit also installs the service worker, which downloads the whole build once
    await controlled(page, 30000);
    await page.waitForLoadState('networkidle');
    sentFirst.push(sent);
    await page.goto(base + '/');
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    // a new document load (not a hash change within the open app), served by the service worker
    await page.goto('about:blank');
    await timeReady(page);
    warm.push(await page.evaluate(() => window.__times.render));
    await context.close();
  }
  server.close();
  out.published_cold_first_render_ms = +median(cold).toFixed(0);
  out.published_cold_runs = cold.map((x) => +x.toFixed(0));
  out.published_cold_scorecard_ready_ms = +median(coldPage).toFixed(0);
  out.published_warm_first_render_ms = +median(warm).toFixed(0);
  out.published_warm_runs = warm.map((x) => +x.toFixed(0));
  out.published_first_visit_sent_kb = +(median(sentFirst) / 1024).toFixed(1);
}

await env.close();
console.log(JSON.stringify(out, null, 2));
