// The traces by keyboard, the counterpart of editor.js's pointer handling: one Tab stop for all
// the leads (the lead the keyboard cursor is in takes it; ↑/↓ go to the lead above or below), a
// cursor moved along the lead (←/→ a sample, Shift+←/→ STEP_MS, Ctrl+←/→ to the lead's previous or
// next QRS boundary, Home/End to the edges of the view), and Enter or Space there: selects the QRS
// under the cursor, or, while adding (Q / B), puts the new QRS's onset and then its offset. The
// readout under the traces says where the cursor is (app.js makes it live for a screen reader).
// DOM only: every change goes through the host, as editor.js's do.
import { firstEndingAfter, firstStartingAfter } from './edits.js';
import { placeSweep, sampleInfo } from './editor.js';
import { timeToX } from './plot.js';

/** The larger keyboard step (Shift+←/→), for the cursor and for a boundary taken with [ or ]. */
export const STEP_MS = 10;

/** STEP_MS in whole samples at `fs`, at least one. */
export const stepSamples = (fs) => Math.max(1, Math.round((STEP_MS * fs) / 1000));

/** The complex of `marks` (one lead's, in order) that holds `sample`, or null. */
export function markAt(marks, sample) {
  const mark = marks[firstEndingAfter(marks, sample - 1)];
  return mark && mark.onset <= sample ? mark : null;
}

/** The nearest QRS boundary (onset or offset) of `marks` before (direction -1) or after (+1) `sample`, or null. */
export function nextBoundary(marks, sample, direction) {
  if (direction > 0) {
    const mark = marks[firstEndingAfter(marks, sample)];
    if (!mark) return null;
    return mark.onset > sample ? mark.onset : mark.offset;
  }
  const mark = marks[firstStartingAfter(marks, sample - 1) - 1];
  if (!mark) return null;
  return mark.offset < sample ? mark.offset : mark.onset;
}

/**
 * host: attachEditor's (active, fs, view, lead, edits, addMode, add, hover, status, selectedId),
 * plus cursor(): {lead, sample} (sample null until placed) and setCursor(cursor): the record's
 * keyboard cursor; keepInView(sample): pans so that the sample is in view; selectIn(lead, mark):
 * selects a complex (null: none) and says so.
 * overlay: {keyCursor, sweep}. Returns {sync(): after each redraw (the cursor line and the lead
 * with the Tab stop follow the view and the record), focus(): puts the focus on the cursor's lead}.
 */
