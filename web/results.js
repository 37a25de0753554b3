// The tables under the traces: the summary line, one row per beat (its QRS across the leads, how
// many leads agree, the difference from the reference, whether a person edited it), and the
// reference panel (Se, PPV, mean ± SD by the DESIGN.md protocol, pooled and per lead). DOM only;
// the numbers come from edits.js and references.js.
import { firstEndingAfter } from './edits.js';
import { fillRows } from './virtual-rows.js';

const cell = (text, className) => {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
};
const fixed = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const signed = (v) => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(0)}` : '—');

/** The line under "Results": beats, mean QRS, complexes per lead, edits. */
export function renderSummary(element, annotation, edits) {
  const beats = edits.beats();
  const durations = beats.map((b) => b.durationMs);
  const mean = durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : NaN;
  const perLead = annotation.leads.map((l, i) => `${l.name} ${edits.marks(i).length}`).join(', ');
  const count = edits.editCount;
  element.textContent = `${beats.length} beat${beats.length === 1 ? '' : 's'}` +
      (durations.length ? `, mean QRS duration ${mean.toFixed(0)} ms` : '') +
      ` · complexes per lead: ${perLead}` +
      (annotation.elapsedMs ? ` · annotated in ${annotation.elapsedMs.toFixed(0)} ms` : '') +
      (count ? ` · ${count} mark${count === 1 ? '' : 's'} edited` : '');
  element.dataset.beats = String(beats.length);
  element.dataset.edits = String(count);
}

// The keys of a focused beat row: Enter or Space pick its beat; ↑/↓ go to the row above or below
// and pick its beat, so that the beats can be gone through one by one; Delete picks it before the
// page deletes what is picked.
const PICK_KEYS = new Set(['Enter', ' ', 'Delete', 'Backspace']);
function rowKeys(tr, pick) {
  tr.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (PICK_KEYS.has(event.key)) {
      pick();
      // Delete goes on to the page, which deletes the QRS just picked.
      if (event.key === 'Enter' || event.key === ' ') event.preventDefault();
      return;
    }
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const next = event.key === 'ArrowUp' ? tr.previousElementSibling : tr.nextElementSibling;
    if (!next?.dataset.index) return; // the first or last row (or a spacer: rows not built yet)
    next.focus();
    next.dispatchEvent(new CustomEvent('pick'));
  });
  tr.addEventListener('pick', pick);
}

/**
 * One row per beat (only those near the view of the table's scrolling box are built: virtual-rows.js).
 * comparison: compareWithReferences()'s result or null. onPick(beat, index) is called when a row is
 * clicked, or has the focus and Enter, Space or Delete is pressed on it, or ↑/↓ reach it (the page
 * centres the view on the beat and selects its QRS).
 */
export function renderBeatTable(tbody, annotation, edits, comparison, onPick) {
  const fs = annotation.fs;
  const beats = edits.beats();
  const leads = annotation.leads.map((lead, i) => ({ silenced: lead.silenced ?? [], marks: edits.marks(i) }));
  const makeRow = (i) => {
    const beat = beats[i];
    // A lead agrees when one of its complexes overlaps the beat; a lead silenced there (no ECG:
    // a loose electrode, noise) has no say, so it counts on neither side.
    const heard = leads.filter((l) => !l.silenced.some((s) => s.start < beat.offset && s.end > beat.onset));
    const agreeing = heard.filter(({ marks }) => marks[firstEndingAfter(marks, beat.onset)]?.onset < beat.offset).length;
    const diff = comparison?.beats[i];
    const tr = document.createElement('tr');
    // A beat a person edited carries a flag by its number.
    const number = cell(i + 1);
    if (beat.edited) {
      number.prepend(Object.assign(document.createElement('span'), { className: 'flag', title: 'edited', textContent: '✎ ' }));
      tr.classList.add('edited');
    }
    tr.append(number, cell((beat.firstOnset / fs).toFixed(3)), cell((beat.lastOffset / fs).toFixed(3)),
              cell(beat.durationMs.toFixed(0)),
              ...['onsetMs', 'offsetMs'].map((key) => (comparison?.rowsNote
                ? Object.assign(cell('n/a', 'diff'), { title: comparison.rowsNote }) : cell(diff ? signed(diff[key]) : '—', 'diff'))),
              cell(`${agreeing} / ${heard.length}`));
    tr.tabIndex = 0;
    tr.dataset.index = String(i);
    tr.addEventListener('click', () => onPick(beat, i));
    rowKeys(tr, () => onPick(beat, i));
    return tr;
  };
  fillRows(tbody, tbody.closest('.table-wrap') ?? tbody.parentElement, beats.length, makeRow);
}

/** The reference panel; hidden when no reference annotations came with the record. */
export function renderReferencePanel(ui, annotation, comparison, unused) {
  ui.panel.hidden = !comparison && !unused.length;
  if (ui.panel.hidden) return;
  const notes = [...unused, ...(comparison?.groups ?? []).flatMap((g) => (g.note ? [g.note] : []))];
  if (comparison?.rowsSource && comparison.globalScores.length > 1) notes.push(`The table's Δ onset and Δ offset are against ${comparison.rowsSource}`);
  // A reference complex by its QRS; a beat label without one by where it is.
  const seconds = (m) => (Number.isFinite(m.refOnset) || Number.isFinite(m.refOffset)
    ? `${fixed(m.refOnset / annotation.fs, 3)}–${fixed(m.refOffset / annotation.fs, 3)} s` : `${fixed(m.at / annotation.fs, 3)} s`);
  if (comparison?.missed.length) notes.push(`Reference beats with no mark: ${comparison.missed.map(seconds).join(', ')}`);
  ui.notes.replaceChildren(...notes.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  if (!comparison) {
    ui.summary.replaceChildren();
    ui.leads.replaceChildren();
    return;
  }
  // A row per boundary of each group of references (references.js groups); beat labels give one
  // row for the beats, their boundaries not available.
  const summaryRows = comparison.groups.flatMap((g) => (g.kind === 'beats' ? ['beat'] : ['onset', 'offset']).map((kind) => {
    const s = g.summary[kind];
    const tr = document.createElement('tr');
    tr.dataset.kind = kind;
    tr.dataset.scope = g.scope;
    tr.dataset.files = g.sources.join(', ');
    // A reference of selected beats has no false positives to count (its note says why).
    const notApplicable = (v, text) => (v === null ? 'n/a' : text);
    tr.append(cell(kind === 'beat' ? 'QRS (beat)' : `QRS ${kind}`), cell(g.scope), cell(g.sources.join(', ')), cell(s.tp), cell(s.fn),
              cell(notApplicable(s.fp, String(s.fp))), cell(fixed(s.se, 1)), cell(notApplicable(s.ppv, fixed(s.ppv, 1))), cell(kind === 'beat' ? 'n/a' : `${fixed(s.meanMs, 1)} ± ${fixed(s.sdMs, 1)}`));
    return tr;
  }));
  ui.summary.replaceChildren(...summaryRows);
  ui.leads.replaceChildren(...comparison.perLead.map(({ lead, source, kind, score }) => {
    const tr = document.createElement('tr');
    if (kind === 'beats') {
      const { tp, fn, fp } = score.beat;
      tr.append(cell(annotation.leads[lead].name), cell(source), cell(`beats ${tp} / ${fn} / ${fp}`), cell('n/a'), cell('n/a'), cell('n/a'));
      return tr;
    }
    const mean = (k) => {
      const e = score[k].errorsMs;
      return e.length ? `${signed(e.reduce((a, b) => a + b, 0) / e.length)} ms` : '—';
    };
    const counts = (k) => `${score[k].tp} / ${score[k].fn} / ${kind === 'selected' ? 'n/a' : score[k].fp}`;
    tr.append(cell(annotation.leads[lead].name), cell(source), cell(counts('onset')), cell(mean('onset')), cell(counts('offset')), cell(mean('offset')));
    return tr;
  }));
}
