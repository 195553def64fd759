// Meeting mode: the scorecard as slides, driven by the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, freshPage, loadDemo } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('presentera: title, måluppfyllelse, perspectives and measures by keyboard; Esc ends', async () => {
  const { page, errors, context } = await freshPage(env);
  await loadDemo(page, env.base);
  await page.goto(env.base + '/plan/nbd22/styrkort');
  await page.locator('table.score-table tr.measure-row').first().waitFor();
  await page.locator('#present-start').click();
  const deck = page.locator('#presentation');
  await deck.waitFor();
  const count = await page.locator('#slide-count').innerText();
  const total = parseInt(count.match(/av (\d+)/)[1], 10);
  assert.match(count, /^Bild 1 av \d+$/);
  assert.match(await deck.locator('.slide-title').innerText(), /Uppföljning Delår april 2022/);
  await page.keyboard.press('ArrowRight');
  await deck.locator('.slide-report table.report-table').waitFor();
  await page.keyboard.press(' ');
  // the five perspectives of the Norrbotten scorecard, each with its goals and badges
  await deck.locator('.slide-perspective').waitFor();
  assert.ok(await deck.locator('.slide-perspective .badge').count() >= 1);
  const perspectives = [];
  let measures = 0, charts = 0;
  for (let i = 0; i < total; i++) {
    if (await deck.locator('.slide-perspective').count()) perspectives.push(await deck.locator('h2').innerText());
    if (await deck.locator('.slide-measure').count()) {
      measures += 1;
      charts += await deck.locator('.slide-measure svg.history-chart').count();
    }
    await page.keyboard.press('ArrowRight');
  }
  assert.equal(perspectives.length, 5, perspectives.join(' | '));
  assert.ok(measures >= 1, 'ej uppfyllda and critical measures get a slide each');
  assert.ok(charts >= 1, 'a measure with history shows its chart');
  // the last slide is a measure with its grade, its reason and (with history) a chart
  assert.equal(await page.locator('#slide-count').innerText(), `Bild ${total} av ${total}`);
  await deck.locator('.slide-measure .verdict .badge').waitFor();
  await page.keyboard.press('Home');
  assert.equal(await page.locator('#slide-count').innerText(), `Bild 1 av ${total}`);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.locator('#slide-count').innerText(), `Bild ${total - 1} av ${total}`);
  await page.keyboard.press('Escape');
  await deck.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'present-start');
  // which measures get a slide: none leaves title, table and the five perspectives; all gives more than the default
  const slideCount = async () => {
    await page.locator('#present-start').click();
    await deck.waitFor();
    const n = parseInt((await page.locator('#slide-count').innerText()).match(/av (\d+)/)[1], 10);
    await page.keyboard.press('Escape');
    await deck.waitFor({ state: 'detached' });
    return n;
  };
  await page.selectOption('#present-which', 'inga');
  assert.equal(await slideCount(), 7);
  await page.selectOption('#present-which', 'alla');
  const all = await slideCount();
  assert.ok(all > total, `${all} slides with every measure, ${total} with the failing ones`);
  assert.deepEqual(errors, []);
  await context.close();
});
