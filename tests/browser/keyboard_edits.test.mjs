// Correcting the marks with the keyboard alone, in real Chromium on LUDB record 5 (12 leads, 500
// Hz, 9 beats): a beat row selects its QRS (Enter, Space, ↑/↓ from row to row), Delete and
// Shift+Delete delete it or its beat and the focus stays at that row; a selected QRS's onset or
// offset is taken with [ or ], moved a sample (←/→) or 10 ms (Shift+←/→), put down with Enter (one
// undo step) or back with Esc; the traces take the focus (one Tab stop, ↑/↓ from lead to lead), a
// cursor moves along them, Enter selects the QRS under it, and Q / B add a QRS or a beat from the
// cursor's onset to its offset; every step is said on the status line (a live region), the cursor
// in the readout. The keyboard help on the page names the steps. No request but to 127.0.0.1, no error.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { ludbDir } from '../js/helpers.mjs';
import { onReadyPage, pageSession, screenshotPath, tabTo } from './chromium.mjs';

const session = pageSession();

async function openRecord5(page) {
  await page.setInputFiles('#file-input', [path.join(ludbDir, '5.hea'), path.join(ludbDir, '5.dat')]);
  await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });
}

const status = (page) => page.textContent('#status');
const rows = (page) => page.$$eval('#results tbody tr[data-index]', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
const focused = (page) => page.evaluate(() => ({
  index: document.activeElement.dataset?.index, label: document.activeElement.getAttribute('aria-label'), tag: document.activeElement.tagName,
}));
const editCount = async (page) => Number(await page.getAttribute('#summary', 'data-edits'));
const readout = (page) => page.$eval('#readout', (r) => ({ sample: Number(r.dataset.sample), lead: r.dataset.lead, live: r.getAttribute('aria-live'), text: r.textContent }));
// Waits for the tables to catch up with the marks (they follow a frame later).
const settled = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

// The page's JSON export of the record on screen: its marks per lead.
async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  return JSON.parse(fs.readFileSync(await download.path(), 'utf8')).files[0].records[0];
}

test('beat rows select their QRS; Delete and Shift+Delete there; the focus stays at the row', () => onReadyPage(session, async (page) => {
  await openRecord5(page);
  assert.equal((await rows(page)).length, 9);
  await page.mouse.click(5, 5);
  await tabTo(page, '#results tbody tr:first-child');
  assert.equal(await page.isDisabled('#delete-qrs'), true, 'nothing selected yet');
  // ↓ goes from row to row, selecting each beat's QRS (lead i: the cursor's lead).
  for (let k = 0; k < 3; ++k) await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).index, '3');
  assert.equal(await page.isDisabled('#delete-qrs'), false, 'row 4 selected a QRS');
  const beat4 = (await rows(page))[3];
  assert.match(await status(page), new RegExp(`^Beat 4 \\(${beat4[1]}–${beat4[2]} s, QRS ${beat4[3]} ms\\): Selected the QRS in lead i at .* \\(\\d+ ms, model\\)\\. Delete deletes it`));
  await page.locator('#viewer').screenshot({ path: screenshotPath('keyboard-edits-row-selected.png') });

  // Delete: lead i's QRS of beat 4 goes; the beat stays (11 leads mark it); the focus stays.
  await page.keyboard.press('Delete');
  await settled(page);
  assert.equal(await editCount(page), 1);
  assert.match(await status(page), /^Deleted the QRS in lead i at .* \(Ctrl\+Z undoes it\)\.$/);
  assert.match(await page.textContent('#summary'), /complexes per lead: i 8, ii 9/);
  assert.equal((await focused(page)).index, '3', 'the focus stays at row 4');
  assert.equal(await page.isDisabled('#delete-qrs'), true);

  // Space on the row selects beat 4's QRS in the first lead that still marks it (ii), and
  // Shift+Delete deletes the whole beat: the row now holds the next beat and keeps the focus.
  await page.keyboard.press(' ');
  assert.match(await status(page), /Selected the QRS in lead ii /);
  const beat5 = (await rows(page))[4];
  await page.keyboard.press('Shift+Delete');
  await settled(page);
  assert.equal((await rows(page)).length, 8);
  assert.equal((await focused(page)).index, '3');
  assert.deepEqual((await rows(page))[3].slice(1, 3), beat5.slice(1, 3));
  assert.match(await status(page), /^Deleted the beat of the QRS in lead ii /);

  // ↑ from there and Ctrl+Z twice: all back, each undo said.
  await page.keyboard.press('ArrowUp');
  assert.equal((await focused(page)).index, '2');
  await page.keyboard.press('Control+z');
  assert.match(await status(page), /^Undid: delete beat\.$/);
  await page.keyboard.press('Control+z');
  assert.match(await status(page), /^Undid: delete QRS in i\.$/);
  await settled(page);
  assert.equal((await rows(page)).length, 9);
  assert.equal(await editCount(page), 0);
}));

