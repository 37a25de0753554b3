// The page's UI: takes files from a drop or the picker, sends them to the worker (which reads and
// annotates them with the wasm module), draws the selected record, lists results, exports them.
// No computation on ECG data happens here beyond what drawing and tables need.
import { drawLead } from './plot.js';

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('status'),
  dropZone: $('drop-zone'),
  fileInput: $('file-input'),
  defaultFs: $('default-fs'),
  files: $('files'),
  fileList: $('file-list'),
  viewer: $('viewer'),
  title: $('record-title'),
  snippetNav: $('snippet-nav'),
  prev: $('prev-record'),
  next: $('next-record'),
  position: $('record-position'),
  resetView: $('reset-view'),
  exportJson: $('export-json'),
  exportCsv: $('export-csv'),
  leads: $('leads'),
  summary: $('summary'),
  annotationWarnings: $('annotation-warnings'),
  results: document.querySelector('#results tbody'),
};

const state = {
  entries: [], // one per dropped primary file: {key, file, format, error, warnings, fileId, records, annotations, index}
  selected: null,
  view: { start: 0, end: 1 },
  drawPending: false,
};

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
  if (data.ok) waiter.resolve(data);
  else waiter.reject(new Error(data.error));
};
worker.onerror = (event) => {
  setStatus(`The annotator failed to start: ${event.message || 'worker error'}`, true);
  for (const waiter of pending.values()) waiter.reject(new Error('the annotator worker stopped'));
  pending.clear();
};

function setStatus(text, isError = false) {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
}

// ---- loading files -------------------------------------------------------------------------
async function openFiles(fileList) {
  const files = [...fileList];
  if (!files.length) return;
  setStatus(`Reading ${files.length} file${files.length > 1 ? 's' : ''}…`);
  let reply;
  try {
    const buffers = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const fs = Number(ui.defaultFs.value);
    const options = fs > 0 ? { fs } : {};
    reply = await request('open', { files: buffers, options }, buffers.map((b) => b.bytes.buffer));
  } catch (err) {
    setStatus(`Could not read the files: ${err.message}`, true);
    return;
  }
  let firstGood = null;
  for (const result of reply.files) {
    const entry = { key: `${Date.now()}-${Math.random()}`, index: 0, ...result };
    state.entries.push(entry);
    if (!entry.error && entry.records?.length && !firstGood) firstGood = entry;
  }
  const failed = reply.files.filter((f) => f.error).length;
  setStatus(failed ? `${failed} of ${reply.files.length} file${reply.files.length > 1 ? 's' : ''} could not be read (see below).`
                   : `Annotated ${reply.files.length} file${reply.files.length > 1 ? 's' : ''}.`, failed > 0);
  if (firstGood) select(firstGood, 0);
  renderFileList();
}

function select(entry, index) {
  state.selected = entry;
  entry.index = index;
  const record = entry.records[index];
  const duration = record.length / record.fs;
  state.view = { start: 0, end: duration <= 30 ? duration : 10 };
  renderFileList();
  renderRecord();
}

