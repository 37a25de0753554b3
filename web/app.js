// The page's UI: takes files from a drop, the picker or the example button, sends them to the
// worker (which reads and annotates them with the wasm module), holds the files that wait for
// another (drops.js) and lists them all (file-list.js), draws the selected record, lets a person
// correct the marks (edits.js; by pointer editor.js, by keyboard trace-keys.js and boundary-keys.js)
// and compare them with reference annotations (references.js), lists results (results.js), exports
// them (exports.js), puts its own exports back (saved-marks.js) and keeps the corrections in this
// browser until they are exported (kept-page.js). No computation on ECG data happens here beyond
// what drawing and tables need.
import { clashMessage, dropStatus, readEach, sortOutDrop, waitReason } from './drops.js';
import { fillFileList } from './file-list.js';
import { drawLead } from './plot.js';
import { attachBoundaryKeys } from './boundary-keys.js';
import { attachEditor } from './editor.js';
import { firstEndingAfter, MarkEdits } from './edits.js';
import { csvText, recordJson, wfdbExportInput } from './exports.js';
import { keepCorrections } from './kept-page.js';
import { nextPaperSpeed, paperSpanSeconds, STANDARD_GAIN, STANDARD_SPEED } from './paper.js';
import { unpackAll } from './packed-rows.js';
import { assignReferences, compareWithReferences, findName, marksAtRate, splitAnnotationName } from './references.js';
import { renderBeatTable, renderReferencePanel, renderSummary } from './results.js';
import { savedForRecord, savedMarksIssue, savedRecordText } from './saved-marks.js';
import { attachTraceKeys } from './trace-keys.js';
import { zipStore } from './zip-store.js';

const $ = (id) => document.getElementById(id);
// What the core's "no sampling rate" error tells a person to do, in this page's terms.
const RATE_HINT = "the 'Sampling rate for files that state none' box above";
// What the core's "no ECG channel" error tells a person to do, in this page's terms.
const ALL_CHANNELS_HINT = "the 'Read every channel as a lead' box above";
const ui = {
  status: $('status'),
  engine: $('engine'),
  dropZone: $('drop-zone'),
  fileInput: $('file-input'),
  defaultFs: $('default-fs'),
  allChannels: $('all-channels'),
  example: $('load-example'),
  exampleAttribution: $('example-attribution'),
  files: $('files'),
  fileList: $('file-list'),
  clearProblems: $('clear-problems'),
  keptNote: $('kept-note'),
  viewer: $('viewer'),
  title: $('record-title'),
  snippetNav: $('snippet-nav'),
  prev: $('prev-record'),
  next: $('next-record'),
  position: $('record-position'),
  resetView: $('reset-view'),
  exportJson: $('export-json'),
  exportCsv: $('export-csv'),
  exportWfdb: $('export-wfdb'),
  undo: $('undo'),
  redo: $('redo'),
  addQrs: $('add-qrs'),
  addBeat: $('add-beat'),
  deleteQrs: $('delete-qrs'),
  deleteBeat: $('delete-beat'),
  revertAll: $('revert-all'),
  editCount: $('edit-count'),
  paperToggle: $('paper-toggle'),
  paperSpeed: $('paper-speed'),
  paperGain: $('paper-gain'),
  readout: $('readout'),
  detailNote: $('detail-note'),
  traceArea: $('trace-area'),
  leads: $('leads'),
  cursor: $('cursor-line'),
  keyCursor: $('key-cursor'),
  sweep: $('sweep'),
  summary: $('summary'),
  annotationWarnings: $('annotation-warnings'),
  results: document.querySelector('#results tbody'),
  reference: {
    panel: $('reference-panel'),
    summary: document.querySelector('#reference-summary tbody'),
    leads: document.querySelector('#reference-leads tbody'),
    notes: $('reference-notes'),
  },
};

const state = {
  // One per dropped primary file: {key, file, format, error, warnings, fileId, records, annotations,
  // index, edits: MarkEdits[] (per record, made on first view), references: [{file, marks}][],
  // label: the card's name, waiting: why a file is held ('partner', 'record', 'rate') or absent}.
  entries: [],
  // Files held for a later drop (drops.js): name -> {name, blob} (the File, read again when sent).
  held: new Map(),
  selected: null,
  view: { start: 0, end: 1 },
  drawPending: false,
  selectedMark: null,
  cursor: { lead: 0, sample: null }, // the keyboard cursor on the traces (trace-keys.js)
  addMode: null, // null | 'lead' | 'beat'
  paper: null, // null | {mmPerSecond, mmPerMv}
  detail: null, // how much of each beat the traces show (plot-marks.js beatDetail), as last drawn
  statusAbout: [], // the records' MarkEdits the status line speaks of (setStatus)
};

// Corrections kept in this browser until exported, and the question on leaving before that.
const kept = keepCorrections({ entries: () => state.entries, status: setStatus }, ui.keptNote);

// ---- worker requests -------------------------------------------------------------------------
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let nextRequestId = 1;

function request(type, payload = {}, transfer = []) {
  const id = nextRequestId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, type, ...payload }, transfer);
  });
}

worker.onmessage = ({ data }) => {
  const waiter = pending.get(data.id);
  if (!waiter) return;
  pending.delete(data.id);
  // A day's marks arrive packed (packed-rows.js): a list unpacked per task keeps the page free.
  if (data.ok) unpackAll(data, nextTask).then(waiter.resolve, waiter.reject);
  else waiter.reject(new Error(data.error));
};
worker.onerror = (event) => {
  setStatus(`The annotator failed to start: ${event.message || 'worker error'}`, true);
  for (const waiter of pending.values()) waiter.reject(new Error('the annotator worker stopped'));
  pending.clear();
};

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// about: the records (their MarkEdits) the status speaks of, when it speaks of some: what it says
// of one (an edit, what Ctrl+Z undoes) no longer holds once another record is on screen (select).
function setStatus(text, isError = false, about = []) {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
  state.statusAbout = about;
}
// For a status about the record on screen.
const aboutThis = () => [current()?.edits].filter(Boolean);

// How long a redraw ('qrs:draw') or the tables ('qrs:results') took, as a User Timing measure
// that bench/wasm/page_long_record.mjs reads and Chromium's performance panel shows.
function timed(name, started) {
  performance.measure(name, { start: started, end: performance.now() });
}

// ---- the selected record, its edits and references ---------------------------------------------
function editsFor(entry, index) {
  entry.edits ??= [];
  if (!entry.edits[index] && entry.annotations[index]) entry.edits[index] = new MarkEdits(entry.annotations[index]);
  return entry.edits[index];
}

