// A reviewer's corrections to one record's QRS marks: a pure data structure (no DOM, no drawing)
// with undo and redo. It starts from the annotator's result; every change (move a boundary, add a
// complex in one lead or a beat across the leads, delete either, revert) makes a new snapshot, so
// undo is going back one snapshot. Marks keep where they came from: 'model' until a person touches
// them, then 'edited' (with the model's original position when it had one). Positions are samples
// at the record's rate, as in the annotator's result. Tested in tests/js/edits.test.mjs.

import { firstIndex } from './first-index.js';

let nextId = 1;
const newId = (prefix) => `${prefix}${nextId++}`;

const byOnset = (a, b) => a.onset - b.onset;

/**
 * Which beat a complex overlaps most: annotate/beat_overlap.h's rule (the first of equal overlaps;
 * -1 for none). Beats must be in onset order; they may overlap each other (a beat a person added).
 * A binary search finds the beats starting before the complex ends, and only those that can still
 * reach it are looked at, so an hour of beats costs a few steps per complex.
 */
export function overlapIndex(beats) {
  const longest = beats.reduce((m, b) => Math.max(m, b.offset - b.onset), 0);
  return (mark) => {
    const lo = firstIndex(beats.length, (i) => beats[i].onset >= mark.offset);
    let best = -1;
    let bestOverlap = 0;
    for (let i = lo - 1; i >= 0 && beats[i].onset > mark.onset - longest; --i) {
      const overlap = Math.min(mark.offset, beats[i].offset) - Math.max(mark.onset, beats[i].onset);
      if (overlap > 0 && overlap >= bestOverlap) {
        bestOverlap = overlap;
        best = i; // scanning backwards: on a tie the earlier beat wins
      }
    }
    return best;
  };
}

/**
 * The index of the first of one lead's `marks` that ends after `sample` (marks.length for none).
 * A lead's marks are in onset order and never overlap, so their offsets are in order too: drawing,
 * the editor and the beat table find what lies at a time in a day of marks in a few steps.
 */
export const firstEndingAfter = (marks, sample) => firstIndex(marks.length, (i) => marks[i].offset > sample);

/** The index of the first of one lead's `marks` that starts after `sample` (marks.length for none). */
export const firstStartingAfter = (marks, sample) => firstIndex(marks.length, (i) => marks[i].onset > sample);

/** The beat one complex overlaps most (index into beats), or -1; see overlapIndex. */
export const mostOverlappingBeat = (beats, mark) => overlapIndex(beats)(mark);

// How many states' beat lists are kept (MarkEdits.beats): the current one and those an undo or
// redo reaches next.
const kKeptBeatLists = 4;

const longest = (spans) => spans.reduce((m, x) => Math.max(m, x.offset - x.onset), 0);

