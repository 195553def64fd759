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
  await deck.locator('.slide-report #report-slide').waitFor();
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
  // the last slide is the activities after the measures (the report's order); the one before it a measure with
  // its grade, its reason and (with history) a chart
  assert.equal(await page.locator('#slide-count').innerText(), `Bild ${total} av ${total}`);
  assert.equal(await deck.locator('.slide-work h2').innerText(), 'Uppdrag och aktiviteter');
  assert.match(await deck.locator('.slide-work .sub').innerText(), /^\d+ ej rapporterade$/);
  await page.keyboard.press('ArrowLeft');
  await deck.locator('.slide-measure .verdict .badge').waitFor();
  await page.keyboard.press('End');
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
  assert.equal(await slideCount(), 8, 'title, table, five perspectives and the activities');
  await page.selectOption('#present-which', 'alla');
  const all = await slideCount();
  assert.ok(all > total, `${all} slides with every measure, ${total} with the failing ones`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('presentera fits 1366×768 and 1920×1080: nothing runs under the navigation; måluppfyllelse with last year as a change; goals with their measures', async () => {
  for (const [width, height] of [[1366, 768], [1920, 1080]]) {
    const { page, errors, context } = await freshPage(env, { viewport: { width, height } });
    await loadDemo(page, env.base);
    await page.goto(env.base + '/plan/nbd22/styrkort');
    await page.locator('table.score-table tr.measure-row').first().waitFor();
    await page.selectOption('#present-which', 'alla');
    await page.locator('#present-start').click();
    const deck = page.locator('#presentation');
    await deck.waitFor();
    const total = parseInt((await page.locator('#slide-count').innerText()).match(/av (\d+)/)[1], 10);
    let perspectives = 0;
    for (let i = 0; i < total; i++) {
      await page.waitForFunction((n) => document.querySelector('#slide-count')?.innerText.startsWith(`Bild ${n} `), i + 1);
      // fitted once drawn: wait a frame or two
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const fit = await page.evaluate(() => {
        const s = document.querySelector('.presentation .slide');
        const bar = document.querySelector('.present-bar').getBoundingClientRect();
        const last = [...s.querySelectorAll('*')].filter((e) => e.getClientRects().length).reduce((m, e) => Math.max(m, e.getBoundingClientRect().bottom), 0);
        const fs = parseFloat(getComputedStyle(s).fontSize);
        return { over: s.scrollHeight - s.clientHeight, last, bar: bar.top, fs, wide: s.scrollWidth - s.clientWidth };
      });
      assert.ok(fit.over <= 1 && fit.last <= fit.bar + 1, `${width}×${height}, slide ${i + 1}: runs ${fit.over} px under the navigation`);
      assert.ok(fit.wide <= 1, `${width}×${height}, slide ${i + 1}: ${fit.wide} px too wide`);
      assert.ok(fit.fs >= 14, `${width}×${height}, slide ${i + 1}: type of ${fit.fs} px is too small for a room`);
      if (i === 1) {
        // this period's shares, last year's as a change under each
        const slide = deck.locator('#report-slide');
        assert.match(await slide.locator('caption').innerText(), /Delår april 2022\. Under: förändring av andelen i procentenheter \(p\.e\.\) mot Delår april 2021/);
        const plan = slide.locator('tbody tr').first();
        assert.match(await plan.innerText(), /Hela planen\s+2 \(14\s%\)\s+[+−±]\d+ p\.e\./);
      }
      if (await deck.locator('.slide-perspective').count()) {
        perspectives += 1;
        // each goal with its measures, every one with a badge
        const goals = deck.locator('.slide-goal');
        if (await goals.count()) {
          assert.ok(await goals.first().locator('h3 .badge').count() === 1);
          assert.ok(await goals.first().locator('li .badge').count() >= 1);
        }
      }
      await page.keyboard.press('ArrowRight');
    }
    assert.equal(perspectives, 5);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
