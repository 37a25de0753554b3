// The page's own exports read back, so that a person who corrected marks, exported them and closed
// the tab can go on: the JSON export (exports.js recordJson, under {"files": [...]}) and the CSV
// export (exports.js csvText) are told from ECG files by their first bytes, and give each record's
// marks as saved (MarkEdits.restore puts them back). The JSON keeps where the model had each
// edited complex and which it deleted; the CSV keeps the marks and their tags only. Pure functions,
// no DOM, no wasm: the worker reads the files (worker.js), the page matches them to the records
// open (app.js). Tested in tests/js/saved_marks.test.mjs.
import { BEAT_ROWS_LEAD, CSV_HEADER } from './exports.js';

// The JSON export starts with its one key; a record in JSON ({"fs": ..., "leads": ...}) never does.
const JSON_EXPORT = /^\uFEFF?\s*\{\s*"files"\s*:\s*\[/;
const HEAD_BYTES = 256;

/** 'json' or 'csv' when `bytes` (a Uint8Array) are the page's JSON or CSV export, else null. */
export function savedMarksKind(bytes) {
  const head = new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES));
  if (JSON_EXPORT.test(head)) return 'json';
  return head.replace(/^\uFEFF/, '').split(/\r?\n|\r/)[0] === CSV_HEADER ? 'csv' : null;
}

const number = (value, what) => {
  const v = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${what} is not a number (${JSON.stringify(value)})`);
  return v;
};

// One saved complex: {onset, offset, source, model} (model: {onset, offset} or null where the
// file says, undefined where it does not).
function savedMark(onset, offset, source, model, where) {
  if (source !== 'model' && source !== 'edited') throw new Error(`${where}: source is ${JSON.stringify(source)}, not 'model' or 'edited'`);
  const mark = { onset: number(onset, `${where}: the onset`), offset: number(offset, `${where}: the offset`), source, model };
  if (!(mark.offset > mark.onset)) throw new Error(`${where}: the offset (${mark.offset}) is not after the onset (${mark.onset})`);
  return mark;
}

function fromJson(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`it starts as this page's JSON export but is not valid JSON (${err.message})`);
  }
  if (!Array.isArray(doc?.files)) throw new Error("'files' is not a list");
  return doc.files.flatMap((file, f) => (Array.isArray(file?.records) ? file.records : []).map((r) => {
    const where = `file ${f + 1}, record ${JSON.stringify(r?.record)}`;
    if (typeof r?.record !== 'string' || !Array.isArray(r.leads)) throw new Error(`${where}: no 'record' name or no 'leads' list`);
    return {
      file: String(file.file ?? ''), record: r.record, fs: r.fs, length: r.length,
      leads: r.leads.map((lead, l) => ({
        name: String(lead?.name ?? ''),
        qrs: (lead?.qrs ?? []).map((q, k) => savedMark(q.onset, q.offset, q.source,
          q.source === 'edited' ? (q.modelOnset === null || q.modelOnset === undefined ? null : { onset: q.modelOnset, offset: q.modelOffset }) : undefined,
          `${where}, lead ${JSON.stringify(lead?.name ?? l)}, QRS ${k + 1}`)),
      })),
      beats: (r.beats ?? []).map((b, k) => ({ onset: number(b.onset, `${where}, beat ${k + 1}: the onset`), offset: number(b.offset, `${where}, beat ${k + 1}: the offset`), edited: b.source === 'edited' })),
    };
  }));
}