// The marks of a day-long record (MarkEdits, then its beats) take a few hundred ms to set up: a
// task each, before the record is shown, so that the page never stops for that long.
async function prepareEdits(entry, index) {
  const edits = editsFor(entry, index);
  await nextTask();
  edits?.beats();
  await nextTask();
}

function current() {
  const entry = state.selected;
  if (!entry) return null;
  const index = entry.index;
  return { entry, index, record: entry.records[index], annotation: entry.annotations[index], edits: editsFor(entry, index) };
}

// Which lead each reference file belongs to: recomputed only when the files change.
function assignedFor(entry, index) {
  const files = entry.references?.[index] ?? [];
  if (!files.length || !entry.annotations[index]) return null;
  entry.assignedCache ??= [];
  const cached = entry.assignedCache[index];
  if (cached?.files === files) return cached.assigned;
  const assigned = assignReferences(files, entry.annotations[index].leads.map((l) => l.name));
  entry.assignedCache[index] = { files, assigned };
  return assigned;
}

// The comparison with the reference files, recomputed only when the marks or the files change.
function comparisonFor(entry, index) {
  const files = entry.references?.[index] ?? [];
  const edits = editsFor(entry, index);
  if (!files.length || !edits) return { comparison: null, assigned: null, unused: [] };
  entry.comparisonCache ??= [];
  const cached = entry.comparisonCache[index];
  if (cached && cached.version === edits.version && cached.files === files) return cached;
  const annotation = entry.annotations[index];
  const assigned = assignedFor(entry, index);
  let comparison = null;
  const unused = [...assigned.unused];
  try {
    if (assigned.leads.size || assigned.global.length) {
      comparison = compareWithReferences(edits.allMarks(), edits.beats(), assigned, annotation.fs);
    }
  } catch (err) {
    unused.push(`The reference annotations could not be compared: ${err.message}`);
  }
  entry.comparisonCache[index] = { version: edits.version, files, assigned, comparison, unused };
  return entry.comparisonCache[index];
}

// ---- loading files -------------------------------------------------------------------------
const openRecordNames = () => state.entries.flatMap((e) => (e.records ?? []).map((r) => r.name));
const newKey = () => `${Date.now()}-${Math.random()}`;

// One drop at a time: each drop sends the held files again, so two in flight would both take them.
let opening = Promise.resolve();
function openFiles(fileList) {
  const files = [...fileList];
  opening = opening.then(() => readDrop(files));
  return opening;
}

// Reads a drop with the files held from earlier drops (drops.js): a file that waits for another
// file or a rate is held and its card says so; once what it waited for comes, its card goes (the
// record, or the references attached, take its place).
async function readDrop(dropped) {
  if (!dropped.length && !state.held.size) return;
  setStatus(`Reading ${dropped.length || state.held.size} file${(dropped.length || state.held.size) > 1 ? 's' : ''}…`);
  let drop;
  let sent;
  let unreadable;
  let reply;
  let identities;
  try {
    // A name dropped again replaces the held file of that name.
    const dropNames = new Set(dropped.map((f) => f.name));
    for (const name of dropNames) state.held.delete(name);
    // Each file is read on its own: one the page cannot read, or that the readers would refuse
    // for its size (told from its head and size first), gets its own card (readEach). A held file
    // is read again from its File, checked with this drop's (a header with its new signal file).
    const checkSizes = async (heads) => (await request('checkSizes', { files: heads })).checks;
    const fresh = await readEach([...dropped.map((f) => ({ name: f.name, blob: f })), ...state.held.values()], checkSizes);
    // This drop's bytes go to the worker as they are (transferred: copying a day of Holter ECG,
    // 170 MB, would block the page).
    drop = sortOutDrop(fresh.read);
    sent = drop.files;
    unreadable = fresh.unreadable;
    const fs = Number(ui.defaultFs.value);
    const files = sent.map((f) => ({ name: f.name, bytes: f.bytes }));
    identities = kept.identify(files); // before the bytes are transferred to the worker
    const options = { ...(fs > 0 ? { fs } : {}), allChannels: ui.allChannels.checked, rateHint: RATE_HINT, allChannelsHint: ALL_CHANNELS_HINT };
    reply = await request('open', { files, options, recordNames: openRecordNames() },
                          files.map((f) => f.bytes.buffer));
    // What this reply says of the held files replaces their cards.
    const replaced = new Set([...dropNames, ...state.held.keys()]);
    state.entries = state.entries.filter((e) => !(e.waiting && replaced.has(e.file)));
    state.held.clear();
  } catch (err) {
    setStatus(`Could not read the files: ${err.message}`, true);
    return;
  }
  const blobOf = new Map(sent.map((f) => [f.name, f.blob]));
  const hold = (entry, reason) => {
    entry.waiting = reason;
    state.held.set(entry.file, { name: entry.file, blob: blobOf.get(entry.file) });
  };
  const added = [...drop.clashes.map((clash) => ({ name: clash.name, error: clashMessage(clash) })), ...unreadable]
    .map(({ name, error }) => ({ key: newKey(), file: name, error, warnings: [] }));
  let firstGood = null;
  for (const result of reply.files) {
    const entry = { key: newKey(), index: 0, edits: [], references: [], label: labelFor(result.file), ...result };
    if (entry.records?.length) entry.identity = identities.get(result.file);
    const reason = !entry.records?.length && waitReason(result.file, result.error);
    if (reason) hold(entry, reason);
    added.push(entry);
    if (!entry.error && entry.records?.length && !firstGood) firstGood = entry;
  }
  state.entries.push(...added);
  if (firstGood) await prepareEdits(firstGood, 0);
  const attached = attachReferences(reply.annotations, added, hold);
  // The corrections this browser keeps for the records just opened go back as an export does;
  // an export dropped for the same record wins.
  const fromExports = new Set(reply.saved.flatMap((f) => (f.records ?? []).map((r) => r.record)));
  const restored = await restoreSavedMarks([...reply.saved, ...await kept.keptFor(added, fromExports)], added, hold);
  const cards = [...added, ...attached.entries, ...restored.entries];
  const counts = (test) => cards.filter(test).length;
  const status = dropStatus({
    annotated: added.filter((e) => !e.error).length,
    failed: counts((e) => e.error && !e.waiting),
    references: attached.count,
    referenceTargets: [...attached.records],
    restored: restored.restored,
    repeated: drop.repeated,
    waitingForFile: counts((e) => e.waiting === 'partner' || e.waiting === 'record'),
    waitingForRate: counts((e) => e.waiting === 'rate'),
    waitingForChannels: counts((e) => e.waiting === 'channels'),
  });
  setStatus(status.text, status.isError, restored.targets.map((t) => editsFor(t.entry, t.index)));
  const onScreen = (t) => t.entry === state.selected && t.index === state.selected.index;
  if (firstGood) {
    select(firstGood, 0);
    bringRecordIntoView();
  }
  else if (restored.targets.length && !restored.targets.some(onScreen)) select(restored.targets[0].entry, restored.targets[0].index);
  else if (attached.count || restored.targets.length) renderRecord();
  renderFileList();
  if (restored.targets.length) kept.changed();
}

