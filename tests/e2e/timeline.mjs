// Diagnostic (not a test, not the benchmark): median timeline of a cold load in fresh profiles: when the HTML,
// glue, chunk loader and main WASM arrived, when the app started and when a selector first appeared.
// Usage (after trunk build --release): node timeline.mjs [path] [selector]
import { setup, gotoUntilLogged, median, timeSelectors } from './helpers.mjs';
const env = await setup();
const url = process.argv[2] || '/';
const sel = process.argv[3] || 'main h1';
const rows = [];
for (let i = 0; i < 7; i++) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await timeSelectors(page, sel);
  await gotoUntilLogged(page, env.base + url, 20000);
  rows.push(await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const end = (re) => Math.max(0, ...res.filter((e) => re.test(e.name)).map((e) => e.responseEnd));
    return { html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, js: end(/verksam-[0-9a-f]+\.js$/), loader: end(/__wasm_split\.js$/),
      wasm: end(/_bg\.wasm$/), started: window.__times.started, render: window.__times.render, chunks: res.filter((e) => /split-/.test(e.name)).length };
  }));
  await context.close();
}
await env.close();
const keys = Object.keys(rows[0]);
console.log(keys.map((k) => `${k}=${median(rows.map((r) => r[k] ?? 0)).toFixed(0)}`).join('  '));
