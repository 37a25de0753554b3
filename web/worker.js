// Inference off the main thread: the page posts dropped files here; this worker reads them with
// the wasm readers, annotates records on request, and posts plain results back (typed arrays
// transferred, not copied). Messages: {id, type: 'init'|'open'|'annotate', ...} -> {id, ok, ...}.
import { createAnnotator } from './qrs-annotator.js';

const annotatorReady = createAnnotator();
// Records stay here between requests so a snippet array is annotated one record at a time.
const openFiles = new Map(); // fileId -> Record[]
let nextFileId = 1;

function recordForPage(record) {
  // The page gets its own copies of the samples; the worker keeps the originals for annotate().
  return {
    name: record.name,
    source: record.source,
    fs: record.fs,
    warnings: record.warnings,
    length: record.leads[0]?.samples.length ?? 0,
    leads: record.leads.map((lead) => ({ name: lead.name, unit: lead.unit, samples: lead.samples.slice() })),
  };
}

function annotate(annotator, record) {
  const started = performance.now();
  const result = annotator.annotate(record.leads.map((l) => l.samples), record.fs, {
    record: record.name,
    leadNames: record.leads.map((l) => l.name),
  });
  result.elapsedMs = performance.now() - started;
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
  async open(annotator, { files, options }) {
    const results = await annotator.readFiles(files, options);
    return {
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

  async annotate(annotator, { fileId, index }) {
    const records = openFiles.get(fileId);
    if (!records || !records[index]) throw new Error(`no record ${index} in file ${fileId}`);
    return { fileId, index, annotation: annotate(annotator, records[index]) };
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
