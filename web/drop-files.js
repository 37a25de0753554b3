// Which files of a drop are WFDB annotation files (read apart, as reference annotations) and which
// go to the record readers. Pure functions, no DOM, no wasm; tested in tests/js/drop_files.test.mjs.
import { lowerAscii, splitAnnotationName } from './references.js';

// Extensions of the record formats (detect.cpp): a file with another extension whose name is a
// record's plus one ("5.ii", "100.atr") is an annotation file for it.
const RECORD_EXTENSIONS = new Set(['hea', 'dat', 'edf', 'bdf', 'csv', 'tsv', 'txt', 'npy', 'npz', 'json']);

// Annotator names (file extensions) that are WFDB annotation files whatever the record: LUDB's
// lead names and common PhysioNet annotators. Such a file dropped without its record is reported
// as such (app.js), not as an unknown format.
const ANNOTATORS = new Set(['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6',
  'atr', 'qrs', 'qrsc', 'ecg', 'man', 'ari', 'q1c', 'q2c', 'qt1', 'qt2', 'pu', 'pu0', 'pu1', 'wqrs', 'sqrs']);

// ISHNE Holter files are told by their magic, as detect.cpp tells them: their usual extension, .ecg,
// is also a WFDB annotator's name (above).
const ISHNE_MAGIC = 'ISHNE1.0';

/** Whether a file's bytes (Uint8Array) start with the ISHNE Holter magic "ISHNE1.0". */
export function isIshneHolter(bytes) {
  if (!bytes || bytes.length < ISHNE_MAGIC.length) return false;
  for (let i = 0; i < ISHNE_MAGIC.length; ++i) if (bytes[i] !== ISHNE_MAGIC.charCodeAt(i)) return false;
  return true;
}

function splitName(name) {
  const { record, annotator } = splitAnnotationName(name);
  return { stem: record, extension: annotator.toLowerCase() };
}

/**
 * The files a WFDB header's text names after its record line, in lower case without their
 * folders: each signal's file ("A0001.mat" of a PhysioNet Challenge record, "5.dat"), or a
 * multi-segment record's segments. Comment lines ('#') and blank lines are skipped. Only names
 * are taken; the readers check the header itself.
 */
export function headerFileNames(text) {
  const lines = String(text).split(/\r?\n|\r/).map((line) => line.replace(/#.*/, '').trim()).filter(Boolean);
  return new Set(lines.slice(1).map((line) => lowerAscii(line.split(/\s+/)[0].split('/').pop())));
}

/**
 * Which dropped files ([{name, bytes}]) are annotation files: named for a record in this drop (a
 * record file's name without its extension: "5.hea"'s, or "rec.edf"'s for the page's own per-lead
 * export "rec.ecg_ii" dropped with it) or one already open on the page (recordNames), or with a
 * known annotator's extension.
 * An ISHNE Holter file (told by its magic) is a record file whatever its name ("holter.ecg").
 * A file a dropped header names as its signal or segment file is never one, whatever its extension
 * (a Challenge record's "A0001.mat"). Names compare ignoring case, as app.js then finds the record
 * ("SEL100.Q1C" for "sel100").
 */
export function annotationFilesOf(files, recordNames) {
  const records = new Set(recordNames.map(lowerAscii));
  const namedByHeaders = new Set();
  for (const f of files) {
    const { stem, extension } = splitName(f.name);
    if (!RECORD_EXTENSIONS.has(extension) && !isIshneHolter(f.bytes)) continue;
    records.add(lowerAscii(stem));
    if (extension === 'hea') headerFileNames(new TextDecoder('latin1').decode(f.bytes)).forEach((n) => namedByHeaders.add(n));
  }
  return files.filter((f) => {
    const { stem, extension } = splitName(f.name);
    if (!extension || RECORD_EXTENSIONS.has(extension) || namedByHeaders.has(lowerAscii(f.name))) return false;
    if (isIshneHolter(f.bytes)) return false;
    return records.has(lowerAscii(stem)) || ANNOTATORS.has(extension);
  });
}
