// What a drop of files comes to before and after the worker reads it: each file's bytes are read
// on its own (one too large or unreadable is that file's error, not the drop's), the same file
// dropped twice is read once, different files that share a name are refused by name, and a file
// that waits for another (a .dat for its header, a header for its .dat, annotation files for their
// record, a file for a sampling rate) is held for the next drops of this page session. No DOM, no
// worker; app.js keeps the held files and the cards.

/**
 * The largest file the page reads, in bytes. Its bytes are copied into the WebAssembly module's
 * memory (4 GB at most, all wasm32 addresses: cmake/wasm.cmake) beside the samples the core reads
 * out of them (at most 400 M, 1.6 GB: src/formats/readers.h Limits), and Chromium 156 reads no
 * file above 2,145,386,496 bytes (2 GiB less 2 MiB) into memory.
 */
export const PAGE_FILE_LIMIT = 2e9;

import { SIZE_CHECK_HEAD_BYTES } from './qrs-annotator.js';

const bytesText = (n) => `${n.toLocaleString('en-US')} bytes`;

/** The card's message for a file over PAGE_FILE_LIMIT. */
export function tooLargeMessage(name, size) {
  return `${name}: ${bytesText(size)}, more than the 2 GB (${bytesText(PAGE_FILE_LIMIT)}) this page reads: ` +
         'a file\'s bytes and the samples read from them share the 4 GB a WebAssembly module can address; ' +
         'annotate it with the command-line tool (ecg-annotate)';
}

/** A file's bytes, or the browser's reason it could not read them, as the file's error. */
async function readBlob(name, blob) {
  try {
    return { bytes: new Uint8Array(await blob.arrayBuffer()) };
  } catch (err) {
    return { error: `${name}: the browser could not read this file (${err.name}: ${err.message}). ` +
                    'Check that it is still there, unchanged and readable, and drop it again' };
  }
}

/**
 * Reads the bytes of each file on its own: files [{name, blob}] (blob: the File). First only the
 * head of each (its first SIZE_CHECK_HEAD_BYTES), for checkSizes: the module's sizeProblems over
 * [{name, head, size}] (in the worker), so that a file the readers would refuse for its size is
 * refused before its bytes are read (2 GB take the browser 16 s), and so are the signal files of
 * a header refused for its size (its card says why). Returns {read: [{name, blob, bytes}],
 * unreadable: [{name, error}]}: a file refused for its size, in the readers' words, or over
 * PAGE_FILE_LIMIT, unread; one the browser cannot read (moved, changed or deleted since it was
 * chosen, or not readable) gets the browser's reason. The others are read all the same.
 */
export async function readEach(files, checkSizes) {
  const heads = await Promise.all(files.map(async ({ name, blob }) => {
    // A file over the limit is not read at all (its card says so); its size still counts for
    // its header.
    if (blob.size > PAGE_FILE_LIMIT) return { name, blob, head: new Uint8Array(0) };
    const { bytes, error } = await readBlob(name, blob.slice(0, SIZE_CHECK_HEAD_BYTES));
    return { name, blob, head: bytes, error };
  }));
  const checkable = heads.filter((h) => !h.error);
  const checks = checkable.length
    ? await checkSizes(checkable.map(({ name, blob, head }) => ({ name, head, size: blob.size })))
    : [];
  const checkOf = new Map(checkable.map((h, i) => [h, checks[i]]));
  const outcomes = await Promise.all(heads.map(async (h) => {
    const { name, blob } = h;
    const check = checkOf.get(h);
    if (h.error) return { name, error: h.error };
    if (check.refusedHeader) return null;
    if (blob.size > PAGE_FILE_LIMIT) return { name, error: tooLargeMessage(name, blob.size) };
    if (check.problem) return { name, error: check.problem };
    if (h.head.length === blob.size) return { name, blob, bytes: h.head };
    return { name, blob, ...(await readBlob(name, blob)) };
  }));
  const kept = outcomes.filter(Boolean);
  return { read: kept.filter((o) => !o.error), unreadable: kept.filter((o) => o.error) };
}

/** Whether two byte arrays hold the same bytes. */
function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; ++i) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * files: [{name, bytes}] of one drop. Returns {files: each name once, repeated: names dropped more
 * than once with the same bytes (read once), clashes: [{name, sizes}] names shared by different
 * files (none of them read: which one was meant is not for the page to guess)}.
 */
