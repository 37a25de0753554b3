// The ES module's own behaviour: variants agree, errors are readable Errors, the result has the
// documented shape, .npz members compressed by numpy are inflated before the wasm reader sees them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { ludbFile, loadAnnotator, maxAbsDiff, readRecord5, sourceDir, webBuildDir } from './helpers.mjs';

test('plain and SIMD variants load and agree on LUDB record 5', async () => {
  const plain = await loadAnnotator({ variant: 'plain' });
  const simd = await loadAnnotator({ variant: 'simd' });
  assert.equal(plain.variant, 'plain');
  assert.equal(simd.variant, 'simd');
  const record = await readRecord5(plain);
  const leads = record.leads.map((l) => l.samples);
  const a = plain.annotate(leads, record.fs);
  const b = simd.annotate(leads, record.fs);
  for (let i = 0; i < a.leads.length; ++i) {
    assert.ok(maxAbsDiff(a.leads[i].onsetProb, b.leads[i].onsetProb) <= 1e-5);
    assert.ok(maxAbsDiff(a.leads[i].offsetProb, b.leads[i].offsetProb) <= 1e-5);
  }
  assert.equal(a.beats.length, b.beats.length);
  plain.dispose();
  simd.dispose();
});

test('result has the documented shape, in the input rate', async () => {
  const annotator = await loadAnnotator();
  const record = await readRecord5(annotator);
  // Resampled copy at 250 Hz: positions must come back in the input's own rate.
  const half = record.leads.map((l) => l.samples.filter((_, i) => i % 2 === 0));
  const full = annotator.annotate([record.leads[1].samples], 500, { leadNames: ['ii'] });
  const low = annotator.annotate([half[1]], 250);
  assert.deepEqual(Object.keys(full).sort(), ['beats', 'fs', 'leads', 'length', 'noiseReaderSpans', 'pacingSpikes', 'readBy', 'record', 'warnings']);
  assert.equal(full.leads[0].name, 'ii');
  assert.equal(low.leads[0].name, 'lead0');
  assert.ok(full.leads[0].onsetProb instanceof Float32Array);
  assert.equal(full.leads[0].onsetProb.length, 5000);
  assert.equal(low.leads[0].onsetProb.length, 2500);
  const q = full.leads[0].qrs[0];
  assert.deepEqual(Object.keys(q).sort(), ['durationMs', 'offset', 'offsetProb', 'onset', 'onsetProb']);
  assert.ok(q.offset > q.onset && q.onsetProb > 0 && q.onsetProb <= 1);
  assert.equal(q.durationMs, Number(q.durationMs.toFixed(1)), `durationMs ${q.durationMs}: one decimal, as documented`);
  // Same beats at half the rate: positions halve (within 2 input samples at 250 Hz = 8 ms).
  assert.equal(low.leads[0].qrs.length, full.leads[0].qrs.length);
  low.leads[0].qrs.forEach((e, i) => assert.ok(Math.abs(e.onset * 2 - full.leads[0].qrs[i].onset) < 4));
  annotator.dispose();
});

test('an unnamed record still gets warnings that say which record and lead', async () => {
  const annotator = await loadAnnotator();
  const record = await readRecord5(annotator);
  const leads = [record.leads[1].samples, new Float32Array(record.leads[1].samples.length)];
  const result = annotator.annotate(leads, record.fs, { leadNames: ['ii', 'v1'] });
  assert.equal(result.record, 'record');
  assert.ok(result.warnings.some((w) => w.startsWith("record: lead 'v1' is flat")), result.warnings.join('\n'));
  assert.ok(result.warnings.every((w) => !w.startsWith(':')), result.warnings.join('\n'));
  const named = annotator.annotate(leads, record.fs, { leadNames: ['ii', 'v1'], record: '5' });
  assert.ok(named.warnings.length > 0 && named.warnings.every((w) => w.startsWith('5: ')), named.warnings.join('\n'));
  // A lead without samples for 2 s (NaN) is named as missing there, not as flat.
  const gap = record.leads[10].samples.slice();
  gap.fill(NaN, 1000, 2000);
  const missing = annotator.annotate([record.leads[1].samples, gap], record.fs, { leadNames: ['ii', 'v5'] });
  assert.deepEqual(missing.warnings, ["record: lead 'v5': 2.0 s of 10.0 s missing (no samples) from 2.0 s to 4.0 s; no QRS marked there"]);
  assert.deepEqual(missing.leads[1].silenced, [{ start: 1000, end: 2000 }]);
  annotator.dispose();
});