// A record just opened comes into view where its traces are out of sight (on a phone, or zoomed in,
// the drop zone fills the screen): the page scrolls to its heading. The heading takes the focus
// too, so that a screen reader says it, where the focus was on the way in (the drop zone, the file
// picker, the example button, or nowhere), never from a control elsewhere. While a box is being
// typed in (the rate box), neither the view nor the focus moves.
function bringRecordIntoView() {
  const focus = document.activeElement;
  if (takesKeys(focus)) return; // the view stays where the person types
  const first = (ui.leads.firstElementChild ?? ui.title).getBoundingClientRect();
  if (first.top < 0 || first.bottom > window.innerHeight) ui.title.scrollIntoView({ block: 'start' });
  if (focus === document.body || !focus || ui.dropZone.contains(focus)) {
    ui.title.tabIndex = -1;
    ui.title.focus({ preventScroll: true });
  }
}

// A record's card is named by its file; the same file opened again is told apart: '8.hea (2)'.
function labelFor(file) {
  const opened = state.entries.filter((e) => e.file === file && e.records?.length).length;
  return opened ? `${file} (${opened + 1})` : file;
}

// Annotation files go to the record they are named for: one of this drop's, else the one on screen,
// else the newest open one. A file that fits none is held (hold(entry, 'record')) for the drop that
// brings its record; a file that cannot be read is an error. Returns {count, records: the names the
// files went to, entries: the cards made}.
function attachReferences(annotationFiles, dropped, hold) {
  const result = { count: 0, records: new Set(), entries: [] };
  const open = openRecords(dropped);
  for (const file of annotationFiles ?? []) {
    const { record } = splitAnnotationName(file.file);
    const found = findName(open.map((o) => o.name), record).map((i) => open[i]);
    const names = [...new Set(found.map((o) => o.name))];
    const target = names.length === 1 ? found[0] : null;
    if (file.error || !target) {
      const error = file.error || (names.length > 1
        ? `${file.file}: WFDB annotations for record '${record}', which could be ${names.map((n) => `'${n}'`).join(' or ')} (the names differ only in case); rename the file to match the one meant exactly`
        : `${file.file}: WFDB annotations for record '${record}', but no record '${record}' is open`);
      const entry = { key: newKey(), file: file.file, warnings: [], error };
      if (!file.error && !names.length) hold(entry, 'record');
      state.entries.push(entry);
      result.entries.push(entry);
      continue;
    }
    const { entry, index } = target;
    const list = (entry.references[index] ?? []).filter((f) => f.file !== file.file);
    entry.references[index] = [...list, { file: file.file, marks: marksAtRate(file.marks, entry.records[index].fs) }];
    result.count += 1;
    // Which open copy of the record took them, where the record is open more than once.
    const { name } = target;
    const copies = state.entries.filter((e) => e.records?.some((r) => r.name === name)).length;
    result.records.add(copies > 1 ? `${name} (${entry.label})` : name);
  }
  return result;
}

// The records open on the page, the likeliest meant first: this drop's (`dropped`: its cards), the
// one on screen, then the newest. [{entry, index, name}].
function openRecords(dropped) {
  const others = state.entries.filter((e) => !dropped.includes(e) && e !== state.selected).reverse();
  const candidates = [...dropped, ...(state.selected && !dropped.includes(state.selected) ? [state.selected] : []), ...others];
  return candidates.filter((e) => !e.error).flatMap((entry) => (entry.records ?? []).map((r, index) => ({ entry, index, name: r.name })));
}

// The page's own JSON and CSV exports (read by saved-marks.js) go back on the records they were
// made of, found by name (and by file, where the record is open from several): each record's marks
// become the saved ones, so that the work goes on where it was left, one undo step from what the
// record showed. A file none of whose records is open is held (hold(entry, 'record')) for the drop
// that brings one; one whose marks do not fit its record is an error. Returns {restored: [{file,
// records: names, missing: names not open, notModel}], targets: [{entry, index}], entries: the
// cards made}.
async function restoreSavedMarks(savedFiles, dropped, hold) {
  const result = { restored: [], targets: [], entries: [] };
  const open = openRecords(dropped);
  const card = (file, error, waiting = false) => {
    const entry = { key: newKey(), file, warnings: [], error };
    if (waiting) hold(entry, 'record');
    state.entries.push(entry);
    result.entries.push(entry);
  };
  for (const saved of savedFiles ?? []) {
    if (saved.error) {
      card(saved.file, saved.error);
      continue;
    }
    const done = { file: saved.file, kept: saved.kind === 'kept', records: [], missing: [], notModel: 0 };
    const issues = [];
    for (const marks of saved.records) {
      const found = open.filter((o) => o.name === marks.record);
      const target = found.find((o) => o.entry.file === marks.file) ?? found[0];
      if (!target) {
        done.missing.push(marks);
        continue;
      }
      const record = target.entry.records[target.index];
      const issue = savedMarksIssue(marks, record);
      if (issue) {
        issues.push(issue);
        continue;
      }
      try {
        await annotated(target.entry, target.index);
      } catch (err) {
        issues.push(`record '${record.name}' could not be annotated: ${err.message}`);
        continue;
      }
      const edits = editsFor(target.entry, target.index);
      done.notModel += edits.restore(savedForRecord(marks, record), saved.restoreLabel ?? `restore the marks of ${saved.file}`).notModel;
      // Marks just read from an export are in that export: nothing to lose on leaving.
      if (saved.kind !== 'kept') kept.exported([edits]);
      (target.entry.restoredFrom ??= [])[target.index] = saved.from ?? saved.file;
      done.records.push(record.name);
      result.targets.push(target);
    }
    if (issues.length) card(saved.file, `${saved.file}: ${issues.join('; ')}`);
    if (done.records.length) result.restored.push({ ...done, missing: done.missing.map((m) => m.record) });
    else if (!issues.length) {
      card(saved.file, `${saved.file}: this page's ${saved.kind.toUpperCase()} export of the marks of ${done.missing.map(savedRecordText).join(', ')}, ` +
                       'but no such record is open: drop it with that record\'s files (or after them) to go on with these marks', true);
    }
  }
  if (state.selectedMark && !current()?.edits?.find(state.selectedMark)) state.selectedMark = null;
  return result;
}

