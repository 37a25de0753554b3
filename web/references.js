// Reference annotations dropped with a record, matched to its leads and compared with the current
// marks: which lead each WFDB annotation file (or channel) belongs to, the protocol's score per
// lead and pooled (scoring.js), and per beat the difference between the marks' QRS across the leads
// and the reference's. Pure functions, no DOM; tested in tests/js/references.test.mjs.
import { overlapIndex } from './edits.js';
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

/**
 * Compares the current marks with the references.
 * marks: per lead [{onset, offset}]; beats: [{firstOnset, lastOffset, ...}] (MarkEdits.beats());
 * assigned: assignReferences()'s result; fs: the record's rate. Positions are compared in whole
 * samples, the resolution of the reference files (an exported file read back matches exactly).
 * Returns {perLead: [{lead, source, score}], leadSummary, globalScores: [{source, score}],
 * globalSummary, beats: [{beat, refOnset, refOffset, onsetMs, offsetMs}], missed: [{refOnset, refOffset}]}.
 */
export function compareWithReferences(marks, beats, assigned, fs) {
  const round = (v) => Math.round(v);
  const perLead = [...assigned.leads.entries()].sort((a, b) => a[0] - b[0]).map(([lead, ref]) => {
    const reference = referenceFromMarks(ref.marks);
    const own = marks[lead] ?? [];
    return { lead, source: ref.source, reference,
             score: scoreLead(reference, own.map((m) => round(m.onset)), own.map((m) => round(m.offset)), fs) };
  });
  const globalScores = assigned.global.map((ref) => {
    const reference = referenceFromMarks(ref.marks);
    return { source: ref.source, reference,
             score: scoreLead(reference, beats.map((b) => round(b.firstOnset)), beats.map((b) => round(b.lastOffset)), fs) };
  });

  // Per beat: the reference's QRS across the leads is the earliest '(' and the latest ')' of the
  // reference complexes that overlap the beat most.
  const spans = beats.map((b) => ({ onset: b.firstOnset, offset: b.lastOffset }));
  const perBeat = beats.map(() => ({ lead: [], global: [] }));
  const missed = [];
  const beatOf = overlapIndex(spans);
  const collect = (items, kind) => {
    for (const c of items) {
      const b = beatOf(c.span);
      if (b >= 0) perBeat[b][kind].push(c);
      else missed.push(c);
    }
  };
  perLead.forEach(({ reference }) => collect(complexes(reference), 'lead'));
  globalScores.forEach(({ reference }) => collect(complexes(reference), 'global'));
  // One kind of reference for every row, so rows compare alike: the per-lead files when there are
  // any (a beat outside their annotated span gets no difference), else the files for the record.
  const kind = perLead.length ? 'lead' : 'global';
  const beatRows = beats.map((beat, b) => {
    const group = perBeat[b][kind];
    const refOnset = finiteMin(group.map((c) => c.onset));
    const refOffset = finiteMax(group.map((c) => c.offset));
    return {
      beat, refOnset, refOffset,
      onsetMs: ((round(beat.firstOnset) - refOnset) * 1000) / fs,
      offsetMs: ((round(beat.lastOffset) - refOffset) * 1000) / fs,
    };
  });
  return {
    perLead,
    leadSummary: perLead.length ? summarise(perLead.map((p) => p.score)) : null,
    globalScores,
    globalSummary: globalScores.length ? summarise(globalScores.map((g) => g.score)) : null,
    beats: beatRows,
    missed: clusterMissed(missed),
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