async function showRecord(entry, index) {
  if (index < 0 || index >= entry.records.length) return;
  if (!entry.annotations[index]) {
    setStatus(`Annotating record ${index + 1} of ${entry.records.length}…`);
    try {
      const reply = await request('annotate', { fileId: entry.fileId, index });
      entry.annotations[index] = reply.annotation;
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
  ui.fileList.replaceChildren(...state.entries.map((entry) => {
    const li = document.createElement('li');
    li.className = 'file-entry';
    li.dataset.file = entry.file;
    if (entry.error) {
      li.classList.add('error');
      li.innerHTML = '<strong></strong><span class="message"></span>';
      li.querySelector('strong').textContent = entry.file;
      li.querySelector('.message').textContent = entry.error;
    } else {
      if (entry === state.selected) li.classList.add('selected');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = entry.file;
      button.addEventListener('click', () => showRecord(entry, entry.index));
      const meta = document.createElement('span');
      meta.className = 'meta';
      const n = entry.records.length;
      meta.textContent = `${entry.format}${n > 1 ? ` · ${n} records` : ''}`;
      li.append(button, meta);
    }
    for (const warning of entry.warnings ?? []) {
      const w = document.createElement('span');
      w.className = 'warning';
      w.textContent = warning;
      li.append(w);
    }
    return li;
  }));
}

function currentLeads() {
  const entry = state.selected;
  const record = entry.records[entry.index];
  const annotation = entry.annotations[entry.index];
  return record.leads.map((lead, i) => ({
    name: lead.name,
    samples: lead.samples,
    onsetProb: annotation?.leads[i]?.onsetProb,
    offsetProb: annotation?.leads[i]?.offsetProb,
    qrs: annotation?.leads[i]?.qrs ?? [],
    silenced: annotation?.leads[i]?.silenced ?? [],
  }));
}

function renderRecord() {
  const entry = state.selected;
  if (!entry) return;
  const record = entry.records[entry.index];
  const annotation = entry.annotations[entry.index];
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
  canvases.slice(record.leads.length).forEach((c) => c.remove());
  scheduleDraw();
  renderResults(record, annotation);
}

function scheduleDraw() {
  if (state.drawPending) return;
  state.drawPending = true;
  requestAnimationFrame(() => {
    state.drawPending = false;
    if (!state.selected) return;
    const record = state.selected.records[state.selected.index];
    const leads = currentLeads();
    const canvases = ui.leads.children;
    const annotation = state.selected.annotations[state.selected.index];
    const beatSpans = (annotation?.beats ?? []).map((b) => ({ start: b.firstOnset, end: b.lastOffset }));
    const pacingSpikes = annotation?.pacingSpikes ?? [];
    leads.forEach((lead, i) => drawLead(canvases[i], lead, record.fs, state.view,
                                         { showTimeLabels: i === leads.length - 1 || leads.length <= 3, beatSpans, pacingSpikes }));
  });
}

// What the annotator says about this record (e.g. a lead too flat to mark), under the summary.
function renderAnnotationWarnings(warnings) {
  ui.annotationWarnings.replaceChildren(...warnings.map((text) => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }));
  ui.annotationWarnings.hidden = warnings.length === 0;
}

function renderResults(record, annotation) {
  renderAnnotationWarnings(annotation?.warnings ?? []);
  if (!annotation) {
    ui.summary.textContent = 'Not annotated yet.';
    ui.summary.removeAttribute('data-beats');
    ui.results.replaceChildren();
    return;
  }
  const beats = annotation.beats;
  const durations = beats.map((b) => b.durationMs);
  const mean = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : NaN;
  const perLead = annotation.leads.map((l) => `${l.name} ${l.qrs.length}`).join(', ');
  ui.summary.textContent = `${beats.length} beat${beats.length === 1 ? '' : 's'}` +
      (durations.length ? `, mean QRS duration ${mean.toFixed(0)} ms` : '') +
      ` · complexes per lead: ${perLead}` +
      (annotation.elapsedMs ? ` · annotated in ${annotation.elapsedMs.toFixed(0)} ms` : '');
  ui.summary.dataset.beats = String(beats.length);
  const fs = annotation.fs;
  ui.results.replaceChildren(...beats.map((beat, i) => {
    // A lead agrees when one of its complexes overlaps the global beat; a lead silenced there (no
    // ECG: a loose electrode, noise) has no say, so it counts on neither side.
    const overlaps = (a) => a.onset < beat.offset && a.offset > beat.onset;
    const heard = annotation.leads.filter((l) => !(l.silenced ?? []).some((s) => overlaps({ onset: s.start, offset: s.end })));
    const agreeing = heard.filter((l) => l.qrs.some(overlaps)).length;
    const tr = document.createElement('tr');
    // The beat's QRS across the leads: earliest lead onset to latest lead offset.
    for (const value of [i + 1, (beat.firstOnset / fs).toFixed(3), (beat.lastOffset / fs).toFixed(3),
                         beat.durationMs.toFixed(0), `${agreeing} / ${heard.length}`]) {
      const td = document.createElement('td');
      td.textContent = value;
      tr.append(td);
    }
    return tr;
  }));
}

// ---- zoom and pan (one time axis for all leads) ----------------------------------------------
function duration() {
  const record = state.selected.records[state.selected.index];
  return record.length / record.fs;
}

function clampView(start, span) {
  const total = duration();
  span = Math.min(Math.max(span, 0.2), total);
  start = Math.min(Math.max(start, 0), total - span);
  state.view = { start, end: start + span };
  scheduleDraw();
}

ui.leads.addEventListener('wheel', (event) => {
  if (!state.selected) return;
  event.preventDefault();
  const rect = ui.leads.getBoundingClientRect();
  const fraction = (event.clientX - rect.left) / rect.width;
  const span = state.view.end - state.view.start;
  const anchor = state.view.start + fraction * span;
  const newSpan = span * Math.exp(event.deltaY * 0.0015);
  clampView(anchor - fraction * Math.min(Math.max(newSpan, 0.2), duration()), newSpan);
}, { passive: false });

let drag = null;
ui.leads.addEventListener('pointerdown', (event) => {
  if (!state.selected) return;
  drag = { x: event.clientX, start: state.view.start };
  ui.leads.setPointerCapture(event.pointerId);
  ui.leads.classList.add('panning');
});
ui.leads.addEventListener('pointermove', (event) => {
  if (!drag) return;
  const span = state.view.end - state.view.start;
  const seconds = ((event.clientX - drag.x) / ui.leads.clientWidth) * span;
  clampView(drag.start - seconds, span);
});
const endDrag = () => {
  drag = null;
  ui.leads.classList.remove('panning');
};
ui.leads.addEventListener('pointerup', endDrag);
ui.leads.addEventListener('pointercancel', endDrag);
window.addEventListener('resize', scheduleDraw);

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

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
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
    records: entry.annotations.map((a) => ({
      record: a.record,
      fs: a.fs,
      length: a.length,
      leads: a.leads.map((l) => ({ name: l.name, qrs: l.qrs, silenced: l.silenced })),
      beats: a.beats,
      warnings: a.warnings,
    })),
  }));
  download('qrs-annotations.json', 'application/json', JSON.stringify({ files }, null, 2));
}