test('a selected QRS\'s onset and offset move by a sample or 10 ms: [ or ], ←/→, Enter or Esc', () => onReadyPage(session, async (page) => {
  await openRecord5(page);
  const before = await exported(page);
  await page.mouse.click(5, 5);
  await tabTo(page, '#results tbody tr:first-child');
  await page.keyboard.press('ArrowDown');
  const model = before.leads[0].qrs[1];

  // [ takes the onset; ← one sample, Shift+← 10 ms (5 samples at 500 Hz); Enter puts it down.
  await page.keyboard.press('[');
  assert.match(await status(page), /^Took the onset of the QRS in lead i at .*Shift\+←\/→ 10 ms; Enter puts it down, Esc puts it back\.$/);
  await page.keyboard.press('ArrowLeft');
  assert.match(await status(page), /^Onset at [\d.]+ s \(−2 ms\): QRS \d+ ms\.$/);
  await page.keyboard.press('Shift+ArrowLeft');
  assert.match(await status(page), /^Onset at [\d.]+ s \(−12 ms\)/);
  await page.keyboard.press('Enter');
  assert.match(await status(page), /^Moved the onset of the QRS in lead i to [\d.]+ s \(−12 ms; Ctrl\+Z undoes it\)\.$/);
  assert.equal((await focused(page)).index, '1', 'the row keeps the focus');
  let after = await exported(page);
  // The model's boundaries lie between samples; moved, they are on whole samples.
  assert.deepEqual(after.leads[0].qrs[1], { ...after.leads[0].qrs[1], onset: Math.round(model.onset) - 6, offset: model.offset, source: 'edited', modelOnset: model.onset });
  assert.equal(after.edits, 1);

  // ( takes the onset too; Shift+→ twice and Esc: back where it was taken.
  await page.keyboard.press('(');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Escape');
  assert.match(await status(page), /^The onset is back at /);
  assert.equal((await exported(page)).leads[0].qrs[1].onset, Math.round(model.onset) - 6);

  // ] takes the offset: → three samples, Enter. The row shows the beat as edited.
  await page.keyboard.press(']');
  for (let k = 0; k < 3; ++k) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  after = await exported(page);
  assert.equal(after.leads[0].qrs[1].offset, Math.round(model.offset) + 3);
  await settled(page);
  assert.match((await rows(page))[1][0], /^✎ 2$/);
  await page.locator('#viewer').screenshot({ path: screenshotPath('keyboard-edits-moved.png') });

  // Each take is one undo step: two Ctrl+Z and the marks are the model's.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await settled(page);
  assert.equal(await editCount(page), 0);
}));