export function attachTraceKeys(container, overlay, host) {
  let anchor = null; // {lead, sample}: where a QRS being added starts (Enter in an add mode)
  let shown = false; // the cursor line is drawn: the focus came or moved by keyboard

  const canvases = () => [...container.children];
  const focusedLead = () => canvases().indexOf(document.activeElement);
  const inView = (sample) => {
    const { start, end } = host.view();
    return sample / host.fs() >= start && sample / host.fs() <= end;
  };

  // Where the cursor is: placed first at the selected complex's onset when it is in view, else in
  // the middle of the view.
  function cursorSample() {
    const { sample } = host.cursor();
    if (sample !== null && inView(sample)) return sample;
    const selected = host.selectedId() && host.edits().find(host.selectedId());
    if (selected && inView(selected.mark.onset)) return selected.mark.onset;
    const { start, end } = host.view();
    return Math.round(((start + end) / 2) * host.fs());
  }

  function sync() {
    const lead = Math.min(host.cursor().lead, canvases().length - 1);
    canvases().forEach((canvas, i) => { canvas.tabIndex = i === lead ? 0 : -1; });
    const { sample } = host.cursor();
    const canvas = canvases()[lead];
    overlay.keyCursor.hidden = !shown || !canvas || sample === null || !inView(sample);
    if (overlay.keyCursor.hidden) return;
    const area = container.getBoundingClientRect();
    const rect = canvas.getBoundingClientRect();
    const x = (s) => timeToX(s / host.fs(), host.view(), rect.width);
    Object.assign(overlay.keyCursor.style, {
      left: `${rect.left - area.left + x(sample)}px`, top: `${rect.top - area.top}px`, height: `${rect.height}px`,
    });
    if (anchor) placeSweep(container, overlay.sweep, canvases()[anchor.lead].getBoundingClientRect(), x(anchor.sample), x(sample), host.addMode() === 'beat');
  }

  // The cursor at `sample` of `lead`: drawn, kept in view, and read out.
  function moveTo(lead, sample) {
    const length = host.lead(lead)?.samples.length ?? 0;
    sample = Math.min(Math.max(Math.round(sample), 0), Math.max(0, length - 1));
    host.setCursor({ lead, sample });
    shown = true;
    host.keepInView(sample);
    const info = sampleInfo(host, lead, sample, markAt(host.edits().marks(lead), sample));
    if (info) host.hover({ ...info, keyboard: true });
    sync();
  }

  function toLead(lead, sample) {
    const all = canvases();
    if (lead < 0 || lead >= all.length) return;
    // Going to another lead with a complex selected selects that lead's complex of the same beat.
    const selected = host.selectedId() && host.edits().find(host.selectedId());
    host.setCursor({ lead, sample });
    sync();
    all[lead].focus();
    moveTo(lead, sample);
    if (selected) {
      const marks = host.edits().marks(lead);
      const { onset, offset } = selected.mark;
      const overlapping = marks.slice(firstEndingAfter(marks, onset), firstStartingAfter(marks, offset - 1))
        .filter((m) => m.onset < offset && m.offset > onset);
      host.selectIn(lead, overlapping[0] ?? null);
    }
  }

  // Enter or Space: adding, the first press puts the onset and the second the offset; else the
  // complex under the cursor is selected.
  function press(lead, sample) {
    const mode = host.addMode();
    if (!mode) {
      host.selectIn(lead, markAt(host.edits().marks(lead), sample));
      return;
    }
    if (!anchor) {
      anchor = { lead, sample };
      sync();
      host.status(`Onset at ${(sample / host.fs()).toFixed(3)} s: move the cursor to the offset (←/→) and press Enter (Esc cancels).`);
      return;
    }
    if (Math.abs(sample - anchor.sample) < 2) {
      host.status('Move the cursor to the offset first (←/→), then press Enter.');
      return;
    }
    const from = anchor;
    cancelAnchor();
    host.add(from.lead, Math.min(from.sample, sample), Math.max(from.sample, sample));
  }

  function cancelAnchor() {
    anchor = null;
    overlay.sweep.hidden = true;
  }

  container.addEventListener('keydown', (event) => {
    const lead = focusedLead();
    if (lead < 0 || !host.active() || event.altKey || event.metaKey || event.defaultPrevented) return;
    const arrow = event.key === 'ArrowLeft' || event.key === 'ArrowRight';
    if (event.ctrlKey && !arrow) return; // Ctrl+Z and the like are the page's
    const sample = cursorSample();
    const { start, end } = host.view();
    const fs = host.fs();
    if (arrow) {
      const direction = event.key === 'ArrowLeft' ? -1 : 1;
      const step = event.shiftKey ? stepSamples(fs) : 1;
      moveTo(lead, event.ctrlKey ? nextBoundary(host.edits().marks(lead), sample, direction) ?? sample : sample + direction * step);
    } else if (event.key === 'Home' || event.key === 'End') {
      moveTo(lead, Math.round((event.key === 'Home' ? start : end) * fs));
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      toLead(lead + (event.key === 'ArrowUp' ? -1 : 1), sample);
    } else if (event.key === 'Enter' || event.key === ' ') {
      moveTo(lead, sample);
      press(lead, sample);
    } else {
      // Esc also leaves the add mode (app.js): the onset put goes with it.
      if (event.key === 'Escape') cancelAnchor();
      return;
    }
    event.preventDefault();
  });

  container.addEventListener('focusin', (event) => {
    const lead = canvases().indexOf(event.target);
    if (lead < 0 || !host.active()) return;
    // A click focuses the canvas too: the cursor line is for the keyboard only.
    if (event.target.matches(':focus-visible')) moveTo(lead, cursorSample());
    else host.setCursor({ lead, sample: host.cursor().sample });
    sync();
  });
  container.addEventListener('focusout', (event) => {
    if (container.contains(event.relatedTarget)) return;
    shown = false;
    cancelAnchor();
    host.hover(null);
    sync();
  });

  return {
    sync,
    focus: () => {
      const canvas = canvases()[Math.min(host.cursor().lead, canvases().length - 1)];
      if (canvas && document.activeElement !== canvas) canvas.focus();
      if (canvas) moveTo(canvases().indexOf(canvas), cursorSample());
    },
  };
}