test('errors are Errors with messages a person understands', async () => {
  const annotator = await loadAnnotator();
  await assert.rejects(annotator.readFile('broken.edf', new Uint8Array([1, 2, 3])), (err) => {
    assert.ok(err instanceof Error);
    assert.match(err.message, /broken\.edf/);
    return true;
  });
  // readFiles never throws for a bad file: the good one is still read.
  const results = await annotator.readFiles([
    { name: '5.hea', bytes: ludbFile('5.hea') }, { name: '5.dat', bytes: ludbFile('5.dat') },
    { name: 'junk.csv', bytes: new TextEncoder().encode('a,b\nx,y\n') },
  ]);
  const good = results.find((r) => r.file === '5.hea');
  const bad = results.find((r) => r.file === 'junk.csv');
  assert.equal(good.error, '');
  assert.equal(good.records[0].leads.length, 12);
  assert.match(bad.error, /junk\.csv/);
  // A file without a rate is told how to give one in this API, or in the embedding app's terms.
  const rateless = { name: 'ii.csv', bytes: new TextEncoder().encode('ii\n' + '0.1\n'.repeat(100)) };
  const [asked] = await annotator.readFiles([rateless]);
  assert.match(asked.error, /^ii\.csv: no sampling rate: .*give the rate \(the fs option of readFiles, e\.g\. \{ fs: 500 \}\)$/);
  const [inApp] = await annotator.readFiles([rateless], { rateHint: 'the Hz box' });
  assert.match(inApp.error, /give the rate \(the Hz box\)$/);
  assert.equal((await annotator.readFiles([rateless], { fs: 250 }))[0].records[0].fs, 250);
  // A file whose every channel is labelled as another kind (EEG, EOG) is refused, saying how to
  // read it all the same in this API, or in the app's terms; allChannels reads every channel.
  const eeg = { name: 'eeg.csv', bytes: new TextEncoder().encode('EEG Fpz-Cz,EOG\n' + '0.1,0.2\n'.repeat(300)) };
  const [refused] = await annotator.readFiles([eeg], { fs: 100 });
  assert.equal(refused.error, 'eeg.csv: no ECG channel: every channel is labelled as another kind of signal: ' +
               'EEG Fpz-Cz (EEG), EOG (EOG); to annotate them all the same, read every channel as a lead ' +
               '(the allChannels option of readFiles, e.g. { allChannels: true })');
  assert.match((await annotator.readFiles([eeg], { fs: 100, allChannelsHint: 'the box' }))[0].error, /as a lead \(the box\)$/);
  const [all] = await annotator.readFiles([eeg], { fs: 100, allChannels: true });
  assert.deepEqual(all.records[0].leads.map((l) => l.name), ['EEG Fpz-Cz', 'EOG']);
  // A clinical export is named, with what to do, not "unrecognised".
  const aecg = '<?xml version="1.0"?>\n<AnnotatedECG xmlns="urn:hl7-org:v3">\n</AnnotatedECG>\n';
  assert.equal((await annotator.readFiles([{ name: 'ecg.xml', bytes: new TextEncoder().encode(aecg) }]))[0].error,
               'ecg.xml: an HL7 aECG file (XML <AnnotatedECG>), which this tool does not read yet; convert it to EDF first, ' +
               "e.g. with BioSig's save2gdf (Debian and Ubuntu package biosig-tools): save2gdf -f=EDF ecg.xml ecg.edf");
  assert.throws(() => annotator.annotate([new Float32Array(100), new Float32Array(99)], 500), /same length/);
  assert.throws(() => annotator.annotate([new Float32Array(100)], 0), /fs must be a positive/);
  assert.throws(() => annotator.annotate([], 500), /non-empty array/);
  await assert.rejects(loadAnnotator({ modelBytes: new Uint8Array(64) }), /not a QRS model file/);
  const model = fs.readFileSync(path.join(process.env.QRS_WEB_BUILD_DIR ?? 'web/build', 'qrs_unet.qrsm'));
  const damaged = Uint8Array.from(model);
  damaged[damaged.length - 100] ^= 0xff;
  await assert.rejects(loadAnnotator({ modelBytes: damaged }), /checksum/);
  // A model file that is not there is named by its URL (and the way out), whichever variant.
  const missing = new URL('file:///nonexistent/qrs_unet_noisy.qrsm');
  await assert.rejects(loadAnnotator({ noiseModelUrl: missing.href }),
                       { message: /^cannot read the noise model at file:\/\/\/nonexistent\/qrs_unet_noisy\.qrsm: ENOENT.*; ship qrs_unet_noisy\.qrsm beside qrs_unet\.qrsm, or pass noiseModel: false$/ });
  // Two leads of 10 s handed over as (samples, leads): refused, saying so.
  assert.throws(() => annotator.annotate(Array.from({ length: 2500 }, () => new Float32Array(2)), 250),
                /2500 leads of 2 samples each, more leads than samples.*\(samples, leads\) must be transposed/);
  annotator.dispose();
  assert.throws(() => annotator.annotate([new Float32Array(100)], 500), /disposed/);
});

