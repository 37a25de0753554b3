// A record's corrections as the page keeps them in this browser (kept-store.js), so that an F5 or
// a closed tab before Export JSON loses nothing: the file is known again by its name, size and a
// cheap hash of its bytes, the record by its name. Only marks are kept, never samples: each lead's
// complexes as columns (a day of Holter marks is 10^5-10^6 of them, and typed arrays go into
// IndexedDB as one copy, where objects are cloned one by one), and the beats a person added.
// Read back, they take the shape of saved-marks.js's records, so that the page puts them back the
// way it puts back its own JSON export (app.js restoreSavedMarks, MarkEdits.restore). Pure: no
// DOM, no storage. Tested in tests/js/kept_edits.test.mjs.

// Files up to this size are hashed whole; larger ones by three slices of it (start, middle, end):
// a day of Holter ECG is 170 MB, too much to go through on the page's thread for a key, and a
// different recording differs in its header and in its samples everywhere.
const WHOLE_BYTES = 3 << 20;
const SLICE_BYTES = 1 << 20;

// FNV-1a over `bytes`, two 32-bit lanes with different starting values (a 64-bit key, in hex).
function fnv1a(slices) {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (const bytes of slices) {
    for (let i = 0; i < bytes.length; ++i) {
      a = Math.imul(a ^ bytes[i], 0x01000193);
      b = Math.imul(b ^ bytes[i], 0x01000193);
    }
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** What tells a dropped file again: {name, size, hash} from its name and bytes (a Uint8Array). */
export function fileIdentity(name, bytes) {
  const n = bytes.length;
  const slices = n <= WHOLE_BYTES ? [bytes]
    : [0, Math.floor((n - SLICE_BYTES) / 2), n - SLICE_BYTES].map((at) => bytes.subarray(at, at + SLICE_BYTES));
  return { name, size: n, hash: fnv1a(slices) };
}

/** The key of one record's kept corrections: [file name, size, hash, record name]. */
export const keptKey = (identity, record) => [identity.name, identity.size, identity.hash, record];

/**
 * One record's current marks as kept: {record, fs, length, leads: [{name, onset, offset,
 * modelOnset, modelOffset: Float64Array (NaN: none), edited: Uint8Array}], beats: Float64Array of
 * the added beats' onset, offset pairs, edits: the edit count}. annotation: the annotator's result;
 * edits: its MarkEdits.
 */
export function keptMarks(annotation, edits) {
  const leads = annotation.leads.map((lead, i) => {
    const marks = edits.marks(i);
    const column = () => new Float64Array(marks.length);
    const kept = { name: lead.name, onset: column(), offset: column(), modelOnset: column(), modelOffset: column(), edited: new Uint8Array(marks.length) };
    marks.forEach((m, k) => {
      kept.onset[k] = m.onset;
      kept.offset[k] = m.offset;
      kept.modelOnset[k] = m.model?.onset ?? NaN;
      kept.modelOffset[k] = m.model?.offset ?? NaN;
      kept.edited[k] = m.source === 'edited' ? 1 : 0;
    });
    return kept;
  });
  // Only a beat no model beat accounts for is restored as a beat (MarkEdits.restore): the edited ones.
  const added = edits.beats().filter((b) => b.edited);
  const beats = new Float64Array(added.length * 2);
  added.forEach((b, k) => beats.set([b.onset, b.offset], 2 * k));
  return { record: annotation.record, fs: annotation.fs, length: annotation.length, leads, beats, edits: edits.editCount };
}

/**
 * Kept marks (keptMarks) as a record of saved-marks.js (readSavedMarks' records): {file, record,
 * fs, length, leads: [{name, qrs: [{onset, offset, source, model}]}], beats: [{onset, offset,
 * edited}]}. An edited complex keeps where the model had it (null: a person added it).
 */
export function savedFromKept(file, kept) {
  return {
    file, record: kept.record, fs: kept.fs, length: kept.length,
    leads: kept.leads.map((lead) => ({
      name: lead.name,
      qrs: Array.from(lead.edited, (edited, k) => ({
        onset: lead.onset[k], offset: lead.offset[k], source: edited ? 'edited' : 'model',
        model: !edited ? undefined : Number.isNaN(lead.modelOnset[k]) ? null : { onset: lead.modelOnset[k], offset: lead.modelOffset[k] },
      })),
    })),
    beats: Array.from({ length: kept.beats.length / 2 }, (_, k) => ({ onset: kept.beats[2 * k], offset: kept.beats[2 * k + 1], edited: true })),
  };
}