export function sortOutDrop(files) {
  const byName = new Map();
  for (const file of files) {
    if (!byName.has(file.name)) byName.set(file.name, []);
    const copies = byName.get(file.name);
    if (!copies.some((c) => sameBytes(c.bytes, file.bytes))) copies.push(file);
    else copies.repeated = true;
  }
  const out = { files: [], repeated: [], clashes: [] };
  for (const [name, copies] of byName) {
    if (copies.length > 1) out.clashes.push({ name, sizes: copies.map((c) => c.bytes.length) });
    else out.files.push(copies[0]);
    if (copies.repeated && copies.length === 1) out.repeated.push(name);
  }
  return out;
}

/** The card's message for a name shared by different files in one drop. */
export function clashMessage({ name, sizes }) {
  return `${name}: ${sizes.length} different files with this name in one drop (${sizes.join(', ')} bytes), ` +
         'as when two folders hold a record of the same name; none of them was read. Drop them one folder at a time.';
}

// The core's messages (src/formats, wfdb_decode.h kMissingCompanion) for a file that needs another
// file not dropped with it: a header without its signal file (or segment header), a signal file
// without its header.
const NEEDS_ANOTHER_FILE = [/, which was not found with it \(keep the two together/, /: a WFDB signal file cannot be read without its header/];

/**
 * Why a file the worker could not read is worth holding, or null: 'partner' (it needs another
 * file), 'rate' (it states no sampling rate: the core's message starts 'no sampling rate'),
 * 'channels' (every channel is labelled as another kind of signal: read_options.h all_channels).
 */
export function waitReason(file, error) {
  if (!error) return null;
  if (error.startsWith(`${file}: no sampling rate`)) return 'rate';
  if (error.startsWith(`${file}: no ECG channel: `)) return 'channels';
  return NEEDS_ANOTHER_FILE.some((pattern) => pattern.test(error)) ? 'partner' : null;
}

/** What a held file's card says besides the reader's message. */
export function waitingHint(reason) {
  return {
    partner: 'Held: it is read as soon as you drop the file it needs (here, in this page).',
    record: 'Held: it is used as soon as you drop that record.',
    rate: 'Held: it is read again as soon as you type a rate there and press Enter.',
    channels: 'Held: it is read again, every channel as a lead, as soon as you tick that box.',
  }[reason];
}

const files = (n) => `${n} file${n === 1 ? '' : 's'}`;

const quoted = (names) => names.map((n) => `'${n}'`).join(', ');

// What the status says of one of the page's own exports put back (app.js restoreSavedMarks):
// {file, kept: from this browser's storage (kept-page.js) rather than a file, records: names
// restored, missing: names not open, notModel}.
function restoredText({ file, kept, records, missing, notModel }) {
  const back = kept
    ? `the corrections of ${quoted(records)} saved in this browser are back (Ctrl+Z goes back to the model's marks; ` +
      "'Forget saved corrections', above, deletes them from this browser)"
    : `the marks of ${quoted(records)} restored from ${file} (Ctrl+Z goes back to the marks before)`;
  return back +
    (missing.length ? `, not those of ${quoted(missing)}, which ${missing.length > 1 ? 'are' : 'is'} not open` : '') +
    (notModel ? `; ${notModel} it tags 'model' are not where this model puts them (another model version?): ` +
                'they are kept where they were, tagged edited' : '');
}

/**
 * The status line after a drop: counts {annotated, failed, references, referenceTargets: names,
 * restored: [{file, records, missing, notModel}] (the page's own exports put back), repeated:
 * names, waitingForFile, waitingForRate, waitingForChannels}. Returns {text, isError}.
 */
export function dropStatus({ annotated, failed, references, referenceTargets, restored = [], repeated, waitingForFile, waitingForRate, waitingForChannels = 0 }) {
  const waits = (n, what) => `${files(n)} wait${n === 1 ? 's' : ''} for ${what}`;
  const waiting = waitingForFile || waitingForRate || waitingForChannels;
  const parts = [];
  if (annotated || !(failed || waiting || references || restored.length)) parts.push(`Annotated ${files(annotated)}`);
  if (references) parts.push(`${references} reference annotation file${references > 1 ? 's' : ''} for ${referenceTargets.join(', ')}`);
  parts.push(...restored.map(restoredText));
  if (failed) parts.push(`${files(failed)} could not be read`);
  if (waitingForFile) parts.push(waits(waitingForFile, 'another file'));
  if (waitingForRate) parts.push(waits(waitingForRate, 'a sampling rate'));
  if (waitingForChannels) parts.push(waits(waitingForChannels, 'every channel to be read as a lead'));
  let text = parts.join('; ') + (failed || waiting ? ' (see below).' : '.');
  if (repeated.length) text += ` ${repeated.join(', ')}: in the drop more than once, read once.`;
  return { text: text[0].toUpperCase() + text.slice(1), isError: failed > 0 };
}