// The cards of files that could not be read or wait for another (error cards; never a record's)
// go: a held file is forgotten, and the worker lets go of what it read of them.
function dismissEntries(gone) {
  for (const entry of gone) {
    state.held.delete(entry.file);
    if (entry.fileId) request('close', { fileId: entry.fileId }).catch(() => {});
  }
  state.entries = state.entries.filter((e) => !gone.includes(e));
  renderFileList();
}

// Each record keeps its view (zoom and pan) while another is on screen.
function select(entry, index) {
  if (state.selected) (state.selected.views ??= [])[state.selected.index] = state.view;
  state.selected = entry;
  entry.index = index;
  state.selectedMark = null;
  state.cursor = { lead: 0, sample: null };
  const record = entry.records[index];
  const duration = record.length / record.fs;
  state.view = entry.views?.[index] ?? { start: 0, end: duration <= 30 ? duration : 10 };
  if (state.paper) fitPaperView(state.view.start);
  const edits = editsFor(entry, index);
  if (state.statusAbout.length && !state.statusAbout.includes(edits)) sayRecordShown(record, edits);
  renderFileList();
  renderRecord();
}

// What the status says on coming to a record from another that it spoke of: undo is per record,
// so it says what Ctrl+Z does here (never an undo that this record has not).
function sayRecordShown(record, edits) {
  setStatus(edits?.canUndo ? `Showing record '${record.name}': Ctrl+Z undoes its last change (${edits.undoLabel}).`
    : `Showing record '${record.name}': nothing to undo in it (each record has its own undo).`, false, edits ? [edits] : []);
}

// Record `index` of `entry` annotated (records of a file after its first are annotated when asked
// for), with its edits set up.
async function annotated(entry, index) {
  if (entry.annotations[index]) return;
  setStatus(`Annotating record ${index + 1} of ${entry.records.length}…`);
  entry.annotations[index] = (await request('annotate', { fileId: entry.fileId, index })).annotation;
  await prepareEdits(entry, index);
}

async function showRecord(entry, index) {
  if (index < 0 || index >= entry.records.length) return;
  if (!entry.annotations[index]) {
    try {
      await annotated(entry, index);
      setStatus(`Annotated ${entry.records[index].name}.`);
    } catch (err) {
      setStatus(`${entry.records[index].name}: ${err.message}`, true);
      return;
    }
  }
  select(entry, index);
}

// ---- rendering -----------------------------------------------------------------------------
function renderFileList() {
  ui.files.hidden = state.entries.length === 0;
  ui.clearProblems.hidden = !state.entries.some((e) => e.error);
  // A file waits for a rate: the box that gives it stands out (its card says so).
  ui.defaultFs.classList.toggle('wanted', state.entries.some((e) => e.waiting === 'rate'));
  ui.allChannels.parentElement.classList.toggle('wanted', state.entries.some((e) => e.waiting === 'channels'));
  fillFileList(ui.fileList, state.entries, {
    selected: state.selected,
    open: (entry) => showRecord(entry, entry.index),
    dismiss: (entry) => dismissEntries([entry]),
  });
}

