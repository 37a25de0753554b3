// Pointer and wheel handling on the traces: drag a boundary marker to move it, sweep onset to
// offset to add a QRS (in one lead or across the leads), click a complex to select it, drag
// elsewhere to pan, wheel to zoom, and the readout under the cursor. DOM only: every change goes
// through the host (app.js) and its MarkEdits; positions are whole samples. The keyboard's way to
// the same edits is trace-keys.js, which shares the readout and the sweep drawn here.
import { firstEndingAfter, firstStartingAfter } from './edits.js';
import { xToTime, timeToX } from './plot.js';

const GRAB_PX = 6; // how close to a marker the pointer must be to take it
const CLICK_PX = 3; // movement below this is a click, not a drag

/**
 * host: {
 *   active(): a record is on screen;   fs(): its rate;   view(): {start, end} s;
 *   setView(start, span);               zoom(anchorFraction, deltaY);
 *   lead(i): {samples, onsetProb?, offsetProb?, name, unit};   edits(): MarkEdits;
 *   selectedId(); select(id | null);    addMode(): null | 'lead' | 'beat';
 *   add(lead, onset, offset): adds a QRS in that lead or, in 'beat' mode, a beat (ends the mode);
 *   changed({live}): marks changed (redraw; tables too unless live: mid-drag);   redraw();
 *   hover(info | null);   status(text, isError);
 *   marksShown(): the traces show each beat's marks (zoomed out they are a band: nothing to take)
 * }
 */
