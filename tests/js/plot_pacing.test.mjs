// web/plot.js draws the record's pacemaker spikes as thin vertical lines the full height of the
// plot, at the spike's sample, in every lead; nothing of that colour without spikes. A canvas
// whose 2-D context records the path calls stands in for the browser's (plot.js only draws).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { sourceDir } from './helpers.mjs';
import { recordingCanvas } from './recording_canvas.mjs';

const { drawLead, COLORS } = await import(pathToFileURL(path.join(sourceDir, 'web', 'plot.js')).href);

function lead() {
  const samples = new Float32Array(1000).map((_, i) => Math.sin(i / 20));
  return { name: 'ii', samples, qrs: [], silenced: [] };
}

test('each pacemaker spike is a thin full-height line at its sample', () => {
  const { canvas, strokes } = recordingCanvas();
  // 500 Hz, the view 0-2 s over 1000 px: sample 250 (0.5 s) at x = 250, sample 1500 off screen.
  drawLead(canvas, lead(), 500, { start: 0, end: 2 },
           { pacingSpikes: [{ sample: 250, leads: 12 }, { sample: 600, leads: 3 }, { sample: 1500, leads: 1 }] });
  const spikes = strokes.filter((s) => s.style === COLORS.pacingSpike);
  assert.equal(spikes.length, 1, 'one path for all the spikes');
  assert.equal(spikes[0].width, 1);
  const plotHeight = 200 - 18;
  assert.deepEqual(spikes[0].path, [['M', 250.5, 0], ['L', 250.5, plotHeight], ['M', 600.5, 0],
                                     ['L', 600.5, plotHeight]]);
});

test('no spike lines without spikes', () => {
  const { canvas, strokes } = recordingCanvas();
  drawLead(canvas, lead(), 500, { start: 0, end: 2 });
  assert.ok(strokes.length > 0, 'the trace was drawn');
  assert.ok(strokes.every((s) => s.style !== COLORS.pacingSpike));
});

// The noise reader's stretches: a strip along the top of the plot over exactly those samples.
test('the noise reader\'s stretches are a strip along the top, nothing of it without them', () => {
  const { canvas, fills } = recordingCanvas();
  drawLead(canvas, lead(), 500, { start: 0, end: 2 }, { noiseReaderSpans: [{ start: 100, end: 400 }] });
  const strips = fills.filter((f) => f.style === COLORS.noiseReader);
  assert.equal(strips.length, 1);
  assert.deepEqual([strips[0].x, strips[0].y, strips[0].x + strips[0].w], [100, 0, 400]);
  assert.ok(strips[0].h > 0 && strips[0].h < 10, 'a thin strip, not a shaded area');
  const plain = recordingCanvas();
  drawLead(plain.canvas, lead(), 500, { start: 0, end: 2 });
  assert.ok(plain.fills.every((f) => f.style !== COLORS.noiseReader));
});