async function exportCsv() {
  const entries = await annotatedEntries();
  const quote = (s) => `"${String(s).replaceAll('"', '""')}"`;
  const rows = ['file,record,lead,index,onset_sample,offset_sample,onset_s,offset_s,qrs_ms'];
  for (const entry of entries) {
    for (const a of entry.annotations) {
      const row = (lead, i, onset, offset) => rows.push([quote(entry.file), quote(a.record), quote(lead),
        i + 1, onset.toFixed(2), offset.toFixed(2), (onset / a.fs).toFixed(4), (offset / a.fs).toFixed(4),
        ((offset - onset) * 1000 / a.fs).toFixed(1)].join(','));
      // A beat's row is its QRS across the leads (earliest lead onset to latest lead offset).
      a.beats.forEach((b, i) => row('all (beat)', i, b.firstOnset, b.lastOffset));
      for (const lead of a.leads) lead.qrs.forEach((q, i) => row(lead.name, i, q.onset, q.offset));
    }
  }
  download('qrs-annotations.csv', 'text/csv', rows.join('\n') + '\n');
}

const reportExportError = (err) => setStatus(`Export failed: ${err.message}`, true);
ui.exportJson.addEventListener('click', () => exportJson().catch(reportExportError));
ui.exportCsv.addEventListener('click', () => exportCsv().catch(reportExportError));

// ---- input wiring --------------------------------------------------------------------------
ui.prev.addEventListener('click', () => showRecord(state.selected, state.selected.index - 1));
ui.next.addEventListener('click', () => showRecord(state.selected, state.selected.index + 1));
ui.resetView.addEventListener('click', () => state.selected && clampView(0, duration()));
document.addEventListener('keydown', (event) => {
  if (!state.selected || event.target instanceof HTMLInputElement) return;
  if (event.key === 'ArrowLeft') showRecord(state.selected, state.selected.index - 1);
  if (event.key === 'ArrowRight') showRecord(state.selected, state.selected.index + 1);
});

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

request('init')
  .then(({ variant, modelInfo }) => {
    setStatus(`Ready: model ${modelInfo.name} (${modelInfo.sampleRateHz} Hz), WebAssembly ${variant}. Drop files to annotate.`);
    document.body.dataset.ready = 'true';
  })
  .catch((err) => setStatus(`The annotator could not start: ${err.message}`, true));
