// Inference off the main thread: the page posts dropped files here; this worker reads them with
// the wasm readers (records, and WFDB annotation files that come with them), annotates records on
// request, writes the marks as WFDB annotation files, and posts plain results back (typed arrays
// transferred, not copied; each curve with its min/max pyramid, envelope.js; the long lists of
// marks packed as columns, packed-rows.js), and reads the page's own JSON and CSV exports back
// (saved-marks.js) instead of taking them for records. Messages: {id, type: 'init'|'open'|'annotate'|
// 'writeAnnotations'|'checkSizes', ...} -> {id, ok, ...}.
import { annotationFilesOf } from './drop-files.js';
import { buildEnvelope } from './envelope.js';
import { invalidStretches } from './invalid-samples.js';
import { packRows } from './packed-rows.js';
import { createAnnotator } from './qrs-annotator.js';
import { readSavedMarks, savedMarksKind } from './saved-marks.js';

const annotatorReady = createAnnotator();
// Records stay here between requests so a snippet array is annotated one record at a time.
const openFiles = new Map(); // fileId -> Record[]
let nextFileId = 1;

// The page gets its own copies of the samples (the worker keeps the originals for annotate()),
// and each curve it draws comes with its min/max pyramid (envelope.js), built here rather than on
// the page's thread: an hour of three leads and their probabilities is 16 M values to go through.
function recordForPage(record) {
  return {
    name: record.name,
    source: record.source,
    fs: record.fs,
    warnings: record.warnings,
    length: record.leads[0]?.samples.length ?? 0,
    leads: record.leads.map((lead) => {
      const samples = lead.samples.slice();
      return { name: lead.name, unit: lead.unit, samples, envelope: buildEnvelope(samples), invalid: invalidStretches(samples) };
    }),
  };
}

function annotate(annotator, record) {
  const started = performance.now();
  const result = annotator.annotate(record.leads.map((l) => l.samples), record.fs, {
    record: record.name,
    leadNames: record.leads.map((l) => l.name),
  });
  result.elapsedMs = performance.now() - started;
  for (const lead of result.leads) {
    lead.envelopes = { onsetProb: buildEnvelope(lead.onsetProb), offsetProb: buildEnvelope(lead.offsetProb) };
    lead.qrs = packRows(lead.qrs);
  }
  // The long lists travel as columns (the page unpacks them: packed-rows.js).
  result.beats = packRows(result.beats);
  result.pacingSpikes = packRows(result.pacingSpikes ?? []);
  // What the reader said of this record (an EDF+D stretch's place between its gaps) comes first,
  // as in the CLI's output, where the C++ annotator takes the Record itself.
  result.warnings = [...(record.warnings ?? []), ...result.warnings];
  return result;
}

function transferables(value, out = new Set()) {
  if (ArrayBuffer.isView(value)) out.add(value.buffer);
  else if (Array.isArray(value)) value.forEach((v) => transferables(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => transferables(v, out));
  return out;
}

const handlers = {
  async init(annotator) {
    return { variant: annotator.variant, modelInfo: annotator.modelInfo };
  },

  // files: [{name, bytes}] from one drop; options: {fs?} for files that carry no rate. Every
  // primary file gets an entry; the first record of each readable file is annotated right away.
  // WFDB annotation files among them are read apart and returned as `annotations`, the page's own
  // exports of marks as `saved` (saved-marks.js readSavedMarks).
  async open(annotator, { files: dropped, options, recordNames = [] }) {
    const savedFiles = dropped.filter((f) => savedMarksKind(f.bytes));
    const files = dropped.filter((f) => !savedFiles.includes(f));
    const annotationFiles = annotationFilesOf(files, recordNames);
    const recordFiles = files.filter((f) => !annotationFiles.includes(f));
    const results = recordFiles.length ? await annotator.readFiles(recordFiles, options) : [];
    return {
      saved: savedFiles.map((f) => readSavedMarks(f.name, f.bytes)),
      annotations: annotationFiles.length ? annotator.readAnnotations(annotationFiles) : [],
      files: results.map((result) => {
        if (result.error) return { file: result.file, format: result.format, error: result.error, warnings: result.warnings };
        const fileId = nextFileId++;
        openFiles.set(fileId, result.records);
        let first = null;
        let error = '';
        try {
          first = result.records.length ? annotate(annotator, result.records[0]) : null;
        } catch (err) {
          error = `${result.file}: ${err.message}`;
        }
        return {
          fileId,
          file: result.file,
          format: result.format,
          warnings: result.warnings,
          error,
          records: result.records.map(recordForPage),
          annotations: [first],
        };
      }),
    };
  },

  // files: [{name, head, size}] of a drop before it is read -> {checks: annotator.sizeProblems}.
  async checkSizes(annotator, { files }) {
    return { checks: annotator.sizeProblems(files) };
  },

  async annotate(annotator, { fileId, index }) {
    const records = openFiles.get(fileId);
    if (!records || !records[index]) throw new Error(`no record ${index} in file ${fileId}`);
    return { fileId, index, annotation: annotate(annotator, records[index]) };
  },

  // The current marks of record `index` as WFDB annotation files (qrs-annotator.js
  // writeQrsAnnotations): leads [{name, qrs}], beats; the samples are the worker's own copy.
  async writeAnnotations(annotator, { fileId, index, record, leads, beats }) {
    const records = openFiles.get(fileId);
    if (!records || !records[index]) throw new Error(`no record ${index} in file ${fileId}`);
    const samples = records[index].leads.map((l) => l.samples);
    return { files: annotator.writeQrsAnnotations(record, leads.map((l, i) => ({ ...l, samples: samples[i] })), beats) };
  },

  async close(annotator, { fileId }) {
    openFiles.delete(fileId);
    return {};
  },
};

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    const annotator = await annotatorReady;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request '${type}'`);
    const reply = { id, ok: true, ...(await handler(annotator, data)) };
    self.postMessage(reply, [...transferables(reply)]);
  } catch (err) {
    self.postMessage({ id, ok: false, error: err?.message ?? String(err) });
  }
};