// The beats' order in MarkEdits.beats(): by firstOnset, then a fixed tie-break, so that a list
// patched after an edit and one built whole come out the same.
function byFirstOnset(a, b) {
  return a.firstOnset - b.firstOnset || a.onset - b.onset || a.offset - b.offset || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// The beats at indices `wanted` (all when null) of a state with their QRS across the leads: the
// earliest onset and latest offset of the lead complexes that overlap each most. Only marks that
// end after `from` and start before `to` are looked at; the caller makes that window wide enough
// to hold every complex of the beats it wants.
function beatEntries(state, fs, wanted = null, from = -Infinity, to = Infinity) {
  const { beats, leads } = state;
  const indices = wanted ?? beats.map((_, i) => i);
  const slot = new Map(indices.map((b, k) => [b, k]));
  const first = new Float64Array(indices.length).fill(Infinity);
  const last = new Float64Array(indices.length).fill(-Infinity);
  const count = new Uint32Array(indices.length);
  const edited = indices.map((b) => beats[b].source === 'edited');
  const beatOf = overlapIndex(beats);
  for (const marks of leads) {
    for (let j = firstEndingAfter(marks, from); j < marks.length && marks[j].onset < to; ++j) {
      const m = marks[j];
      const k = slot.get(beatOf(m));
      if (k === undefined) continue;
      first[k] = Math.min(first[k], m.onset);
      last[k] = Math.max(last[k], m.offset);
      edited[k] ||= m.source === 'edited';
      count[k] += 1;
    }
  }
  const entries = [];
  indices.forEach((i, k) => {
    const b = beats[i];
    // A model beat that some lead marked is gone once no lead marks it.
    if (count[k] === 0 && b.marked) return;
    const firstOnset = b.startsAtSpike || !count[k] ? b.onset : first[k];
    const lastOffset = count[k] ? last[k] : b.offset;
    entries.push(Object.freeze({
      id: b.id, onset: b.onset, offset: b.offset, source: b.source, firstOnset, lastOffset,
      edited: edited[k], count: count[k], durationMs: ((lastOffset - firstOnset) * 1000) / fs,
    }));
  });
  return entries.sort(byFirstOnset);
}

// Every beat of a state (MarkEdits.beats).
const beatList = (state, fs) => Object.freeze(beatEntries(state, fs));

// The beats of `state` from `list`, the beats of a state one edit away that changed only marks and
// beats within `dirty` ([from, to] samples, their places before and after). A complex reaches at
// most its own length past that span, and the beats it overlaps as far again: beats overlapping
// the span widened by twice the longest complex or beat are built again, the rest kept.
function patchedBeatList(list, state, [from, to], fs) {
  const reach = 2 * Math.max(longest(state.beats), ...state.leads.map(longest));
  const lo = from - reach;
  const hi = to + reach;
  const { beats } = state;
  const wanted = [];
  for (let i = firstStartingAfter(beats, lo - reach); i < beats.length && beats[i].onset < hi; ++i) {
    if (beats[i].offset > lo) wanted.push(i);
  }
  const fresh = beatEntries(state, fs, wanted, lo - reach, hi + reach);
  const kept = list.filter((b) => !(b.onset < hi && b.offset > lo));
  // Both in order: merged.
  const merged = [];
  let k = 0;
  for (const b of kept) {
    while (k < fresh.length && byFirstOnset(fresh[k], b) < 0) merged.push(fresh[k++]);
    merged.push(b);
  }
  while (k < fresh.length) merged.push(fresh[k++]);
  return Object.freeze(merged);
}

// How many of one lead's complexes are edited or added, counted once per list: an edit makes a new
// list for its own lead only, so the edit bar and the summary recount one lead, not a day's marks.
const editedCounts = new WeakMap();
function editedIn(marks) {
  let count = editedCounts.get(marks);
  if (count === undefined) {
    count = 0;
    for (const m of marks) if (m.source === 'edited') count += 1;
    editedCounts.set(marks, count);
  }
  return count;
}

function modelMark(q, lead) {
  return Object.freeze({
    id: newId(`m${lead}-`), onset: q.onset, offset: q.offset, onsetProb: q.onsetProb, offsetProb: q.offsetProb,
    source: 'model', model: Object.freeze({ onset: q.onset, offset: q.offset }),
  });
}

// A complex a person added: no model position.
const addedMark = (onset, offset) => Object.freeze({ id: newId('a'), onset, offset, source: 'edited', model: null });

// How far apart (samples) two boundaries may be and still be the same: the CSV export writes
// positions with two decimals, the model's lie between samples.
const SAME_PLACE = 0.006;
const sameEdge = (a, b) => Math.abs(a - b) <= SAME_PLACE;

// The one of `marks` that overlaps `span` most (the first of equal overlaps), or null.
function mostOverlapping(marks, span) {
  let best = null;
  let most = 0;
  for (const m of marks) {
    const overlap = Math.min(m.offset, span.offset) - Math.max(m.onset, span.onset);
    if (overlap > most) [best, most] = [m, overlap];
  }
  return best;
}

export class MarkEdits {
  /**
   * annotation: the annotator's result ({fs, leads: [{name, qrs: [{onset, offset, ...}]}],
   * beats: [{onset, offset}]}); only the marks are kept, never the probability arrays.
   */
  constructor(annotation) {
    this.fs = annotation.fs;
    this.leadNames = annotation.leads.map((l) => l.name);
    const leads = annotation.leads.map((l, i) => Object.freeze(l.qrs.map((q) => modelMark(q, i)).sort(byOnset)));
    // A paced beat whose QRS the annotator starts at its pacemaker spike (--paced-onset spike, the
    // default: its onset and firstOnset are that spike) keeps starting there whatever the marks.
    const beats = annotation.beats.map((b) => ({
      id: newId('b'), onset: b.onset, offset: b.offset, source: 'model',
      startsAtSpike: b.paced === true && b.firstOnset === b.onset,
    }));
    // A model beat that some lead marks is dropped once edits leave it with no marks at all; one
    // that no lead ever marked keeps its own span, as the annotator reports it.
    const beatOf = overlapIndex(beats);
    for (const lead of leads) for (const m of lead) {
      const b = beatOf(m);
      if (b >= 0) beats[b].marked = true;
    }
    this._state = Object.freeze({ leads: Object.freeze(leads), beats: Object.freeze(beats.map(Object.freeze)), deleted: Object.freeze([]) });
    this._model = this._state;
    this._beatLists = new Map(); // state -> its beats(), for the last few states
    this._undo = [];
    this._redo = [];
    this._mergeKey = null;
    /** Bumped on every change (edit, undo, redo): a cheap "did anything change" for the UI. */
    this.version = 0;
  }

  // ---- queries ------------------------------------------------------------------------------
  /** The current complexes of lead `lead` (index), in time order. */
  marks(lead) { return this._state.leads[lead] ?? []; }

  /** Every lead's current complexes. */
  allMarks() { return this._state.leads; }

  /** The model's complexes a person deleted, per lead: [{lead, mark}]. */
  deleted() { return this._state.deleted; }

  /** The mark with this id and its lead index, or null. */
  find(id) {
    for (const [lead, marks] of this._state.leads.entries()) {
      const mark = marks.find((m) => m.id === id);
      if (mark) return { lead, mark };
    }
    return null;
  }

  /** The current marks as an opaque token: the same object while they are the same (an undo or
   *  redo comes back to it), so the page can tell whether they changed since an export. */
  get snapshot() { return this._state; }

  get canUndo() { return this._undo.length > 0; }
  /** The marks are the model's: nothing edited, or every edit reverted or undone. */
  get atModel() { return this._state === this._model; }
  get canRedo() { return this._redo.length > 0; }
  /** What the next undo / redo would change, for button titles. */
  get undoLabel() { return this._undo.at(-1)?.label ?? ''; }
  get redoLabel() { return this._redo.at(-1)?.label ?? ''; }
  /** How many complexes differ from the model's: edited or added, plus deleted ones. */
  get editCount() {
    return this._state.leads.reduce((n, marks) => n + editedIn(marks), 0) + this._state.deleted.length;
  }

  /**
   * The beats with their QRS across the leads: firstOnset / lastOffset are the earliest onset and
   * the latest offset of the lead complexes that overlap the beat most (annotate/beat_extent.h);
   * a paced beat the annotator started at its spike keeps that onset (annotate/pacing.h).
   * A beat is 'edited' when any of its complexes is, or a person added it.
   */
  beats() {
    // Drawing, the tables and the comparison all ask after each change: computed once per state,
    // and after an edit only near it (a day of beats takes a tenth of a second to build whole).
    const state = this._state;
    let list = this._beatLists.get(state);
    if (!list) {
      list = this._beatsNear(state) ?? beatList(state, this.fs);
      this._beatLists.set(state, list);
      // The lists of the few states an undo or redo reaches next are kept; older ones go.
      if (this._beatLists.size > kKeptBeatLists) this._beatLists.delete(this._beatLists.keys().next().value);
    }
    return list;
  }

  // The beats of `state` patched from a kept list of a state one edit away (before or after it),
  // or null when none is kept.
  _beatsNear(state) {
    const before = state.base && this._beatLists.get(state.base);
    if (before) return patchedBeatList(before, state, state.dirty, this.fs);
    for (const [other, list] of this._beatLists) {
      if (other.base === state) return patchedBeatList(list, state, other.dirty, this.fs);
    }
    return null;
  }

  // ---- changes ------------------------------------------------------------------------------
  /**
   * Moves one boundary ('onset' or 'offset') of mark `id` to `position`, kept inside its lead's
   * neighbours and at least one sample from its other boundary. Calls with the same mergeKey in a
   * row (one drag) make one undo step.
   */
  move(id, edge, position, { mergeKey = null } = {}) {
    const found = this.find(id);
    if (!found) throw new Error(`no mark ${id}`);
    if (edge !== 'onset' && edge !== 'offset') throw new Error(`edge must be 'onset' or 'offset', not ${edge}`);
    const { lead, mark } = found;
    const marks = this._state.leads[lead];
    const i = marks.indexOf(mark);
    const lo = edge === 'onset' ? (marks[i - 1]?.offset ?? -Infinity) : mark.onset + 1;
    const hi = edge === 'onset' ? mark.offset - 1 : (marks[i + 1]?.onset ?? Infinity);
    const clamped = Math.min(Math.max(position, lo), hi);
    if (clamped === mark[edge]) return false;
    const moved = Object.freeze({ ...mark, [edge]: clamped, source: 'edited' });
    const copy = [...marks];
    copy[i] = moved;
    this._commit({ ...this._state, leads: this._withLead(lead, copy) }, `move ${edge} in ${this.leadNames[lead]}`,
      mergeKey && `${mergeKey}:${id}:${edge}`, [Math.min(mark.onset, clamped), Math.max(mark.offset, clamped)]);
    return true;
  }

  /**
   * Adds a complex onset..offset to lead `lead`; returns its id. Refused where it would overlap one.
   * Where it overlaps no beat it makes a new beat (as addBeat, in this lead alone): on a one-lead
   * record this is how a missed beat is added.
   */
  addQrs(lead, onset, offset) {
    [onset, offset] = [Math.min(onset, offset), Math.max(onset, offset)];
    const marks = this._state.leads[lead];
    if (!marks) throw new Error(`no lead ${lead}`);
    if (marks.some((m) => m.onset < offset && m.offset > onset)) {
      throw new Error(`lead ${this.leadNames[lead]} already has a QRS there`);
    }
    const newBeat = overlapIndex(this._state.beats)({ onset, offset }) < 0;
    return this._add(onset, offset, [lead], newBeat, `add QRS in ${this.leadNames[lead]}`).marks[0];
  }

  /**
   * Adds a beat onset..offset across the leads: a complex in every lead that has none there (in
   * `leads`, default all), and a beat. Returns the beat's id.
   */
  addBeat(onset, offset, leads = this.leadNames.map((_, i) => i)) {
    return this._add(onset, offset, leads, true, 'add beat').beat;
  }

  /** Deletes the complex with this id from its lead. */
  deleteQrs(id) {
    const found = this.find(id);
    if (!found) throw new Error(`no mark ${id}`);
    const { lead, mark } = found;
    this._commit({
      ...this._state,
      leads: this._withLead(lead, this._state.leads[lead].filter((m) => m !== mark)),
      deleted: this._withDeleted([{ lead, mark }]),
    }, `delete QRS in ${this.leadNames[lead]}`, null, [mark.onset, mark.offset]);
  }

  /** Deletes the beat that the complex with this id belongs to: it and every lead's complex in it. */
  deleteBeatOf(id) {
    const found = this.find(id);
    if (!found) throw new Error(`no mark ${id}`);
    const { beats, leads } = this._state;
    const beatOf = overlapIndex(beats);
    const b = beatOf(found.mark);
    const inBeat = (m) => (b >= 0 ? beatOf(m) === b : m === found.mark);
    const removed = [];
    const newLeads = leads.map((marks, lead) => {
      const gone = marks.filter(inBeat);
      removed.push(...gone.map((mark) => ({ lead, mark })));
      return gone.length ? Object.freeze(marks.filter((m) => !gone.includes(m))) : marks;
    });
    const spans = [...removed.map((r) => r.mark), ...(b >= 0 ? [beats[b]] : [])];
    this._commit({
      leads: Object.freeze(newLeads),
      beats: b >= 0 ? Object.freeze(beats.filter((_, i) => i !== b)) : beats,
      deleted: this._withDeleted(removed),
    }, 'delete beat', null, [Math.min(...spans.map((x) => x.onset)), Math.max(...spans.map((x) => x.offset))]);
  }

  /**
   * Puts back marks this page saved (saved-marks.js reads its JSON and CSV exports), as one undo
   * step. saved: {leads: per lead of this record, in its order, [{onset, offset, source, model}]
   * (model: where the model had an edited complex, null for one a person added, undefined where
   * the file does not say: the CSV export), beats: [{onset, offset, edited}]}. A saved 'model'
   * complex is the model's complex at that place (within SAME_PLACE: the CSV keeps two decimals);
   * one the model does not have now (another model version) comes back as an added one and is
   * counted in notModel. An edited complex is tied to the model's complex it was moved from: the
   * one at its saved model position, else (not said) the one it overlaps most that no other saved
   * complex stands for; a boundary left where the model had it keeps the model's exact value. The
   * model's complexes no saved complex stands for are deleted, and a saved beat that overlaps no
   * model beat is one a person added. Returns {notModel}.
   */
  restore(saved, label) {
    let notModel = 0;
    const deleted = [];
    const leads = this._model.leads.map((modelMarks, lead) => {
      const taken = new Set();
      // The model's complex at `place` that no other saved complex stands for, or null.
      const at = (place) => {
        if (!place) return null;
        for (let i = firstEndingAfter(modelMarks, place.onset - SAME_PLACE); i < modelMarks.length && modelMarks[i].onset <= place.onset + SAME_PLACE; ++i) {
          const mark = modelMarks[i];
          if (!taken.has(mark) && sameEdge(mark.onset, place.onset) && sameEdge(mark.offset, place.offset)) return mark;
        }
        return null;
      };
      const out = [];
      const untied = [];
      const edited = (from, { onset, offset }) => Object.freeze({
        ...from, onset: sameEdge(from.onset, onset) ? from.onset : onset, offset: sameEdge(from.offset, offset) ? from.offset : offset, source: 'edited',
      });
      for (const mark of saved.leads[lead] ?? []) {
        const own = at(mark.source === 'model' ? mark : mark.model);
        if (own) {
          taken.add(own);
          out.push(mark.source === 'model' ? own : edited(own, mark));
        } else if (mark.source === 'edited' && mark.model === undefined) {
          untied.push(mark);
        } else {
          if (mark.source === 'model') notModel += 1;
          out.push(addedMark(mark.onset, mark.offset));
        }
      }
      for (const mark of untied) {
        const near = modelMarks.slice(firstEndingAfter(modelMarks, mark.onset), firstStartingAfter(modelMarks, mark.offset));
        const own = mostOverlapping(near.filter((m) => !taken.has(m)), mark);
        if (own) taken.add(own);
        out.push(own ? edited(own, mark) : addedMark(mark.onset, mark.offset));
      }
      deleted.push(...modelMarks.filter((m) => !taken.has(m)).map((mark) => Object.freeze({ lead, mark })));
      return Object.freeze(out.sort(byOnset));
    });
    const modelBeatOf = overlapIndex(this._model.beats);
    const added = saved.beats.filter((b) => b.edited && modelBeatOf(b) < 0)
      .map((b) => Object.freeze({ id: newId('b'), onset: b.onset, offset: b.offset, source: 'edited', marked: true }));
    this._commit({
      leads: Object.freeze(leads),
      beats: Object.freeze([...this._model.beats, ...added].sort(byOnset)),
      deleted: Object.freeze(deleted),
    }, label);
    return { notModel };
  }

  /** Back to the model's marks (one undo step). */
  revertAll() {
    if (this.atModel) return false;
    this._commit(this._model, 'revert all edits');
    return true;
  }

  undo() {
    const step = this._undo.pop();
    if (!step) return false;
    this._redo.push({ state: this._state, label: step.label });
    this._state = step.state;
    this._changed();
    return true;
  }

  redo() {
    const step = this._redo.pop();
    if (!step) return false;
    this._undo.push({ state: this._state, label: step.label });
    this._state = step.state;
    this._changed();
    return true;
  }

  // ---- internals ----------------------------------------------------------------------------
  // A complex onset..offset in each of `leads` that has none there, and with `withBeat` a beat
  // (dropped again once no lead marks it, as a model beat is): one undo step.
  _add(onset, offset, leads, withBeat, label) {
    [onset, offset] = [Math.min(onset, offset), Math.max(onset, offset)];
    if (!(offset - onset >= 1)) throw new Error('a QRS needs at least one sample between onset and offset');
    const added = [];
    const newLeads = this._state.leads.map((marks, i) => {
      if (!leads.includes(i) || marks.some((m) => m.onset < offset && m.offset > onset)) return marks;
      const mark = addedMark(onset, offset);
      added.push(mark.id);
      return Object.freeze([...marks, mark].sort(byOnset));
    });
    const beat = withBeat ? Object.freeze({ id: newId('b'), onset, offset, source: 'edited', marked: true }) : null;
    const beats = beat ? Object.freeze([...this._state.beats, beat].sort(byOnset)) : this._state.beats;
    this._commit({ ...this._state, leads: Object.freeze(newLeads), beats }, label, null, [onset, offset]);
    return { beat: beat?.id, marks: added };
  }

  _withLead(lead, marks) {
    return Object.freeze(this._state.leads.map((m, i) => (i === lead ? Object.freeze(marks) : m)));
  }

  _withDeleted(removed) {
    // Only the model's own complexes are worth listing as deleted; an added one just goes away.
    return Object.freeze([...this._state.deleted, ...removed.filter((r) => r.mark.model).map(Object.freeze)]);
  }

  // dirty: [from, to], the samples where marks or beats changed (before and after), which lets the
  // beats be rebuilt only there (beats()); null for a change anywhere (revert).
  _commit(state, label, mergeKey = null, dirty = null) {
    // One drag is one step: a move with the same key as the step before replaces it.
    const merging = mergeKey && mergeKey === this._mergeKey && this._undo.length;
    if (!merging) this._undo.push({ state: this._state, label });
    if (dirty) {
      // base: the state an undo goes back to; dirty covers every change since it.
      const base = merging ? this._state.base : this._state;
      const since = merging && this._state.dirty;
      state = { ...state, base, dirty: since ? [Math.min(since[0], dirty[0]), Math.max(since[1], dirty[1])] : dirty };
    }
    this._state = Object.freeze(state);
    this._redo = [];
    this._mergeKey = mergeKey;
    this.version += 1;
  }

  _changed() {
    this._mergeKey = null;
    this.version += 1;
  }
}
