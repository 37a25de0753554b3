// The page by keyboard and to a screen reader, in real Chromium under serve.py's
// Content-Security-Policy, on LUDB record 5: files chosen with the picker, the record's heading takes
// the focus, and shortcuts work there, on the file picker (which keeps the focus when no record
// opens), and after a rate was typed and Enter pressed (while typing in the box,
// letters stay the box's); Tab reaches the file list's buttons (with a visible focus ring) and the
// beat table's rows (Enter centres the view on the beat, as a click does); Enter or Space on the
// drop zone opens the file picker; the traces are named with the record and its leads; every
// control has a name of its own, found by role and name (or by label) exactly once. No request but
// to 127.0.0.1, no error.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { ludbDir } from '../js/helpers.mjs';
import { onReadyPage, pageSession, screenshotPath, tabTo } from './chromium.mjs';

const session = pageSession();

const pressed = (page, button) => page.getAttribute(button, 'aria-pressed');

test('shortcuts work after choosing files with the picker and after typing a rate', () => onReadyPage(session, async (page) => {
  // As after a person chose the files in the picker's dialog: the picker has the focus.
  await page.focus('#file-input');
  await page.setInputFiles('#file-input', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'record-title', 'the record opened takes the focus');
  await page.keyboard.press('g');
  assert.equal(await page.isChecked('#paper-toggle'), true, 'G on the record\'s heading');
  await page.keyboard.press('g');
  await page.focus('#file-input');
  await page.keyboard.press('q');
  assert.equal(await pressed(page, '#add-qrs'), 'true', 'Q on the file picker');
  await page.focus('#file-input');
  await page.keyboard.press('b');
  assert.equal(await pressed(page, '#add-beat'), 'true', 'B on the file picker');
  await page.focus('#file-input');
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
}));

const view = (page) => page.$eval('#leads', (el) => ({ start: Number(el.dataset.viewStart), end: Number(el.dataset.viewEnd) }));

test('Tab reaches the file list and the beat rows, Enter opens the picker from the drop zone, the traces are named', () => onReadyPage(session, async (page) => {
  await page.setInputFiles('#file-input', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });

  // The traces name the record and its leads.
  assert.match(await page.getAttribute('#leads', 'aria-label'), /^ECG traces of record 5: 12 leads \(i, ii, iii, avr, avl, avf, v1, v2, v3, v4, v5, v6\)/);
  assert.equal(await page.getAttribute('#leads', 'role'), 'group');
  assert.equal(await page.getByRole('img', { name: 'Lead v1 of record 5' }).count(), 1);
  assert.equal(await page.getByRole('img', { name: /^Lead .* of record 5$/ }).count(), 12);

  // The file list's button shows that it has the focus.
  await page.mouse.click(5, 5); // start from the top of the page
  await tabTo(page, '.file-entry button.open');
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.ok(ring.style !== 'none' && ring.width >= 1, `the focused file button has no focus ring: ${JSON.stringify(ring)}`);
  await page.locator('#files').screenshot({ path: screenshotPath('keyboard-file-focus.png') });

  // Zoomed in, Tab to the fifth beat's row and Enter: the view is centred on that beat.
  const box = await page.locator('#leads').boundingBox();
  await page.mouse.move(box.x + 100, box.y + 50);
  await page.mouse.wheel(0, -900);
  await page.waitForFunction(() => Number(document.querySelector('#leads').dataset.viewEnd) < 5);
  await tabTo(page, '#results tbody tr:first-child');
  for (let k = 0; k < 4; ++k) await page.keyboard.press('Tab');
  const row = await page.evaluate(() => [...document.activeElement.children].map((td) => td.textContent));
  assert.equal(row[0], '5', 'Tab went from row to row');
  await page.locator('#results').screenshot({ path: screenshotPath('keyboard-row-focus.png') });
  const before = await view(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction((start) => Number(document.querySelector('#leads').dataset.viewStart) !== start, before.start);
  const after = await view(page);
  const centre = (Number(row[1]) + Number(row[2])) / 2;
  assert.ok(Math.abs((after.start + after.end) / 2 - centre) < 0.01, `view ${JSON.stringify(after)} is not centred on beat 5 at ${centre} s`);
  assert.ok(Math.abs((after.end - after.start) - (before.end - before.start)) < 1e-9, 'the zoom stays');

  // The drop zone: Enter and Space open the file picker.
  const pickerOn = async (p, key) => {
    // Waiting for the event turns on Playwright's catching of pickers: the focus's round trip
    // after it makes sure that is done before the key is pressed.
    const chooser = p.waitForEvent('filechooser', { timeout: 5000 });
    await p.focus('#drop-zone');
    await p.keyboard.press(key);
    assert.equal((await chooser).isMultiple(), true, `${key}: the picker takes several files`);
  };
  await pickerOn(page, 'Enter');
  await pickerOn(page, ' ');
}));

// The named controls of the page's accessibility tree (Playwright's ARIA snapshot): [{role, name}].
const CONTROL_ROLES = new Set(['region', 'group', 'img', 'button', 'checkbox', 'combobox', 'spinbutton', 'textbox', 'link', 'radio', 'slider']);
async function namedControls(page) {
  const controls = [];
  for (const line of (await page.locator('body').ariaSnapshot()).split('\n')) {
    // - button "Export JSON"  or, with a quote in the name,  - 'button "Try an example: ... cardiologists'' ..."'
    const match = line.match(/^\s*- ('?)(\w+) "((?:[^"\\]|\\.)*)"/);
    if (!match || !CONTROL_ROLES.has(match[2])) continue;
    const name = match[3].replace(/\\(.)/g, '$1');
    controls.push({ role: match[2], name: match[1] ? name.replace(/''/g, "'") : name });
  }
  return controls;
}

test('each control has a name of its own: found by role and name, or by label, once', () => onReadyPage(session, async (page) => {
  await page.setInputFiles('#file-input', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
  // The names people and tests use.
  assert.equal(await page.getByRole('region', { name: /Drop ECG files/ }).count(), 1);
  assert.equal(await page.getByRole('button', { name: 'choose files', exact: true }).count(), 1);
  assert.equal(await page.getByLabel('choose files').count(), 1, 'the file picker, and nothing else, is labelled "choose files"');
  assert.equal(await page.getByLabel(/Sampling rate for files that state none/).count(), 1);

  const controls = await namedControls(page);
  assert.ok(controls.length > 30, `${controls.length} named controls: ${JSON.stringify(controls)}`);
  for (const { role, name } of controls) {
    // Playwright matches a name given as a string inside longer names too, across roles for labels.
    assert.equal(await page.getByRole(role, { name }).count(), 1, `${role} "${name}"`);
    assert.ok(await page.getByLabel(name).count() <= 1, `label "${name}" names more than one control`);
  }
}));
