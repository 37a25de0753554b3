// Samples without a value on the page, in real Chromium: LUDB record 1's leads i, ii and v1 as a
// CSV whose samples 1000-1999 are empty in every lead (a 2 s hole, as a recorder that lost its
// electrodes writes) and whose lead ii lacks the two samples around one R peak. Read back from
// the canvases' pixels through plot.js's own mapping: nothing of the trace is drawn across the
// hole (no straight line bridging it), the hole is shaded, the R peak's pixel column still
// reaches the peak (a NaN beside it hides none of its good samples), and the annotator's warnings
// under the summary say which leads have no samples where, once. No request but to 127.0.0.1, no error.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { onReadyPage, pageSession, screenshotPath } from './chromium.mjs';
import { ludbLeads } from './ludb_records.mjs';

const FS = 500;
const HOLE = { start: 1000, end: 2000 };

const session = pageSession();

test('a stretch without values is a shaded gap in the trace, named under the summary', () => onReadyPage(session, async (page) => {
  const [i, ii, v1] = ludbLeads(1, ['i', 'ii', 'v1']);
  // Lead ii's highest sample between 5 and 6 s: an R peak; the samples either side go empty.
  let peak = 2500;
  for (let k = 2500; k < 3000; ++k) if (ii[k] > ii[peak]) peak = k;
  const empty = (lead, k) => (k >= HOLE.start && k < HOLE.end) || (lead === ii && Math.abs(k - peak) === 1);
  let csv = '# fs=500\ni,ii,v1\n';
  for (let k = 0; k < i.length; ++k) csv += [i, ii, v1].map((lead) => (empty(lead, k) ? '' : lead[k].toFixed(4))).join(',') + '\n';

  await page.setInputFiles('#file-input', { name: 'holes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#summary[data-beats]', { timeout: 60000 });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.screenshot({ path: screenshotPath('invalid-samples.png'), fullPage: true });

  // Per lead: how many pixel columns inside the hole (away from its edges) hold a trace pixel
  // (dark and mostly opaque; the duration labels along the top and the shading's label along the
  // bottom are left out); the shading's colour inside the hole; and in lead ii, how far the
  // highest trace pixel around the peak's column lies from where the mapping puts the peak.
  const drawn = await page.evaluate(({ hole, peak, peakValue }) => [...document.querySelectorAll('#leads canvas')].map((canvas, lead) => {
    const m = canvas.plotMapping;
    const image = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const at = (x, y) => image.data.slice((y * image.width + x) * 4, (y * image.width + x) * 4 + 4);
    const isTrace = ([r, g, b, a]) => a >= 128 && r < 90 && g < 90 && b < 100;
    const traceRows = (x) => {
      const rows = [];
      for (let y = 16; y < m.plotHeight - 16; ++y) if (isTrace(at(x, y))) rows.push(y);
      return rows;
    };
    const from = Math.ceil(m.indexToX(hole.start + 50));
    const to = Math.floor(m.indexToX(hole.end - 50));
    let crossed = 0;
    for (let x = from; x <= to; ++x) if (traceRows(x).length) crossed += 1;
    const shade = [...at(Math.round(m.indexToX(hole.start + 250)), 20)];
    let peakMiss = null;
    if (lead === 1) {
      const column = Math.floor(m.indexToX(peak));
      const top = Math.min(...[column - 1, column, column + 1].flatMap((x) => {
        const rows = [];
        for (let y = 0; y < m.plotHeight; ++y) if (isTrace(at(x, y))) rows.push(y);
        return rows;
      }));
      peakMiss = top - m.traceY(peakValue);
    }
    return { columns: to - from + 1, crossed, shade, peakMiss };
  }), { hole: HOLE, peak, peakValue: Number(ii[peak].toFixed(4)) });

  assert.equal(drawn.length, 3);
  drawn.forEach((lead, k) => {
    assert.ok(lead.columns > 100, `lead ${k + 1}: the hole spans only ${lead.columns} columns`);
    assert.equal(lead.crossed, 0, `lead ${k + 1}: the trace is drawn in ${lead.crossed} of the hole's ${lead.columns} columns`);
    const [r, g, b, a] = lead.shade;
    assert.ok(a >= 30 && a <= 60 && Math.abs(r - 120) <= 6 && Math.abs(g - 130) <= 6 && Math.abs(b - 145) <= 6,
              `lead ${k + 1}: the hole is not shaded (${lead.shade})`);
  });
  assert.ok(Math.abs(drawn[1].peakMiss) <= 2, `lead ii's R peak is drawn ${drawn[1].peakMiss} px from where it is`);

  // The annotator's warnings name the stretches without samples (the page adds no note of its
  // own that would say it twice), and no lead is called flat for them.
  const notes = await page.$$eval('#annotation-warnings li', (items) => items.map((li) => li.textContent));
  const secondsOf = (k) => {
    let s = (k / FS).toFixed(3);
    while (s.endsWith('0') && !s.endsWith('.0')) s = s.slice(0, -1);
    return s;
  };
  assert.ok(notes.includes("holes: leads 'i', 'v1': 2.0 s of 10.0 s missing (no samples) from 2.0 s to 4.0 s; no QRS marked there"),
            notes.join('\n'));
  assert.ok(notes.includes(`holes: lead 'ii': 2.004 s of 10.0 s missing (no samples) from 2.0 s to 4.0 s, ` +
                           `from ${secondsOf(peak - 1)} s to ${secondsOf(peak)} s, from ${secondsOf(peak + 1)} s to ${secondsOf(peak + 2)} s; ` +
                           'no QRS marked there'), notes.join('\n'));
  assert.equal(notes.filter((n) => /missing|no values/.test(n)).length, 2, notes.join('\n'));
  assert.ok(!notes.some((n) => /flat/.test(n)), notes.join('\n'));
  assert.equal(await page.isVisible('#annotation-warnings'), true);
}));
