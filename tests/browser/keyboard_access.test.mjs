// The page by keyboard, in real Chromium under serve.py's Content-Security-Policy, on LUDB record
// 5: shortcuts work while the file picker keeps the focus after files were chosen, and after a
// rate was typed and Enter pressed (while typing in the box, letters stay the box's). No request
// but to 127.0.0.1, no error.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { ludbDir } from '../js/helpers.mjs';
import { assertClean, openReadyPage, pageSession } from './chromium.mjs';

const session = pageSession();

const pressed = (page, button) => page.getAttribute(button, 'aria-pressed');

test('shortcuts work after choosing files with the picker and after typing a rate', async () => {
  const watched = await openReadyPage(session);
  const { page } = watched;
  // As after a person chose the files in the picker's dialog: the picker has the focus.
  await page.focus('#file-input');
  await page.setInputFiles('#file-input', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file-input');
  await page.keyboard.press('q');
  assert.equal(await pressed(page, '#add-qrs'), 'true', 'Q on the file picker');
  await page.keyboard.press('b');
  assert.equal(await pressed(page, '#add-beat'), 'true', 'B on the file picker');
  await page.keyboard.press('Escape');
  assert.equal(await pressed(page, '#add-beat'), 'false', 'Esc on the file picker');
  await page.keyboard.press('g');
  assert.equal(await page.isChecked('#paper-toggle'), true, 'G on the file picker');
  await page.keyboard.press('g');
  assert.equal(await page.isChecked('#paper-toggle'), false);

  // Typing in the rate box: its letters are its own; after Enter the shortcuts apply again.
  await page.click('#default-fs');
  await page.keyboard.type('500');
  await page.keyboard.press('q');
  assert.equal(await pressed(page, '#add-qrs'), 'false', 'Q typed into the rate box');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#default-fs'), '500');
  await page.keyboard.press('q');
  assert.equal(await pressed(page, '#add-qrs'), 'true', 'Q after Enter in the rate box');
  await page.keyboard.press('Escape');
  assertClean(watched);
  await page.close();
});