/** One line of CSV: its fields, "quoted" ones with "" for a quote. */
export function csvFields(line) {
  const fields = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      for (i += 1; i < line.length; ++i) {
        if (line[i] !== '"') value += line[i];
        else if (line[i + 1] === '"') value += line[++i];
        else break;
      }
      fields.push(value);
      i += 2; // the closing quote and the comma
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

function fromCsv(text) {
  const byRecord = new Map(); // file + record -> the record's saved marks
  text.replace(/^\uFEFF/, '').split(/\r?\n|\r/).slice(1).forEach((line, n) => {
    if (!line.trim()) return;
    const where = `line ${n + 2}`;
    const [file, record, lead, , source, onset, offset] = csvFields(line);
    if (offset === undefined) throw new Error(`${where}: fewer than the export's 7 first columns`);
    const key = JSON.stringify([file, record]);
    if (!byRecord.has(key)) byRecord.set(key, { file, record, leads: [], beats: [] });
    const saved = byRecord.get(key);
    if (lead === BEAT_ROWS_LEAD) {
      const beat = savedMark(onset, offset, source, undefined, where);
      saved.beats.push({ onset: beat.onset, offset: beat.offset, edited: source === 'edited' });
      return;
    }
    let own = saved.leads.find((l) => l.name === lead);
    if (!own) saved.leads.push(own = { name: lead, qrs: [] });
    own.qrs.push(savedMark(onset, offset, source, undefined, where));
  });
  return [...byRecord.values()];
}

/**
 * The records' marks in one of the page's exports: {file: name, kind: 'json'|'csv', records:
 * [{file, record, fs?, length?, leads: [{name, qrs: [{onset, offset, source, model}]}], beats:
 * [{onset, offset, edited}]}]}, or {file, kind, error} naming the file and the problem.
 */
export function readSavedMarks(name, bytes) {
  const kind = savedMarksKind(bytes);
  try {
    const text = new TextDecoder().decode(bytes);
    const records = kind === 'json' ? fromJson(text) : fromCsv(text);
    if (!records.length) throw new Error('it holds no record');
    return { file: name, kind, records };
  } catch (err) {
    return { file: name, kind, error: `${name}: this page's ${kind.toUpperCase()} export of marks, which cannot be read back: ${err.message}` };
  }
}

/** "record '5' (from 5.hea)", for messages. */
export const savedRecordText = (saved) => `record '${saved.record}'${saved.file ? ` (from ${saved.file})` : ''}`;

/**
 * Why saved marks cannot go on `record` (the page's: {name, fs, length, leads: [{name}]}), or ''.
 * The rate and length must be the record's (where the file says them: the JSON does), each lead
 * the file names must be one of the record's (the CSV lists only leads with marks), and every
 * mark must lie in the record.
 */
export function savedMarksIssue(saved, record) {
  const names = record.leads.map((l) => l.name);
  const problems = [];
  if (saved.fs !== undefined && saved.fs !== record.fs) problems.push(`it is at ${saved.fs} Hz, the record at ${record.fs} Hz`);
  if (saved.length !== undefined && saved.length !== record.length) problems.push(`it is ${saved.length} samples long, the record ${record.length}`);
  const unknown = saved.leads.filter((l) => !names.includes(l.name)).map((l) => l.name);
  if (unknown.length) problems.push(`it has lead${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}, which the record (${names.join(', ')}) has not`);
  else if (saved.fs !== undefined && saved.leads.length !== names.length) problems.push(`it has ${saved.leads.length} leads, the record ${names.length}`);
  const last = Math.max(0, ...saved.leads.flatMap((l) => l.qrs.map((q) => q.offset)));
  if (last > record.length) problems.push(`it has marks up to sample ${last}, past the record's end (${record.length} samples)`);
  return problems.length ? `its marks of ${savedRecordText(saved)} do not fit the open record '${record.name}': ${problems.join('; ')}` : '';
}

/**
 * The saved marks in the order of `record`'s leads (MarkEdits.restore's input): {leads: per lead
 * [{onset, offset, source, model}] ([] for a lead the file does not list), beats}. Leads are
 * matched by name, in order where a name comes twice.
 */
export function savedForRecord(saved, record) {
  const leads = record.leads.map(() => []);
  const used = new Set();
  for (const lead of saved.leads) {
    const index = record.leads.findIndex((l, i) => !used.has(i) && l.name === lead.name);
    if (index < 0) continue;
    used.add(index);
    leads[index] = lead.qrs;
  }
  return { leads, beats: saved.beats };
}