test('arguments of the wrong kind are refused with messages that name them', async () => {
  const annotator = await loadAnnotator({ variant: 'simd' });
  const lead = new Float32Array(2500);
  assert.throws(() => annotator.annotate([lead], '500'), /fs must be a positive number .*\(got the string "500"\)/);
  assert.throws(() => annotator.annotate([lead], 500, 'fast'), /options must be an object .*\(got the string "fast"\)/);
  assert.throws(() => annotator.annotate([lead, lead], 500, { leadNames: ['ii'] }), /leadNames must be an array of 2 strings, one per lead \(got 1 names\)/);
  assert.throws(() => annotator.annotate([lead], 500, { leadNames: [5] }), /leadNames\[0\] must be a string \(got 5\)/);
  // Samples posted to a worker with `transfer`: named, not an engine's "detached" TypeError.
  const sent = new Float32Array(2500);
  structuredClone(sent.buffer, { transfer: [sent.buffer] });
  assert.throws(() => annotator.annotate([lead, sent], 500), /lead 1: its ArrayBuffer was transferred \(detached\)/);
  const bytes = new Uint8Array(16);
  structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
  await assert.rejects(annotator.readFile('5.hea', bytes), /bytes of 5\.hea: its ArrayBuffer was transferred/);
  // An infinite sample is refused by the core, as in the CLI and Python; NaN is a missing sample.
  const overflow = Float32Array.from(lead);
  overflow[7] = Infinity;
  assert.throws(() => annotator.annotate([overflow], 500, { record: 'r' }), /r: lead 'lead0' sample 7 is infinite/);
  overflow[7] = NaN;
  assert.doesNotThrow(() => annotator.annotate([overflow], 500));
  // A lead's marks left out would write a file saying it has no QRS.
  assert.throws(() => annotator.writeQrsAnnotations('r', [{ name: 'ii', samples: lead }]), /lead 0 \("ii"\) needs qrs/);
  assert.equal(annotator.writeQrsAnnotations('r', [{ name: 'ii', samples: lead, qrs: [] }]).length, 1);
  annotator.dispose();
});

test('the QrsAnnotator class the types declare is exported: instanceof works', async () => {
  const { QrsAnnotator } = await import(path.join(sourceDir, 'web', 'qrs-annotator.js'));
  const annotator = await loadAnnotator({ variant: 'plain' });
  assert.ok(annotator instanceof QrsAnnotator);
  annotator.dispose();
});

test('moved away from its build/ folder, as a bundler moves it: the error says to pass buildUrl', async () => {
  const bundled = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-bundled-'));
  for (const file of ['qrs-annotator.js', 'npz-inflate.js']) fs.copyFileSync(path.join(sourceDir, 'web', file), path.join(bundled, file));
  const { createAnnotator } = await import(new URL(`file://${bundled}/qrs-annotator.js`).href);
  await assert.rejects(createAnnotator({ noiseModel: false, modelBytes: fs.readFileSync(path.join(webBuildDir, 'qrs_unet.qrsm')) }),
                       { message: /^cannot load the wasm module .*\/build\/qrs_annotator.*\.mjs: .*pass its URL as buildUrl: docs\/api\.md, "With a bundler"\)$/ });
  // Told where build/ is, the moved module works.
  const buildUrl = new URL(`file://${path.resolve(webBuildDir)}/`).href;
  const moved = await createAnnotator({ buildUrl });
  assert.ok(moved.modelInfo.name);
  moved.dispose();
  fs.rmSync(bundled, { recursive: true });
});

