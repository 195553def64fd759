// Benchmark of the release build in headless Chromium (run by scripts/bench.sh; not a test).
// Prints medians: .wasm size raw/gzip and everything the first visit downloads, first render after navigation
// on a fresh profile, and a ~10 MB import through the UI (file read + parse + validate, then store).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { setup, freshPage, exportAll, loadDemo } from './helpers.mjs';

const RUNS = Number(process.env.RUNS || 7);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const env = await setup();
const out = {};

const distDir = path.resolve('../../dist');
const wasm = fs.readdirSync(distDir).find((f) => f.endsWith('.wasm'));
const wasmBytes = fs.readFileSync(path.join(distDir, wasm));
out.wasm_raw_kb = +(wasmBytes.length / 1024).toFixed(1);
out.wasm_gzip_kb = +(zlib.gzipSync(wasmBytes, { level: 9 }).length / 1024).toFixed(1);

// first render: when the start page's heading exists, in ms after navigation start (fresh profile each run)
const firstRender = [];
const contentReady = [];
let firstVisitBytes = 0;
for (let i = 0; i < RUNS; i++) {
  const { page, context } = await freshPage(env);
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (!window.__firstRender && document.querySelector('main h1')) window.__firstRender = performance.now();
      if (document.querySelector('main .welcome, main table.plans')) { window.__content = performance.now(); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(env.base + '/');
  await page.waitForFunction(() => window.__content !== undefined);
  firstRender.push(await page.evaluate(() => window.__firstRender));
  contentReady.push(await page.evaluate(() => window.__content));
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
const big = Buffer.from(JSON.stringify({ ...demo, plans }, null, 2));
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

await env.close();
console.log(JSON.stringify(out, null, 2));