function renderRecord() {
  const c = current();
  if (!c) return;
  const { entry, record } = c;
  ui.viewer.hidden = false;
  ui.title.textContent = `${record.name} — ${record.leads.length} lead${record.leads.length > 1 ? 's' : ''}, ` +
      `${record.fs} Hz, ${(record.length / record.fs).toFixed(1)} s`;
  const many = entry.records.length > 1;
  ui.snippetNav.hidden = !many;
  ui.position.textContent = `${entry.index + 1} / ${entry.records.length}`;
  ui.prev.disabled = entry.index === 0;
  ui.next.disabled = entry.index === entry.records.length - 1;

  const canvases = [...ui.leads.children];
  while (canvases.length < record.leads.length) {
    const canvas = document.createElement('canvas');
    ui.leads.append(canvas);
    canvases.push(canvas);
  }
  canvases.slice(record.leads.length).forEach((canvas) => canvas.remove());
  // What a screen reader says of the traces: the record and its leads.
  const names = record.leads.map((l) => l.name);
  ui.leads.setAttribute('aria-label', `ECG traces of record ${record.name}: ${names.length} lead${names.length > 1 ? 's' : ''} ` +
                        `(${names.join(', ')}) with their QRS onset and offset probabilities and marks`);
  canvases.forEach((canvas, i) => {
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Lead ${names[i]} of record ${record.name}`);
    canvas.setAttribute('aria-describedby', 'trace-keys');
  });
  traceKeys.sync();
  scheduleDraw();
  renderResults();
}

// Each beat's QRS across the leads as a span of samples, the same for every lead and redraw: made
// again only when the marks change.
const spansMade = new WeakMap(); // MarkEdits -> {version, spans}
function beatSpansOf(edits) {
  if (!edits) return [];
  const made = spansMade.get(edits);
  if (made?.version === edits.version) return made.spans;
  const spans = edits.beats().map((b) => ({ start: b.firstOnset, end: b.lastOffset }));
  spansMade.set(edits, { version: edits.version, spans });
  return spans;
}

function scheduleDraw() {
  if (state.drawPending) return;
  state.drawPending = true;
  requestAnimationFrame(() => {
    state.drawPending = false;
    const c = current();
    if (!c) return;
    const started = performance.now();
    const { entry, index, record, annotation, edits } = c;
    const canvases = ui.leads.children;
    const beatSpans = beatSpansOf(edits);
    const assigned = assignedFor(entry, index);
    const globalMarks = (assigned?.global ?? []).flatMap((g) => g.marks);
    // The view in seconds, for tests and tools that map samples to pixels (plot.js timeToX).
    ui.leads.dataset.viewStart = String(state.view.start);
    ui.leads.dataset.viewEnd = String(state.view.end);
    const details = record.leads.map((lead, i) => drawLead(canvases[i], {
      name: lead.name,
      samples: lead.samples,
      onsetProb: annotation?.leads[i]?.onsetProb,
      offsetProb: annotation?.leads[i]?.offsetProb,
      envelopes: { samples: lead.envelope, ...annotation?.leads[i]?.envelopes },
      qrs: edits?.marks(i) ?? [],
      silenced: annotation?.leads[i]?.silenced ?? [],
      invalid: lead.invalid,
    }, record.fs, state.view, {
      showTimeLabels: i === record.leads.length - 1 || record.leads.length <= 3,
      beatSpans,
      selectedId: state.selectedMark,
      reference: [...(assigned?.leads.get(i)?.marks ?? []), ...globalMarks],
      paper: state.paper,
      pacingSpikes: annotation?.pacingSpikes ?? [],
      noiseReaderSpans: annotation?.noiseReaderSpans ?? [],
    }));
    showDetailNote(details[0]);
    traceKeys.sync();
    timed('qrs:draw', started);
  });
}

// Zoomed out, the traces show less of each beat (plot-marks.js beatDetail); a line above them says
// so. The line keeps its height when empty, so the traces do not move as the zoom crosses a step.
const DETAIL_NOTES = {
  marked: 'Zoomed out: no QRS durations on the traces (zoom in to see each beat\'s).',
  dense: 'Zoomed out: each lead\'s QRS complexes are the band along its top (a gap where it has none). ' +
         'Zoom in to see each beat\'s marks and probabilities.',
};
function showDetailNote(detail) {
  state.detail = detail;
  ui.detailNote.textContent = DETAIL_NOTES[detail] ?? '';
  ui.detailNote.dataset.detail = detail ?? '';
}

// What the annotator says about this record (e.g. a lead too flat to mark, or without samples for
// a while), under the summary.
function renderAnnotationWarnings(warnings) {
  ui.annotationWarnings.replaceChildren(...warnings.map((text) => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }));
  ui.annotationWarnings.hidden = warnings.length === 0;
}

function renderResults() {
  const c = current();
  renderEditBar();
  if (!c) return;
  const started = performance.now();
  const { entry, index, record, annotation, edits } = c;
  renderAnnotationWarnings(annotation?.warnings ?? []);
  if (!annotation) {
    ui.summary.textContent = 'Not annotated yet.';
    ui.summary.removeAttribute('data-beats');
    ui.results.replaceChildren();
    ui.reference.panel.hidden = true;
    return;
  }
  const { comparison, unused } = comparisonFor(entry, index);
  renderSummary(ui.summary, annotation, edits);
  // The rows are built again: a row with the focus hands it on to the row at its place (after a
  // Delete there, the next beat's).
  const focusedRow = ui.results.contains(document.activeElement) ? Number(document.activeElement.dataset.index) : null;
  renderBeatTable(ui.results, annotation, edits, comparison, pickBeat);
  if (focusedRow !== null) {
    const rows = [...ui.results.querySelectorAll('tr[data-index]')];
    (rows.find((tr) => Number(tr.dataset.index) === focusedRow) ?? rows.at(-1))?.focus({ preventScroll: true });
  }
  renderReferencePanel(ui.reference, annotation, comparison, unused);
  timed('qrs:results', started);
}

function renderEditBar() {
  const edits = current()?.edits;
  ui.undo.disabled = !edits?.canUndo;
  ui.redo.disabled = !edits?.canRedo;
  ui.undo.title = edits?.canUndo ? `Undo ${edits.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)';
  ui.redo.title = edits?.canRedo ? `Redo ${edits.redoLabel} (Ctrl+Shift+Z)` : 'Redo (Ctrl+Shift+Z)';
  ui.deleteQrs.disabled = ui.deleteBeat.disabled = !state.selectedMark;
  ui.revertAll.disabled = !edits || edits.atModel;
  ui.addQrs.setAttribute('aria-pressed', String(state.addMode === 'lead'));
  ui.addBeat.setAttribute('aria-pressed', String(state.addMode === 'beat'));
  const count = edits?.editCount ?? 0;
  ui.editCount.textContent = count ? `${count} edited` : '';
  ui.leads.classList.toggle('adding', !!state.addMode);
}

// Marks changed: redraw, and rebuild the tables (and the comparison with the references) once per
// frame at most. During a drag (live) the tables wait for the drag to end: on an hour-long record
// the comparison takes a second.
let resultsPending = false;
function marksChanged({ live = false } = {}) {
  scheduleDraw();
  renderEditBar();
  kept.changed();
  if (live || resultsPending) return;
  resultsPending = true;
  requestAnimationFrame(() => {
    resultsPending = false;
    renderResults();
  });
}

// ---- zoom and pan (one time axis for all leads) ----------------------------------------------
function duration() {
  const record = state.selected.records[state.selected.index];
  return record.length / record.fs;
}

function clampView(start, span) {
  const total = duration();
  span = Math.min(Math.max(span, 0.2), state.paper ? Infinity : total);
  start = Math.min(Math.max(start, 0), Math.max(0, total - span));
  state.view = { start, end: start + span };
  scheduleDraw();
}

// Centres the view on samples from..to; zoomed out so far that the traces show no marks, it zooms
// in to KEYBOARD_SPAN_S first, so that what is selected there can be seen and moved.
const KEYBOARD_SPAN_S = 5;
function centreOn(from, to) {
  const fs = state.selected.records[state.selected.index].fs;
  const shown = state.view.end - state.view.start;
  const span = state.detail === 'dense' && !state.paper ? Math.min(shown, KEYBOARD_SPAN_S) : shown;
  clampView((from + to) / 2 / fs - span / 2, span);
}

// Pans the least that brings `sample` into view (a tenth of the view from its edge).
function keepInView(sample) {
  const t = sample / state.selected.records[state.selected.index].fs;
  const { start, end } = state.view;
  const span = end - start;
  if (t < start) clampView(t - span / 10, span);
  else if (t > end) clampView(t - (span * 9) / 10, span);
}

// On ECG paper the span follows from the paper speed and the traces' width: a calibrated zoom.
function fitPaperView(start = state.view.start) {
  clampView(start, paperSpanSeconds(traceWidth(), state.paper.mmPerSecond));
}

// The width plot.js draws a lead at (CSS px).
const traceWidth = () => ui.leads.firstElementChild?.clientWidth || ui.leads.clientWidth || 1000;

function zoom(fraction, deltaY) {
  const span = state.view.end - state.view.start;
  const anchor = state.view.start + fraction * span;
  if (state.paper) {
    state.paper = { ...state.paper, mmPerSecond: nextPaperSpeed(state.paper.mmPerSecond, -deltaY) };
    ui.paperSpeed.value = String(state.paper.mmPerSecond);
    const newSpan = paperSpanSeconds(traceWidth(), state.paper.mmPerSecond);
    clampView(anchor - fraction * newSpan, newSpan);
    return;
  }
  const newSpan = span * Math.exp(deltaY * 0.0015);
  clampView(anchor - fraction * Math.min(Math.max(newSpan, 0.2), duration()), newSpan);
}

function setPaper(on) {
  state.paper = on ? { mmPerSecond: Number(ui.paperSpeed.value), mmPerMv: Number(ui.paperGain.value) } : null;
  ui.paperToggle.checked = on;
  ui.traceArea.classList.toggle('paper', on);
  if (!state.selected) return;
  if (on) fitPaperView();
  else clampView(state.view.start, state.view.end - state.view.start);
}

// ---- the readout under the cursor --------------------------------------------------------------
function showReadout(info) {
  const r = ui.readout;
  // Read out to a screen reader as the keyboard cursor moves; under the mouse it would never stop.
  r.setAttribute('aria-live', info?.keyboard ? 'polite' : 'off');
  if (!info) {
    r.textContent = 'Point at a trace to read time, amplitude and probabilities.';
    delete r.dataset.lead;
    return;
  }
  const prob = (p) => (p === undefined ? '—' : p.toFixed(2));
  const mark = info.mark ? ` · QRS ${(((info.mark.offset - info.mark.onset) * 1000) / current().record.fs).toFixed(0)} ms` +
      ` (${info.mark.source})${referenceDifference(info.lead, info.mark)}` : '';
  r.textContent = `${info.name} · ${info.seconds.toFixed(3)} s (sample ${info.sample}) · ` +
      `${Number.isFinite(info.value) ? info.value.toFixed(3) : '—'} ${info.unit} · ` +
      `P(onset) ${prob(info.onsetProb)} · P(offset) ${prob(info.offsetProb)}${mark}`;
  Object.assign(r.dataset, {
    lead: info.name, sample: String(info.sample), seconds: String(info.seconds), value: String(info.value),
    onsetProb: String(info.onsetProb), offsetProb: String(info.offsetProb),
  });
}

// How far the complex under the cursor is from its lead's reference, where the protocol matched it.
function referenceDifference(lead, mark) {
  const c = current();
  const own = comparisonFor(c.entry, c.index).comparison?.perLead.find((p) => p.lead === lead);
  if (!own || own.kind === 'beats') return '';
  const diff = (kind) => {
    const pair = own.score[kind].pairs.find((p) => p.detected === Math.round(mark[kind]));
    return pair ? `${pair.detected >= pair.reference ? '+' : ''}${(((pair.detected - pair.reference) * 1000) / c.record.fs).toFixed(0)} ms` : 'unmatched';
  };
  return ` · vs ${own.source}: onset ${diff('onset')}, offset ${diff('offset')}`;
}

const editorHost = {
  active: () => !!current()?.edits,
  fs: () => current().record.fs,
  view: () => state.view,
  setView: clampView,
  zoom,
  lead: (i) => {
    const c = current();
    const lead = c.record.leads[i];
    return lead && { ...lead, onsetProb: c.annotation?.leads[i]?.onsetProb, offsetProb: c.annotation?.leads[i]?.offsetProb };
  },
  edits: () => current().edits,
  selectedId: () => state.selectedMark,
  select: setSelected,
  addMode: () => state.addMode,
  add: addMarks,
  changed: marksChanged,
  redraw: scheduleDraw,
  hover: showReadout,
  status: (text, isError) => setStatus(text, isError, aboutThis()),
  marksShown: () => state.detail !== 'dense',
};
attachEditor(ui.leads, { cursor: ui.cursor, sweep: ui.sweep }, editorHost);

const traceKeys = attachTraceKeys(ui.leads, { keyCursor: ui.keyCursor, sweep: ui.sweep }, {
  ...editorHost,
  cursor: () => state.cursor,
  setCursor: (cursor) => { state.cursor = cursor; },
  keepInView,
  selectIn: (lead, mark) => selectAndSay(lead, mark),
});

attachBoundaryKeys({
  active: () => !!current()?.edits,
  takesKeys,
  fs: () => current().record.fs,
  edits: () => current().edits,
  selectedId: () => state.selectedMark,
  leadName: (i) => current().record.leads[i].name,
  changed: marksChanged,
  keepInView,
  pointAt: (lead, sample) => {
    state.cursor = { lead, sample };
    traceKeys.sync();
  },
  status: (text) => setStatus(text, false, aboutThis()),
});

// ---- selecting by keyboard (a trace, a beat row), said on the status line --------------------
const seconds = (sample) => (sample / current().record.fs).toFixed(3);
const durationText = (mark) => `${(((mark.offset - mark.onset) * 1000) / current().record.fs).toFixed(0)} ms`;
const markText = (lead, mark) => `the QRS in lead ${current().record.leads[lead].name} at ${seconds(mark.onset)}–${seconds(mark.offset)} s ` +
  `(${durationText(mark)}, ${mark.source})`;
const SELECTED_KEYS = 'Delete deletes it, Shift+Delete its beat; [ or ] takes its onset or offset to move with ←/→.';

// The complex with this id is the one selected (null: none): drawn so, and the edit bar follows.
function setSelected(id) {
  state.selectedMark = id;
  scheduleDraw();
  renderEditBar();
}

// Selects `mark` of lead `lead` (null: nothing) and says what is selected.
function selectAndSay(lead, mark, before = '') {
  setSelected(mark?.id ?? null);
  setStatus(mark ? `${before}Selected ${markText(lead, mark)}. ${SELECTED_KEYS}`
    : `${before}No QRS in lead ${current().record.leads[lead].name} at ${seconds(state.cursor.sample ?? 0)} s: nothing selected.`, false, aboutThis());
}

// A beat row picked (clicked, or Enter, Space or ↑/↓ on it): the view is centred on the beat and
// its QRS in the keyboard cursor's lead (else in the first lead that marks it) is selected.
function pickBeat(beat, index) {
  const c = current();
  centreOn(beat.firstOnset, beat.lastOffset);
  const leads = [state.cursor.lead, ...c.record.leads.keys()];
  for (const lead of leads) {
    const marks = c.edits.marks(lead);
    const mark = marks[firstEndingAfter(marks, beat.firstOnset)];
    if (mark && mark.onset < beat.lastOffset) {
      state.cursor = { lead, sample: mark.onset };
      traceKeys.sync();
      selectAndSay(lead, mark, `Beat ${index + 1} (${seconds(beat.firstOnset)}–${seconds(beat.lastOffset)} s, QRS ${beat.durationMs.toFixed(0)} ms): `);
      return;
    }
  }
  setSelected(null);
  setStatus(`Beat ${index + 1} has no QRS marked in any lead.`, false, aboutThis());
}

// ---- edits from buttons and keys ------------------------------------------------------------
const ADD_HINTS = {
  beat: 'Add a beat: drag across the traces from the QRS onset to its offset, or on a trace press Enter at the onset ' +
        'and again at the offset (←/→ move the cursor; Esc cancels).',
  lead: 'Add a QRS: drag along one lead from its onset to its offset, or on that lead\'s trace press Enter at the onset ' +
        'and again at the offset (←/→ move the cursor, ↑/↓ the lead; Esc cancels).',
};

// Toggles an add mode ('lead' or 'beat'; null leaves any). The status line gives the mode's hint
// while it lasts; leaving, it says again what it said before, unless something was said since.
function setAddMode(mode) {
  const next = state.addMode === mode ? null : mode;
  if (next && !state.addMode) state.statusBeforeAdd = { text: ui.status.textContent, isError: ui.status.classList.contains('error') };
  if (next) setStatus(ADD_HINTS[next]);
  else if (state.addMode && ui.status.textContent === ADD_HINTS[state.addMode]) setStatus(state.statusBeforeAdd.text, state.statusBeforeAdd.isError);
  state.addMode = next;
  renderEditBar();
}

// A QRS in lead `lead` or, adding a beat, a beat across the leads, from onset to offset (samples):
// the mode ends, the new QRS is selected, and the status says what was done (the undo label).
function addMarks(lead, onset, offset) {
  const { edits } = current();
  try {
    const id = state.addMode === 'beat' ? null : edits.addQrs(lead, onset, offset);
    if (state.addMode === 'beat') edits.addBeat(onset, offset);
    setAddMode(null);
    const label = edits.undoLabel;
    setStatus(`${label[0].toUpperCase()}${label.slice(1)} at ${seconds(onset)}–${seconds(offset)} s: done (Ctrl+Z undoes it).`, false, aboutThis());
    if (id) state.selectedMark = id;
    marksChanged();
  } catch (err) {
    setStatus(err.message, true);
  }
}

// Undo, redo, revert and delete, each said on the status line (a live region) once done.
function editAction(action) {
  const edits = current()?.edits;
  if (!edits) return;
  let said;
  try {
    if (action === 'undo' || action === 'redo') {
      const label = action === 'undo' ? edits.undoLabel : edits.redoLabel;
      if (!(action === 'undo' ? edits.undo() : edits.redo())) return;
      said = `${action === 'undo' ? 'Undid' : 'Redid'}: ${label}.`;
    }
    if (action === 'revert') {
      edits.revertAll();
      said = 'Back to the model\'s marks (Ctrl+Z undoes it).';
    }
    if (action === 'delete-qrs' || action === 'delete-beat') {
      const found = state.selectedMark && edits.find(state.selectedMark);
      if (!found) return;
      if (action === 'delete-qrs') edits.deleteQrs(state.selectedMark);
      else edits.deleteBeatOf(state.selectedMark);
      said = `Deleted ${action === 'delete-qrs' ? markText(found.lead, found.mark) : `the beat of ${markText(found.lead, found.mark)}`} ` +
             '(Ctrl+Z undoes it).';
      state.selectedMark = null;
    }
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  if (state.selectedMark && !edits.find(state.selectedMark)) state.selectedMark = null;
  setStatus(said, false, [edits]);
  marksChanged();
}

// Q and B by keyboard: the next step is on a trace, so the focus goes there (its cursor shows).
function addByKeys(mode) {
  setAddMode(mode);
  if (state.addMode && current()?.edits) traceKeys.focus();
}

ui.undo.addEventListener('click', () => editAction('undo'));
ui.redo.addEventListener('click', () => editAction('redo'));
ui.revertAll.addEventListener('click', () => editAction('revert'));
ui.deleteQrs.addEventListener('click', () => editAction('delete-qrs'));
ui.deleteBeat.addEventListener('click', () => editAction('delete-beat'));
// A click the keyboard made (Enter or Space on the button: event.detail 0) goes on as Q and B do.
ui.addQrs.addEventListener('click', (event) => (event.detail === 0 ? addByKeys('lead') : setAddMode('lead')));
ui.addBeat.addEventListener('click', (event) => (event.detail === 0 ? addByKeys('beat') : setAddMode('beat')));
ui.paperToggle.addEventListener('change', () => setPaper(ui.paperToggle.checked));
for (const select of [ui.paperSpeed, ui.paperGain]) select.addEventListener('change', () => state.paper && setPaper(true));

// Keys typed into a box that takes text (the rate box) or a list are its own; elsewhere they are
// shortcuts: on a button, a checkbox, or the file picker, which keeps the focus after files are
// chosen.
const TEXT_INPUT_TYPES = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password', 'date',
  'datetime-local', 'month', 'time', 'week']);
function takesKeys(element) {
  if (element instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(element.type);
  return !!element?.closest?.('textarea, select, [contenteditable]:not([contenteditable="false"])');
}

document.addEventListener('keydown', (event) => {
  // A trace or a beat row that used the key (trace-keys.js, results.js) has had it.
  if (!state.selected || takesKeys(event.target) || event.defaultPrevented) return;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  let handled = true;
  if (mod && key === 'z') editAction(event.shiftKey ? 'redo' : 'undo');
  else if (mod && key === 'y') editAction('redo');
  else if (mod || event.altKey) handled = false;
  else if (event.key === 'Delete' || event.key === 'Backspace') editAction(event.shiftKey ? 'delete-beat' : 'delete-qrs');
  else if (key === 'q') addByKeys('lead');
  else if (key === 'b') addByKeys('beat');
  else if (key === 'g') setPaper(!state.paper);
  else if (event.key === 'Escape') {
    setAddMode(null);
    setSelected(null);
  } else if (event.key === 'ArrowLeft') showRecord(state.selected, state.selected.index - 1);
  else if (event.key === 'ArrowRight') showRecord(state.selected, state.selected.index + 1);
  else handled = false;
  if (handled) event.preventDefault();
});

window.addEventListener('resize', () => {
  if (state.paper && state.selected) fitPaperView();
  scheduleDraw();
});

// ---- export (Blob URLs: nothing is sent anywhere) --------------------------------------------
async function annotatedEntries() {
  const good = state.entries.filter((e) => !e.error && e.records?.length);
  for (const entry of good) {
    for (let i = 0; i < entry.records.length; ++i) {
      if (!entry.annotations[i]) {
        setStatus(`Annotating ${entry.file} record ${i + 1} of ${entry.records.length} for export…`);
        entry.annotations[i] = (await request('annotate', { fileId: entry.fileId, index: i })).annotation;
      }
    }
  }
  setStatus(`Exported ${good.length} file${good.length === 1 ? '' : 's'}.`);
  return good;
}

function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function exportJson() {
  const entries = await annotatedEntries();
  const files = entries.map((entry) => ({
    file: entry.file,
    format: entry.format,
    records: entry.annotations.map((a, i) => recordJson(a, editsFor(entry, i), comparisonFor(entry, i).comparison)),
  }));
  download('qrs-annotations.json', 'application/json', JSON.stringify({ files }, null, 2));
  kept.exported(entries.flatMap((entry) => entry.edits));
}

async function exportCsv() {
  const entries = await annotatedEntries();
  const records = entries.flatMap((entry) => entry.annotations.map((annotation, i) => ({ file: entry.file, annotation, edits: editsFor(entry, i) })));
  download('qrs-annotations.csv', 'text/csv', csvText(records));
  kept.exported(records.map((r) => r.edits));
}

// The record on screen as WFDB annotation files ('(' 'N' ')', per lead and for the beats), zipped.
async function exportWfdb() {
  const c = current();
  if (!c?.edits) return;
  const input = wfdbExportInput(c.annotation, c.edits);
  const { files } = await request('writeAnnotations', { fileId: c.entry.fileId, index: c.index, ...input });
  // The writer names the files <record>.<lead>; the zip takes the record part.
  const stem = files.at(-1).name.replace(/\.qrs$/, '');
  download(`${stem}-qrs-wfdb.zip`, 'application/zip', zipStore(files));
  kept.exported([c.edits]);
  setStatus(`Exported ${files.length} WFDB annotation files of record ${c.record.name} ` +
            `(${files.map((f) => f.name).join(', ')}).`);
}

const reportExportError = (err) => setStatus(`Export failed: ${err.message}`, true);
ui.exportJson.addEventListener('click', () => exportJson().catch(reportExportError));
ui.exportCsv.addEventListener('click', () => exportCsv().catch(reportExportError));
ui.exportWfdb.addEventListener('click', () => exportWfdb().catch(reportExportError));

// ---- input wiring --------------------------------------------------------------------------
ui.prev.addEventListener('click', () => showRecord(state.selected, state.selected.index - 1));
ui.next.addEventListener('click', () => showRecord(state.selected, state.selected.index + 1));
ui.resetView.addEventListener('click', () => {
  if (!state.selected) return;
  if (state.paper) setPaper(false);
  clampView(0, duration());
});

// Enter in the rate box is done with it: the focus leaves, so the shortcuts apply again.
ui.defaultFs.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') ui.defaultFs.blur();
});
// A rate typed (Enter, or the box left) reads again the files held for want of one.
ui.defaultFs.addEventListener('change', () => {
  if (Number(ui.defaultFs.value) > 0 && state.entries.some((e) => e.waiting === 'rate')) openFiles([]);
});
// The box ticked reads again the files held for having no ECG channel; later drops read every
// channel too, until it is unticked (files already open keep the leads they were read with).
ui.allChannels.addEventListener('change', () => {
  if (ui.allChannels.checked && state.entries.some((e) => e.waiting === 'channels')) openFiles([]);
});
// The drop zone takes a Tab stop: Enter or Space there opens the file picker, as a click on
// 'choose files' does.
ui.dropZone.addEventListener('keydown', (event) => {
  if (event.target !== ui.dropZone || (event.key !== 'Enter' && event.key !== ' ')) return;
  event.preventDefault();
  ui.fileInput.click();
});
ui.clearProblems.addEventListener('click', () => dismissEntries(state.entries.filter((e) => e.error)));
ui.fileInput.addEventListener('change', () => {
  openFiles(ui.fileInput.files);
  ui.fileInput.value = '';
});
// The whole page accepts drops, so a near miss of the drop zone still loads the files.
document.body.addEventListener('dragover', (event) => {
  event.preventDefault();
  ui.dropZone.classList.add('dragging');
});
document.body.addEventListener('dragleave', (event) => {
  if (event.relatedTarget === null) ui.dropZone.classList.remove('dragging');
});
document.body.addEventListener('drop', (event) => {
  event.preventDefault();
  ui.dropZone.classList.remove('dragging');
  openFiles(event.dataTransfer.files);
});

