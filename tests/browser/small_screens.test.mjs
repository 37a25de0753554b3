// The page on a phone (390 x 844 CSS px) and zoomed to 200 % (a 1280 x 800 window: 640 x 400), in
// real Chromium on LUDB record 5: once a record is read, the page scrolls to its heading, which
// takes the focus from the drop zone or the picker (not from a box being typed in, whose view
// stays); the first trace is then in view; the beat table fits the screen, and the page never
// scrolls sideways. No request but to 127.0.0.1, no error.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { ludbDir } from '../js/helpers.mjs';
import { onReadyPage, pageSession, screenshotPath } from './chromium.mjs';

const session = pageSession();
const RECORD = [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')];
const waitForRecord = (page) => page.waitForSelector('#summary[data-beats]', { timeout: 120000 });

// Where things are on the screen once the record is read.
const layout = (page) => page.evaluate(() => {
  const box = (selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right) };
  };
  const wrap = document.querySelector('#results').closest('.table-wrap');
  return {
    width: document.documentElement.clientWidth, height: window.innerHeight, scrollY: window.scrollY,
    pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    title: box('#record-title'), firstTrace: box('#leads canvas'), table: box('#results'), wrap: box('.table-wrap'),
    tableScrollsSideways: wrap.scrollWidth > wrap.clientWidth,
    focus: document.activeElement.id || document.activeElement.tagName,
  };
});

test('on a phone, a record chosen from the drop zone by keyboard comes into view; the beat table fits', () => onReadyPage(session, async (page) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const chooser = page.waitForEvent('filechooser');
  await page.focus('#drop-zone');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(RECORD);
  await waitForRecord(page);
  const at = await layout(page);
  assert.ok(at.scrollY > 0, `the page scrolled: ${JSON.stringify(at)}`);
  assert.ok(at.title.top >= 0 && at.title.top < 20, `the heading is at the top: ${JSON.stringify(at.title)}`);
  assert.ok(at.firstTrace.top > 0 && at.firstTrace.bottom <= at.height, `the first trace is in view: ${JSON.stringify(at)}`);
  assert.equal(at.focus, 'record-title', 'the heading has the focus');
  assert.equal(await page.evaluate(() => document.activeElement.matches(':focus-visible')), true);
  await page.screenshot({ path: screenshotPath('small-screens-phone.png') });

  assert.equal(at.pageScrollsSideways, false);
  assert.equal(at.tableScrollsSideways, false, `the beat table fits its box: ${JSON.stringify(at)}`);
  assert.ok(at.table.right <= at.width && at.wrap.right <= at.width, `the beat table is inside the screen: ${JSON.stringify(at)}`);
  // Shortcuts work from the heading.
  await page.keyboard.press('g');
  assert.equal(await page.isChecked('#paper-toggle'), true);
  await page.keyboard.press('g');
  await page.locator('.table-wrap').first().screenshot({ path: screenshotPath('small-screens-phone-table.png') });
}));

test('zoomed to 200 %, a dropped record comes into view', () => onReadyPage(session, async (page) => {
  await page.setViewportSize({ width: 640, height: 400 });
  await page.setInputFiles('#file-input', RECORD);
  await waitForRecord(page);
  const at = await layout(page);
  assert.ok(at.title.top >= 0 && at.title.top < 20, `the heading is at the top: ${JSON.stringify(at)}`);
  assert.ok(at.firstTrace.top > 0 && at.firstTrace.top < at.height, `the first trace starts in view: ${JSON.stringify(at)}`);
  assert.equal(at.pageScrollsSideways, false);
  assert.equal(at.tableScrollsSideways, false);
  await page.screenshot({ path: screenshotPath('small-screens-zoom200.png') });
}));

test('typing a rate while a record is read: the box keeps the focus and the view', () => onReadyPage(session, async (page) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('#default-fs');
  await page.keyboard.type('50');
  await page.setInputFiles('#file-input', RECORD); // as a drop: the focus stays in the box
  assert.equal(await page.evaluate(() => document.activeElement.id), 'default-fs');
  await waitForRecord(page);
  await page.keyboard.type('0');
  const at = await layout(page);
  assert.equal(at.focus, 'default-fs');
  assert.equal(await page.inputValue('#default-fs'), '500');
  assert.equal(at.scrollY, 0, 'the view stays where the person types');
}));

test('on a wide screen where the first trace is in view, the page does not scroll', () => onReadyPage(session, async (page) => {
  await page.setInputFiles('#file-input', RECORD);
  await waitForRecord(page);
  const at = await layout(page);
  assert.equal(at.scrollY, 0);
  assert.ok(at.firstTrace.bottom <= at.height);
}));
