// Diagnostic (not a test): an interleaved A/B comparison of two builds, so that a change is judged against this
// machine's drift (runs of one build alternate with the other's: A B B A A B …, each in a fresh profile).
// Measures when `selector` first appears after navigation (cold: fresh profile; warm: the same link again once the
// service worker controls the page), and when the app started (TrunkApplicationStarted).
// Usage: RUNS=15 MODE=cold|warm node ab.mjs dirA dirB [path] [selector]
import path from 'node:path';
import { launchBrowser, controlled, gotoUntilLogged, median, timeSelectors } from './helpers.mjs';
import { startServer } from './serve.mjs';

const [dirA, dirB] = process.argv.slice(2, 4).map((d) => path.resolve(d));
const url = process.argv[4] || '/#/publicerad?bundle=demo/norrbotten-scorecard-2022.verksam.json';
const sel = process.argv[5] || '#published-title';
const RUNS = Number(process.env.RUNS || 15);
const MODE = process.env.MODE || 'cold';
// READY: a second selector, timed as well (e.g. the published scorecard's rows)
const READY = process.env.READY || '';
if (!dirA || !dirB) throw new Error('usage: node ab.mjs dirA dirB [path] [selector]');

const servers = await Promise.all([dirA, dirB].map((d) => startServer(d, 0)));
const bases = servers.map((s) => `http://127.0.0.1:${s.address().port}`);
const browser = await launchBrowser();

async function once(base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await timeSelectors(page, sel, READY || null);
  await gotoUntilLogged(page, base + url);
  if (MODE === 'warm') {
    await controlled(page, 30000);
    await page.waitForLoadState('networkidle');
    await page.goto('about:blank');
    await gotoUntilLogged(page, base + url);
  }
  const r = await page.evaluate(() => ({ started: 0, ready: 0, ...window.__times }));
  await context.close();
  return r;
}

const res = [[], []];
for (let i = 0; i < RUNS; i++) {
  const order = i % 2 === 0 ? [0, 1] : [1, 0];
  for (const k of order) res[k].push(await once(bases[k]));
}
await browser.close();
servers.forEach((s) => s.close());
for (const k of [0, 1]) {
  const render = res[k].map((r) => r.render);
  const started = res[k].map((r) => r.started);
  const ready = READY ? `, ready median ${median(res[k].map((r) => r.ready)).toFixed(0)} ms` : '';
  console.log(`${'AB'[k]} ${[dirA, dirB][k]}: ${MODE} render median ${median(render).toFixed(0)} ms, started ${median(started).toFixed(0)} ms${ready}` +
    `  (runs: ${render.map((x) => x.toFixed(0)).join(' ')})`);
}
let wins = 0;
for (let i = 0; i < RUNS; i++) if (res[1][i].render < res[0][i].render) wins++;
console.log(`B faster than A in ${wins} of ${RUNS} pairs`);
