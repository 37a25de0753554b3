// The noise reader through the ES module (createAnnotator's noiseModel options): with the shipped
// model the shipped noise reader comes too, and a record whose leads agree on under 97 % of the
// beats is read by it (result.readBy, a warning); noiseModel: false and a custom model go without.
// The noisy record is tests/python/test_noise_reader_cli.py's: LUDB record 5 as a two-lead
// recorder with muscle noise at 0 dB (training/holter_suite.py, seed 17), written as CSV by Python.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';

import { loadAnnotator, readRecord5, sourceDir, webBuildDir } from './helpers.mjs';

const WRITE_NOISY_CSV = `
import sys
from training import holter_suite, ludb
from training.evaluate_engine import write_csv
c = holter_suite.BY_NAME["2-lead 250 Hz 0.05-100 muscle 0 dB"]
write_csv(sys.argv[1], c.rate, list(c.leads), holter_suite.recorded_leads(ludb.read_record(5), c, 17))
`;

async function noisyRecord(annotator) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-noise-'));
  const file = path.join(dir, 'noisy5.csv');
  execFileSync('/usr/bin/python3', ['-c', WRITE_NOISY_CSV, file], { cwd: sourceDir });
  const { records } = await annotator.readFile('noisy5.csv', fs.readFileSync(file));
  fs.rmSync(dir, { recursive: true });
  return records[0];
}

const annotateRecord = (annotator, record) =>
  annotator.annotate(record.leads.map((l) => l.samples), record.fs, { leadNames: record.leads.map((l) => l.name) });

test('the shipped noise reader reads the noisy record, the first model the clean one', async () => {
  const annotator = await loadAnnotator({ variant: 'simd' });
  assert.equal(annotator.modelInfo.noiseReader, 'qrs-unet-wide-noisy');
  assert.equal(annotateRecord(annotator, await readRecord5(annotator)).readBy, 'qrs-unet-small');
  const record = await noisyRecord(annotator);
  const noisy = annotateRecord(annotator, record);
  assert.equal(noisy.readBy, 'qrs-unet-wide-noisy');
  assert.deepEqual(noisy.noiseReaderSpans, [{ start: 0, end: record.leads[0].samples.length }]);
  assert.ok(noisy.warnings.some((w) => /agree on \d+ % of the beats/.test(w) && w.includes('qrs-unet-wide-noisy')),
    noisy.warnings.join('\n'));

  const alone = await loadAnnotator({ variant: 'simd', noiseModel: false });
  assert.equal(alone.modelInfo.noiseReader, null);
  assert.equal(annotateRecord(alone, record).readBy, 'qrs-unet-small');

  const custom = await loadAnnotator({ variant: 'simd', modelBytes: fs.readFileSync(path.join(webBuildDir, 'qrs_unet.qrsm')) });
  assert.equal(custom.modelInfo.noiseReader, null);
});

test('a one-lead record is judged by the two models\' agreement', async () => {
  // One lead always agrees with itself, so the engine reads such a record with both models.
  const annotator = await loadAnnotator({ variant: 'simd' });
  const record = await noisyRecord(annotator);
  const ii = record.leads[0];
  const noisy = annotator.annotate([ii.samples], record.fs, { leadNames: [ii.name] });
  assert.equal(noisy.readBy, 'qrs-unet-wide-noisy');
  assert.ok(noisy.warnings.some((w) => /on its one lead, the two models .* agree on \d+ % of the beats/.test(w)),
    noisy.warnings.join('\n'));
  const clean = await readRecord5(annotator);
  const cleanII = clean.leads.find((l) => l.name.toLowerCase() === 'ii');
  assert.equal(annotator.annotate([cleanII.samples], clean.fs, { leadNames: ['ii'] }).readBy, 'qrs-unet-small');
});

test('noiseConventionWeight blends what the noise reader reads, conventionWeight the rest', async () => {
  // The handed-over marks are the noise reader's own at the noisy weight: the reader loaded as the
  // only model, with conventionWeight set to that weight, marks the same. Weight 0 keeps each
  // lead's own marks, which differ here from the default's.
  const annotator = await loadAnnotator({ variant: 'simd' });
  const reader = await loadAnnotator({
    variant: 'simd', noiseModel: false, modelBytes: fs.readFileSync(path.join(webBuildDir, 'qrs_unet_noisy.qrsm')),
  });
  const record = await noisyRecord(annotator);
  const options = (extra) => ({ leadNames: record.leads.map((l) => l.name), ...extra });
  const marks = (result) => result.leads.map((l) => l.qrs.map((q) => [q.onset, q.offset]));
  const leads = record.leads.map((l) => l.samples);
  const byDefault = annotator.annotate(leads, record.fs, options({}));
  assert.deepEqual(marks(byDefault), marks(reader.annotate(leads, record.fs, options({ conventionWeight: 0.8 }))));
  const own = annotator.annotate(leads, record.fs, options({ noiseConventionWeight: 0 }));
  assert.deepEqual(marks(own), marks(reader.annotate(leads, record.fs, options({ conventionWeight: 0 }))));
  assert.notDeepEqual(marks(own), marks(byDefault));
});
