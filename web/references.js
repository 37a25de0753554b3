// Reference annotations dropped with a record, matched to its leads and compared with the current
// marks: which lead each WFDB annotation file (or channel) belongs to, the protocol's score per
// lead and pooled (scoring.js), and per beat the difference between the marks' QRS across the leads
// and the reference's. Pure functions, no DOM; tested in tests/js/references.test.mjs.
import { overlapIndex } from './edits.js';
import { BEATS_ONLY_NOTE, bracketedBeats, countInSpan, referenceKind, scoreBeatLabels, selectedNote, summariseBeats } from './reference-kinds.js';
import { isDelineation, referenceFromMarks, scoreLead, summarise } from './scoring.js';

const leadKey = (name) => String(name).toLowerCase().replace(/[^a-z0-9]/g, '');

/** "5.ii" -> {record: '5', annotator: 'ii'}; the annotator is the part after the last dot. */
export function splitAnnotationName(name) {
  const base = String(name).split(/[\\/]/).pop();
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? { record: base, annotator: '' } : { record: base.slice(0, dot), annotator: base.slice(dot + 1) };
}

/** A name in lower case, ASCII letters only (as the core's to_lower_ascii): "SEL100" -> "sel100". */
export const lowerAscii = (name) => String(name).replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The indices of `names` that `wanted` (an annotation file's record name) means, as the core finds
 * a header's files (src/formats/name_lookup.h): the first name equal to it, else every name equal
 * to it ignoring ASCII case ("SEL100.Q1C" from a CD-ROM for the record its header calls
 * "sel100"). Names found that differ among themselves are for the caller to report.
 */
export function findName(names, wanted) {
  const exact = names.indexOf(wanted);
  if (exact >= 0) return [exact];
  return names.flatMap((name, i) => (lowerAscii(name) === lowerAscii(wanted) ? [i] : []));
}

// wfdb-python's wrann (with fs) and the WFDB library start a file whose sample numbers are not at
// the record's frame rate with a NOTE at sample 0 whose aux says so.
const TIME_RESOLUTION = /^## time resolution: *([0-9]+(?:\.[0-9]*)?)/;

/**
 * An annotation file's marks in samples of a record sampled at `fs`: a leading "## time
 * resolution: R" note is taken out (it is not an annotation) and, where R is not `fs`, every
 * sample number is rescaled by fs / R. Other files' marks are returned as they are.
 */
export function marksAtRate(marks, fs) {
  const resolution = marks.length && marks[0].sample === 0 ? TIME_RESOLUTION.exec(marks[0].aux ?? '') : null;
  if (!resolution) return marks;
  const rate = Number(resolution[1]);
  const rest = marks.slice(1);
  if (!(rate > 0) || rate === fs) return rest;
  return rest.map((m) => ({ ...m, sample: (m.sample * fs) / rate }));
}

/**
 * Assigns annotation files to a record's leads. files: [{file, marks: [{sample, symbol, chan}]}].
 * A file named for a lead (LUDB's "5.ii") is that lead's reference; a file whose marks use several
 * channels (QTDB's ".pu") gives channel k to lead k; any other (".atr", ".q1c") is a reference for
 * the record as a whole, compared with the beats' QRS across the leads.
 * Returns {leads: Map(leadIndex -> {source, marks}), global: [{source, marks}], unused: [message]}.
 */
export function assignReferences(files, leadNames) {
  const byKey = new Map(leadNames.map((name, i) => [leadKey(name), i]));
  const leads = new Map();
  const global = [];
  const unused = [];
  for (const { file, marks } of files) {
    const lead = byKey.get(leadKey(splitAnnotationName(file).annotator));
    if (!marks.length) {
      unused.push(`${file}: no annotations in it`);
    } else if (!marks.some(isDelineation)) {
      unused.push(`${file}: no beats or waves in it (only notes or rhythm labels); not compared`);
    } else if (lead !== undefined) {
      leads.set(lead, { source: file, marks });
    } else {
      const channels = [...new Set(marks.map((m) => m.chan ?? 0))].sort((a, b) => a - b);
      if (channels.length > 1) {
        for (const chan of channels) {
          if (chan >= leadNames.length) {
            unused.push(`${file}: channel ${chan} names no lead of this record (${leadNames.length} leads)`);
          } else {
            leads.set(chan, { source: `${file} (channel ${chan})`, marks: marks.filter((m) => (m.chan ?? 0) === chan) });
          }
        }
      } else {
        global.push({ source: file, marks });
      }
    }
  }
  return { leads, global, unused };
}

// A reference complex's extent for grouping by beat; a missing boundary falls back to the peak.
function complexes(reference) {
  return reference.peaks.map((peak, i) => ({
    onset: reference.onsets[i],
    offset: reference.offsets[i],
    span: { onset: Number.isFinite(reference.onsets[i]) ? reference.onsets[i] : peak,
            offset: Number.isFinite(reference.offsets[i]) ? reference.offsets[i] : peak },
  }));
}

function finiteMin(values) {
  const v = values.filter(Number.isFinite);
  return v.length ? Math.min(...v) : NaN;
}
function finiteMax(values) {
  const v = values.filter(Number.isFinite);
  return v.length ? Math.max(...v) : NaN;
}

// The summary rows: references of one kind pooled (scoring.js summarise, or summariseBeats for
// beat labels); scope names what they were compared with. A reference of selected beats has no
// false positives to count: its FP and PPV are null, and its note says why.
function group(scope, entries, kind, sources) {
  if (kind === 'beats') {
    return { scope, kind, sources, summary: { beat: summariseBeats(entries.map((e) => e.score.beat)) }, note: `${sources.join(', ')} ${BEATS_ONLY_NOTE}` };
  }
  const summary = summarise(entries.map((e) => e.score));
  if (kind === 'selected') Object.values(summary).forEach((s) => Object.assign(s, { fp: null, ppv: null }));
  const note = kind === 'selected' ? entries.map((e) => selectedNote(e.source, e.bracketed, e.beatsInSpan)).join('; ') : '';
  return { scope, kind, sources, summary, note };
}

/**
 * Compares the current marks with the references.
 * marks: per lead [{onset, offset}]; beats: [{firstOnset, lastOffset, ...}] (MarkEdits.beats());
 * assigned: assignReferences()'s result; fs: the record's rate. Positions are compared in whole
 * samples, the resolution of the reference files (an exported file read back matches exactly).
 * Each reference is compared as its kind says (reference-kinds.js): QRS boundaries by the
 * protocol (score {onset, offset}; a file of selected beats without FP and PPV), beat labels for
 * beat detection only (score {beat}). The per-lead files are pooled, kind by kind (one annotator's
 * set); every file for the record as a whole is its own row (each its own annotator: QTDB's
 * cardiologist, ecgpuwave, the beat labels).
 * Returns {perLead: [{lead, source, kind, score}], globalScores: [{source, kind, score}],
 * groups: [{scope, kind, sources, summary, note}] (the panel's rows), beats: [{beat, refOnset,
 * refOffset, onsetMs, offsetMs}], rowsSource, rowsNote, missed: [{refOnset, refOffset, at}]}.
 */
export function compareWithReferences(marks, beats, assigned, fs) {
  const round = (v) => Math.round(v);
  const beatSpans = beats.map((b) => ({ onset: round(b.firstOnset), offset: round(b.lastOffset) }));
  const score = (reference, kind, spans) => (kind === 'beats'
    ? { beat: scoreBeatLabels(reference.peaks, reference.span, spans, fs) }
    : scoreLead(reference, spans.map((s) => s.onset), spans.map((s) => s.offset), fs));
  const sources = [
    ...[...assigned.leads.entries()].sort((a, b) => a[0] - b[0]).map(([lead, ref]) =>
      ({ lead, ref, spans: (marks[lead] ?? []).map((m) => ({ onset: round(m.onset), offset: round(m.offset) })) })),
    ...assigned.global.map((ref) => ({ lead: null, ref, spans: beatSpans })),
  ].map((s) => ({ ...s, reference: referenceFromMarks(s.ref.marks) }));
  // The beats in a file's span: the most any other file labels there, or where no other file
  // marks beats, the beats marked now (in its lead, for a lead's file); never fewer than its own.
  const beatsInSpan = ({ reference, spans }) => {
    const others = sources.filter((o) => o.reference !== reference).map((o) => countInSpan(o.reference.peaks, reference.span, fs));
    const counted = others.length ? Math.max(...others) : countInSpan(spans.map((m) => (m.onset + m.offset) / 2), reference.span, fs);
    return Math.max(counted, reference.peaks.length);
  };
  const entries = sources.map((s) => {
    const count = beatsInSpan(s);
    const kind = referenceKind(s.reference, count);
    return { lead: s.lead, source: s.ref.source, reference: s.reference, kind, bracketed: bracketedBeats(s.reference), beatsInSpan: count,
             score: score(s.reference, kind, s.spans) };
  });
  const perLead = entries.filter((e) => e.lead !== null);
  const globalScores = entries.filter((e) => e.lead === null).map(({ lead, ...rest }) => rest);

  const groups = [];
  for (const kind of ['qrs', 'selected', 'beats']) {
    const leadFiles = perLead.filter((p) => p.kind === kind);
    if (leadFiles.length) groups.push(group('each lead vs its own file', leadFiles, kind, [`${leadFiles.length} file${leadFiles.length === 1 ? '' : 's'}`]));
  }
  for (const g of globalScores) groups.push(group('beats across the leads', [g], g.kind, [g.source]));

  // Per beat: the reference's QRS across the leads is the earliest '(' and the latest ')' of the
  // reference complexes that overlap the beat most. One kind of reference for every row, so rows
  // compare alike: the per-lead files that mark QRS boundaries when there are any (a beat outside
  // their annotated span gets no difference), else one such file for the record; beat labels have
  // no boundaries to compare.
  // For the record as a whole, one file: the first that brackets every beat, else one of selected beats.
  const withBoundaries = (list) => list.filter((e) => e.kind !== 'beats');
  const recordFile = globalScores.find((g) => g.kind === 'qrs') ?? globalScores.find((g) => g.kind === 'selected');
  const tableReferences = withBoundaries(perLead).length ? withBoundaries(perLead) : (recordFile ? [recordFile] : []);
  const perBeat = beats.map(() => []);
  const missed = [];
  const beatOf = overlapIndex(beatSpans);
  for (const { reference } of tableReferences) {
    for (const c of complexes(reference)) {
      const b = beatOf(c.span);
      if (b >= 0) perBeat[b].push(c);
      else missed.push(c);
    }
  }
  const beatRows = beats.map((beat, b) => {
    const refOnset = finiteMin(perBeat[b].map((c) => c.onset));
    const refOffset = finiteMax(perBeat[b].map((c) => c.offset));
    return {
      beat, refOnset, refOffset,
      onsetMs: ((round(beat.firstOnset) - refOnset) * 1000) / fs,
      offsetMs: ((round(beat.lastOffset) - refOffset) * 1000) / fs,
    };
  });
  // Without boundaries to compare, the beats the marks miss are the beat labels left unmatched.
  const missedLabels = tableReferences.length ? []
    : [...perLead, ...globalScores].flatMap((e) => e.score.beat.missed.map((at) => ({ onset: NaN, offset: NaN, span: { onset: at, offset: at } })));
  return {
    perLead,
    globalScores,
    groups,
    beats: beatRows,
    // Which file the rows' differences are from ('' for the per-lead files or none).
    rowsSource: withBoundaries(perLead).length ? '' : recordFile?.source ?? '',
    // Why the rows have no differences, where no reference marks QRS boundaries.
    rowsNote: tableReferences.length ? '' : 'not available: the reference marks beats, not QRS boundaries',
    missed: clusterMissed([...missed, ...missedLabels]),
  };
}

// Reference complexes that no current beat overlaps, merged where they overlap each other (the
// same beat seen in several leads): the beats the marks miss.
function clusterMissed(items) {
  const sorted = [...items].sort((a, b) => a.span.onset - b.span.onset);
  const clusters = [];
  for (const c of sorted) {
    const last = clusters.at(-1);
    if (last && c.span.onset <= last.end) {
      last.items.push(c);
      last.end = Math.max(last.end, c.span.offset);
    } else {
      clusters.push({ items: [c], end: c.span.offset });
    }
  }
  return clusters.map(({ items }) => ({
    refOnset: finiteMin(items.map((c) => c.onset)),
    refOffset: finiteMax(items.map((c) => c.offset)),
    at: Math.min(...items.map((c) => c.span.onset)),
  }));
}