test('the traces take the focus: a cursor, lead to lead, Enter selects, Q and B add at the cursor', () => onReadyPage(session, async (page) => {
  await openRecord5(page);
  const model = (await exported(page)).leads;
  // One Tab stop for the twelve leads; a visible focus ring and the cursor over that lead.
  assert.equal(await page.$$eval('#leads canvas', (cs) => cs.filter((c) => c.tabIndex === 0).length), 1);
  await page.mouse.click(5, 5);
  await tabTo(page, '#leads canvas');
  assert.equal((await focused(page)).label, 'Lead i of record 5');
  assert.equal(await page.isHidden('#key-cursor'), false);
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(ring, 'none');
  const start = await readout(page);
  assert.equal(start.live, 'polite', 'the keyboard cursor is read out');
  await page.keyboard.press('ArrowRight');
  assert.equal((await readout(page)).sample, start.sample + 1);
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal((await readout(page)).sample, start.sample + 6);

  // ↓ to lead ii; Home, then Ctrl+→ to its first QRS onset; Enter selects that QRS.
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).label, 'Lead ii of record 5');
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+ArrowRight');
  // The model's boundaries lie between samples: the cursor is on whole samples.
  const first = Object.fromEntries(['onset', 'offset'].map((k) => [k, Math.round(model[1].qrs[0][k])]));
  assert.deepEqual(await readout(page), { ...(await readout(page)), sample: first.onset, lead: 'ii' });
  await page.keyboard.press('Enter');
  assert.match(await status(page), /^Selected the QRS in lead ii at /);
  assert.equal(await page.isDisabled('#delete-qrs'), false);
  await page.locator('#trace-area').screenshot({ path: screenshotPath('keyboard-edits-trace-cursor.png') });
  // Ctrl+→ again: its offset. Delete it, then add it back with Q: Enter at the offset, cursor to
  // the onset (Ctrl+←, then a few samples), Enter.
  await page.keyboard.press('Control+ArrowRight');
  assert.equal((await readout(page)).sample, first.offset);
  await page.keyboard.press('Delete');
  assert.match(await status(page), /^Deleted the QRS in lead ii /);
  await page.keyboard.press('q');
  assert.equal(await page.getAttribute('#add-qrs', 'aria-pressed'), 'true');
  assert.match(await status(page), /press Enter at the onset and again at the offset/);
  await page.keyboard.press('Enter');
  assert.match(await status(page), /^Onset at [\d.]+ s: move the cursor to the offset/);
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await page.isHidden('#sweep'), false, 'the sweep shows the QRS being added');
  for (let k = 0; k < first.offset - first.onset - 5; ++k) await page.keyboard.press('ArrowLeft');
  assert.equal((await readout(page)).sample, first.onset);
  await page.keyboard.press('Enter');
  assert.match(await status(page), /^Add QRS in ii at [\d.]+–[\d.]+ s: done \(Ctrl\+Z undoes it\)\.$/);
  assert.equal(await page.getAttribute('#add-qrs', 'aria-pressed'), 'false');
  let leads = (await exported(page)).leads;
  assert.deepEqual(leads[1].qrs[0], { ...leads[1].qrs[0], onset: first.onset, offset: first.offset, source: 'edited' });

  // A beat missed by every lead: delete beat 3 (its row, Shift+Delete), then B: the focus goes to
  // the traces, where the cursor is at beat 3's QRS in its lead (ii, where it was last); Enter, Shift+→ to the
  // offset, Enter.
  await tabTo(page, '#results tbody tr:first-child');
  await page.keyboard.press('ArrowUp'); // the first row: nothing above
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const beat3 = (await rows(page))[2];
  await page.keyboard.press('Shift+Delete');
  await settled(page);
  assert.equal((await rows(page)).length, 8);
  await page.keyboard.press('b');
  assert.equal((await focused(page)).label, 'Lead ii of record 5', 'the cursor\'s lead');
  await page.keyboard.press('Enter');
  const steps = Math.round((Number(beat3[2]) - Number(beat3[1])) * 100);
  for (let k = 0; k < steps; ++k) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Enter');
  assert.match(await status(page), /^Add beat at [\d.]+–[\d.]+ s: done/);
  await settled(page);
  const again = await rows(page);
  assert.equal(again.length, 9);
  assert.match(again[2][0], /^✎ 3$/);
  // From where the cursor was: lead ii's onset of beat 3, in whole samples.
  assert.equal(again[2][1], (Math.round(model[1].qrs[2].onset) / 500).toFixed(3));
  leads = (await exported(page)).leads;
  assert.ok(leads.every((l) => l.qrs.some((q) => q.source === 'edited' && q.modelOnset === null)), 'the beat is in every lead');
  await page.locator('#viewer').screenshot({ path: screenshotPath('keyboard-edits-beat-added.png') });
}));

test('the keyboard help on the page says which keys do what and by how much', () => onReadyPage(session, async (page) => {
  await openRecord5(page);
  const help = page.locator('#keyboard-help');
  await help.locator('summary').click();
  const text = (await help.textContent()).replace(/\s+/g, ' ');
  for (const phrase of ['←/→ move the cursor one sample', 'Shift+←/→ 10 ms', 'Enter or Space on a row selects the beat\'s QRS',
    'Delete deletes it, Shift+Delete its whole beat', 'takes its onset', 'Esc puts it back', 'press Enter at the onset']) {
    assert.ok(text.includes(phrase), `the help lacks "${phrase}": ${text}`);
  }
  assert.equal(await page.getAttribute('#leads canvas >> nth=0', 'aria-describedby'), 'trace-keys');
  await help.screenshot({ path: screenshotPath('keyboard-edits-help.png') });
}));