export function attachEditor(container, overlay, host) {
  let gesture = null;

  const canvasAt = (event) => {
    const canvas = event.target.closest?.('canvas');
    if (!canvas || canvas.parentElement !== container) return null;
    const index = [...container.children].indexOf(canvas);
    const rect = canvas.getBoundingClientRect();
    const x = event.clientX - rect.left;
    return { canvas, index, rect, x, t: xToTime(x, host.view(), rect.width) };
  };

  // The marker nearest to x on lead `index` within GRAB_PX, or the complex x lies inside. Only
  // the marks within GRAB_PX of the pointer are looked at (a day holds 80,000 a lead). None
  // where the marks are not drawn: a drag there pans, as it looks it should, instead of moving
  // an unseen marker (beats 2 px apart leave no room between markers).
  function hit(at) {
    if (!host.marksShown()) return null;
    const fs = host.fs();
    const all = host.edits().marks(at.index);
    const reach = (GRAB_PX / at.rect.width) * (host.view().end - host.view().start) * fs + 1;
    const near = all.slice(firstEndingAfter(all, at.t * fs - reach), firstStartingAfter(all, at.t * fs + reach));
    let best = null;
    for (const mark of near) {
      for (const edge of ['onset', 'offset']) {
        const distance = Math.abs(timeToX(mark[edge] / fs, host.view(), at.rect.width) - at.x);
        if (distance <= GRAB_PX && (!best || distance < best.distance)) best = { mark, edge, distance };
      }
    }
    if (best) return best;
    const inside = near.find((m) => at.t * fs >= m.onset && at.t * fs <= m.offset);
    return inside ? { mark: inside, edge: null } : null;
  }

  const showSweep = (at, fromT) => placeSweep(container, overlay.sweep, at.rect,
    timeToX(fromT, host.view(), at.rect.width), at.x, host.addMode() === 'beat');

  function readout(at) {
    const sample = Math.round(at.t * host.fs());
    const info = sampleInfo(host, at.index, sample, null);
    if (!info) return host.hover(null);
    const area = container.getBoundingClientRect();
    overlay.cursor.hidden = false;
    overlay.cursor.style.left = `${at.rect.left - area.left + timeToX(sample / host.fs(), host.view(), at.rect.width)}px`;
    host.hover({ ...info, mark: hit(at)?.mark ?? null });
  }

  function cursorFor(at) {
    if (host.addMode()) return 'crosshair';
    const found = hit(at);
    if (found?.edge) return 'ew-resize';
    return found ? 'pointer' : 'grab';
  }

  container.addEventListener('pointerdown', (event) => {
    if (!host.active() || event.button !== 0) return;
    const at = canvasAt(event);
    if (!at) return;
    container.setPointerCapture(event.pointerId);
    if (host.addMode()) {
      gesture = { kind: 'sweep', lead: at.index, fromT: at.t };
      showSweep(at, at.t);
      return;
    }
    const found = hit(at);
    if (found?.edge) {
      host.select(found.mark.id);
      gesture = { kind: 'boundary', id: found.mark.id, edge: found.edge, mergeKey: `drag${event.timeStamp}` };
      container.classList.add('moving');
      return;
    }
    gesture = { kind: 'pan', x: event.clientX, start: host.view().start, moved: false, mark: found?.mark ?? null };
  });

  container.addEventListener('pointermove', (event) => {
    if (!host.active()) return;
    const at = canvasAt(event);
    if (!gesture) {
      if (!at) return;
      container.style.cursor = cursorFor(at);
      readout(at);
      return;
    }
    if (gesture.kind === 'boundary') {
      // During a drag the pointer may leave its canvas: time comes from the first canvas's rect.
      const rect = container.firstElementChild.getBoundingClientRect();
      const t = xToTime(event.clientX - rect.left, host.view(), rect.width);
      if (host.edits().move(gesture.id, gesture.edge, Math.round(t * host.fs()), { mergeKey: gesture.mergeKey })) {
        gesture.moved = true;
        host.changed({ live: true });
      }
      if (at) readout(at);
    } else if (gesture.kind === 'sweep') {
      if (at) showSweep({ ...at, x: at.x }, gesture.fromT);
    } else if (gesture.kind === 'pan') {
      if (Math.abs(event.clientX - gesture.x) > CLICK_PX) gesture.moved = true;
      if (!gesture.moved) return;
      container.classList.add('panning');
      const { start, end } = host.view();
      const seconds = ((event.clientX - gesture.x) / container.clientWidth) * (end - start);
      host.setView(gesture.start - seconds, end - start);
    }
  });

  const finish = (event) => {
    if (!gesture) return;
    const g = gesture;
    gesture = null;
    container.classList.remove('panning', 'moving');
    overlay.sweep.hidden = true;
    if (g.kind === 'boundary' && g.moved) host.changed();
    if (g.kind === 'sweep') {
      const at = canvasAt(event);
      const fs = host.fs();
      const rect = container.firstElementChild.getBoundingClientRect();
      const toT = at ? at.t : xToTime(event.clientX - rect.left, host.view(), rect.width);
      const onset = Math.round(Math.min(g.fromT, toT) * fs);
      const offset = Math.round(Math.max(g.fromT, toT) * fs);
      if (offset - onset < 2) {
        host.status('To add a QRS, drag from its onset to its offset.', false);
        return;
      }
      host.add(g.lead, onset, offset);
    } else if (g.kind === 'pan' && !g.moved && event.type === 'pointerup') {
      host.select(g.mark?.id ?? null);
    }
  };
  container.addEventListener('pointerup', finish);
  container.addEventListener('pointercancel', finish);
  container.addEventListener('pointerleave', () => {
    if (gesture) return;
    overlay.cursor.hidden = true;
    host.hover(null);
  });

  container.addEventListener('wheel', (event) => {
    if (!host.active()) return;
    event.preventDefault();
    const rect = container.getBoundingClientRect();
    host.zoom((event.clientX - rect.left) / rect.width, event.deltaY);
  }, { passive: false });
}

/**
 * What the readout says of sample `sample` of lead `index` (host as attachEditor's): {lead, name,
 * unit, sample, seconds, value, onsetProb, offsetProb, mark}, or null outside the lead.
 */
export function sampleInfo(host, index, sample, mark) {
  const lead = host.lead(index);
  if (!lead || sample < 0 || sample >= lead.samples.length) return null;
  return {
    lead: index, name: lead.name, unit: lead.unit ?? 'mV', sample, seconds: sample / host.fs(),
    value: lead.samples[sample], onsetProb: lead.onsetProb?.[sample], offsetProb: lead.offsetProb?.[sample], mark,
  };
}

/**
 * Shows `sweep` (the overlay of a QRS being added) over the canvas at `rect` from x0 to x1 (CSS px
 * on that canvas), or over every lead (`acrossLeads`) of `container`.
 */
export function placeSweep(container, sweep, rect, x0, x1, acrossLeads) {
  const area = container.getBoundingClientRect();
  sweep.hidden = false;
  sweep.style.left = `${rect.left - area.left + Math.min(x0, x1)}px`;
  sweep.style.width = `${Math.abs(x1 - x0)}px`;
  sweep.style.top = `${acrossLeads ? 0 : rect.top - area.top}px`;
  sweep.style.height = `${acrossLeads ? area.height : rect.height}px`;
}