test('event options re-run event finding: a threshold above every peak finds nothing', async () => {
  const annotator = await loadAnnotator();
  const record = await readRecord5(annotator);
  const leads = record.leads.map((l) => l.samples);
  const usual = annotator.annotate(leads, record.fs);
  const strict = annotator.annotate(leads, record.fs, { threshold: 0.999999 });
  assert.ok(usual.beats.length > 0);
  assert.ok(usual.leads.every((l) => Array.isArray(l.silenced) && l.silenced.length === 0));
  assert.equal(strict.beats.length, 0);
  assert.deepEqual(strict.leads[0].onsetProb, usual.leads[0].onsetProb);
  // conventionWeight 0 keeps each lead's own marks: the same beats (the mean curves' boundaries),
  // other lead boundaries, and each beat's span across the leads follows the marks it is given.
  const own = annotator.annotate(leads, record.fs, { conventionWeight: 0 });
  const centre = (beats) => beats.map((b) => [b.onset, b.offset]);
  assert.deepEqual(centre(own.beats), centre(usual.beats));
  for (const result of [own, usual]) {
    result.beats.forEach((b, k) => {
      const inBeat = result.leads.flatMap((l) => l.qrs).filter((q) => q.onset < b.offset && q.offset > b.onset);
      assert.ok(inBeat.length >= 10, `beat ${k}: ${inBeat.length} leads' complexes overlap it`);
      assert.ok(Math.abs(b.firstOnset - Math.min(...inBeat.map((q) => q.onset))) < 1e-9, `beat ${k} firstOnset`);
      assert.ok(Math.abs(b.lastOffset - Math.max(...inBeat.map((q) => q.offset))) < 1e-9, `beat ${k} lastOffset`);
      // One decimal, as ecg-annotate --json writes it (docs/api.md).
      assert.ok(Math.abs(b.durationMs - (b.lastOffset - b.firstOnset) * 1000 / record.fs) <= 0.05 + 1e-9);
      assert.equal(b.durationMs, Number(b.durationMs.toFixed(1)), `beat ${k} durationMs ${b.durationMs}`);
    });
  }
  const moved = own.leads.flatMap((l, i) => l.qrs.map((q, k) => Math.abs(q.onset - usual.leads[i].qrs[k].onset)));
  assert.ok(Math.max(...moved) > 0.1, 'conventionWeight 0 left every onset where the default put it');
  // Out-of-range options are refused up front with the option's name, as the CLI refuses them;
  // the noise weight too, although this clean record is never handed to the noise reader.
  const refused = [
    [{ conventionWeight: 2 }, /conventionWeight must be >= 0 and <= 1 \(got 2\)/],
    [{ noiseConventionWeight: 1.5 }, /noiseConventionWeight must be >= 0 and <= 1 \(got 1.5\)/],
    [{ noiseConventionWeight: -0.1 }, /noiseConventionWeight must be >= 0 and <= 1/],
    [{ threshold: 1 }, /threshold must be > 0 and < 1 \(got 1\)/],
    [{ threshold: NaN }, /threshold must be > 0 and < 1 \(got nan\)/],
    [{ centroidMs: 200 }, /centroidMs must be >= 0 and <= 150/],
    [{ minQrsMs: 80, maxQrsMs: 60 }, /maxQrsMs \(60\) must be above minQrsMs \(80\) and at most 500/],
    [{ maxQrsMs: 600 }, /maxQrsMs must be > 0 and <= 500 \(got 600\)/],
    // the default longest QRS (250 ms) below a given shortest: no QRS could ever be found
    [{ minQrsMs: 300 }, /maxQrsMs \(250\) must be above minQrsMs \(300\)/],
  ];
  for (const [options, message] of refused)
    assert.throws(() => annotator.annotate(leads, record.fs, options), message, JSON.stringify(options));
  assert.equal(annotator.annotate(leads, record.fs, { noiseConventionWeight: 1 }).beats.length,
               usual.beats.length, 'the ends of a range are accepted');
  annotator.dispose();
});

test('a numpy savez_compressed file is inflated in JS and read by the wasm reader', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-npz-'));
  const file = path.join(dir, 'ecg.npz');
  execFileSync('/usr/bin/python3', ['-c', `
import numpy as np
t = np.arange(2000) / 500.0
np.savez_compressed(${JSON.stringify(file)}, np.sin(2 * np.pi * 1.2 * t).astype(np.float32))
`]);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.readUInt16LE(8), 8, 'numpy wrote a deflated member');
  const annotator = await loadAnnotator();
  const result = await annotator.readFile('ecg.npz', bytes, [], { fs: 500 });
  const lead = result.records[0].leads[0].samples;
  assert.equal(lead.length, 2000);
  assert.ok(Math.abs(lead[100] - Math.sin(2 * Math.PI * 1.2 * 100 / 500)) < 1e-6);
  annotator.dispose();
  fs.rmSync(dir, { recursive: true });
});

// The CLI writes durations with C's "%.1f": the nearest tenth, an exact tie to the even tenth.
test('durations are rounded to one decimal as the CLI writes them', async () => {
  const { roundToCliTenths } = await import('../../web/qrs-annotator.js');
  assert.equal(roundToCliTenths(99.08091942287574), 99.1);
  assert.equal(roundToCliTenths(104.25), 104.2);
  assert.equal(roundToCliTenths(104.75), 104.8);
  assert.equal(roundToCliTenths(31.35), 31.4); // not a tie: 31.35 is 31.350000000000001421...
  assert.equal(roundToCliTenths(104), 104);
  assert.ok(Number.isNaN(roundToCliTenths(NaN)));
  for (const value of [104.25, 104.75, 0.25, 31.25, 99.08091942287574, 72.34999]) {
    const cli = execFileSync('/usr/bin/printf', ['%.1f', String(value)], { encoding: 'utf8' });
    assert.equal(roundToCliTenths(value), Number(cli), `${value}: printf gives ${cli}`);
  }
});
