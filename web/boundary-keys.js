// Moving the selected QRS's onset or offset by keyboard, as dragging its marker does: [ (or '(')
// takes its onset, ] (or ')') its offset; then ←/→ move it one sample and Shift+←/→ STEP_MS in
// whole samples; Enter (or the same bracket) puts it down, Esc puts it back where it was taken.
// All the moves of one take are one undo step, as one drag is (MarkEdits' mergeKey). Another key
// puts it down and then does what it does. Wherever the focus is (a trace, a beat row, a button),
// except in a box that takes text. DOM only: every change goes through the host.
import { STEP_MS, stepSamples } from './trace-keys.js';

const TAKES = { '[': 'onset', '(': 'onset', ']': 'offset', ')': 'offset' };

/**
 * host: {active(), takesKeys(element), fs(), edits(): MarkEdits, selectedId(), leadName(i),
 *        changed({live}), keepInView(sample), pointAt(lead, sample): the keyboard cursor follows,
 *        status(text)}.
 */
export function attachBoundaryKeys(host) {
  let taken = null; // {id, lead, edge, from: its position when taken, mergeKey}
  let takes = 0;

  const seconds = (sample) => `${(sample / host.fs()).toFixed(3)} s`;
  const ms = (samples) => `${((samples * 1000) / host.fs()).toFixed(0)} ms`;
  const current = () => host.edits().find(taken.id);

  function take(edge) {
    const found = host.edits().find(host.selectedId());
    if (!found) return;
    taken = { id: found.mark.id, lead: found.lead, edge, from: found.mark[edge], mergeKey: `keys${++takes}` };
    host.pointAt(found.lead, taken.from);
    host.status(`Took the ${edge} of the QRS in lead ${host.leadName(found.lead)} at ${seconds(taken.from)}: ←/→ move it one ` +
                `sample, Shift+←/→ ${STEP_MS} ms; Enter puts it down, Esc puts it back.`);
  }

  function move(direction, step) {
    const { lead, mark } = current();
    // The model puts boundaries between samples; a move puts them on whole samples, as a drag does.
    const to = Math.round(mark[taken.edge]) + direction * step;
    if (!host.edits().move(taken.id, taken.edge, to, { mergeKey: taken.mergeKey })) {
      host.status(`The ${taken.edge} stays at ${seconds(mark[taken.edge])}: ` +
                  `${taken.edge === 'onset' ? (direction < 0 ? 'the QRS before' : 'its offset') : (direction > 0 ? 'the QRS after' : 'its onset')} is there.`);
      return;
    }
    const moved = current().mark;
    host.changed({ live: true });
    host.keepInView(moved[taken.edge]);
    host.pointAt(lead, moved[taken.edge]);
    host.status(`${taken.edge[0].toUpperCase()}${taken.edge.slice(1)} at ${seconds(moved[taken.edge])} ` +
                `(${moved[taken.edge] >= taken.from ? '+' : '−'}${ms(Math.abs(moved[taken.edge] - taken.from))}): QRS ${ms(moved.offset - moved.onset)}.`);
  }

  // Puts the boundary down where it is (back = false) or where it was taken (back = true).
  function putDown(back) {
    const was = taken;
    taken = null;
    const found = host.edits().find(was.id);
    if (!found) return;
    const at = found.mark[was.edge];
    if (at === was.from) {
      host.status(`The ${was.edge} stays at ${seconds(at)}.`);
      return;
    }
    if (back) {
      host.edits().undo();
      host.changed();
      host.pointAt(found.lead, was.from);
      host.status(`The ${was.edge} is back at ${seconds(was.from)}.`);
      return;
    }
    host.changed();
    host.status(`Moved the ${was.edge} of the QRS in lead ${host.leadName(found.lead)} to ${seconds(at)} ` +
                `(${at >= was.from ? '+' : '−'}${ms(Math.abs(at - was.from))}; Ctrl+Z undoes it).`);
  }

  // Capture phase: while a boundary is taken, the arrows are its own, not the trace's or the page's.
  document.addEventListener('keydown', (event) => {
    if (!host.active() || host.takesKeys(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
    if (taken && (host.selectedId() !== taken.id || !current())) taken = null; // selected another meanwhile
    const edge = TAKES[event.key];
    if (!taken) {
      if (!edge || !host.selectedId()) return;
      take(edge);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      move(event.key === 'ArrowLeft' ? -1 : 1, event.shiftKey ? stepSamples(host.fs()) : 1);
    } else if (event.key === 'Enter' || event.key === 'Escape' || edge === taken.edge) {
      putDown(event.key === 'Escape');
    } else if (edge) {
      putDown(false);
      take(edge);
    } else {
      if (event.key !== 'Shift') putDown(false);
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }, { capture: true });

  return { taken: () => !!taken };
}