// ---- the example record (web/build/example/, made at build time; absent without LUDB) ----------
async function offerExample() {
  let manifest;
  try {
    const response = await fetch('build/example/manifest.json');
    if (!response.ok) return; // a build without LUDB: no example, no button
    manifest = await response.json();
  } catch {
    return;
  }
  ui.example.textContent = `Try an example: ${manifest.title}`;
  ui.example.hidden = false;
  ui.exampleAttribution.hidden = false;
  ui.exampleAttribution.querySelector('.text').textContent = manifest.attribution;
  ui.exampleAttribution.querySelector('a.licence').href = `build/example/${manifest.licenseFile}`;
  ui.example.addEventListener('click', async () => {
    setStatus(`Loading ${manifest.title}…`);
    try {
      const files = await Promise.all(manifest.files.map(async (name) => {
        const response = await fetch(`build/example/${encodeURIComponent(name)}`);
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        return new File([await response.arrayBuffer()], name);
      }));
      await openFiles(files);
    } catch (err) {
      setStatus(`The example could not be loaded: ${err.message}`, true);
    }
  });
}

request('init')
  .then(({ variant, modelInfo }) => {
    setStatus(`Ready: model ${modelInfo.name} (${modelInfo.sampleRateHz} Hz), WebAssembly ${variant}, ${modelInfo.backend} backend. Drop files to annotate.`);
    // The status line changes with every file; which engine ran stays in view (variant and backend
    // decide speed, and tell a bug report which code path produced the marks).
    ui.engine.textContent = `WebAssembly ${variant} · ${modelInfo.backend} backend · model ${modelInfo.name}`
      + (modelInfo.noiseReader ? ` (noisy records: ${modelInfo.noiseReader})` : '');
    document.body.dataset.ready = 'true';
  })
  .catch((err) => setStatus(`The annotator could not start: ${err.message}`, true));
offerExample();
