// What the page's exports hold: the current marks (the model's plus a person's edits), each tagged
// 'model' or 'edited', as JSON, CSV, or the input of the WFDB annotation writer. Pure: the page
// turns the results into downloads (app.js); tests/js/exports.test.mjs checks the shapes.

function qrsOut(mark, fs) {
  const out = {
    onset: mark.onset,
    offset: mark.offset,
    durationMs: ((mark.offset - mark.onset) * 1000) / fs,
    source: mark.source,
  };
  if (mark.onsetProb !== undefined) Object.assign(out, { onsetProb: mark.onsetProb, offsetProb: mark.offsetProb });
  // Where the model had put a mark a person moved; an added mark has none.
  if (mark.source === 'edited') Object.assign(out, { modelOnset: mark.model?.onset ?? null, modelOffset: mark.model?.offset ?? null });
  return out;
}

/**
 * One record as the JSON export writes it: the annotator's result shape (docs/api.md) without the
 * probability arrays, the marks as edited, and what was edited. annotation: the annotator's
 * result; edits: its MarkEdits; comparison: compareWithReferences()'s result or null.
 */
export function recordJson(annotation, edits, comparison = null) {
  const fs = annotation.fs;
  const out = {
    record: annotation.record,
    fs,
    length: annotation.length,
    leads: annotation.leads.map((lead, i) => ({
      name: lead.name,
      qrs: edits.marks(i).map((m) => qrsOut(m, fs)),
      deleted: edits.deleted().filter((d) => d.lead === i).map((d) => ({ onset: d.mark.onset, offset: d.mark.offset })),
      silenced: lead.silenced,
    })),
    beats: edits.beats().map((b) => ({
      onset: b.onset, offset: b.offset, firstOnset: b.firstOnset, lastOffset: b.lastOffset,
      durationMs: b.durationMs, source: b.edited ? 'edited' : 'model',
    })),
    warnings: annotation.warnings,
    edits: edits.editCount,
  };
  if (comparison) out.reference = referenceJson(annotation, comparison);
  return out;
}

// Each file's counts and each group's summary (the panel's rows), by what the file marks: QRS
// boundaries ('qrs': onset and offset), of selected beats ('selected': fp and ppv null, and why)
// or beat labels only ('beats': beat, and why no boundaries).
function referenceJson(annotation, comparison) {
  const counts = (score, kind) => (kind === 'beats'
    ? { beat: { tp: score.beat.tp, fn: score.beat.fn, fp: score.beat.fp } }
    : Object.fromEntries(['onset', 'offset'].map((k) => [k, { tp: score[k].tp, fn: score[k].fn, fp: kind === 'selected' ? null : score[k].fp }])));
  return {
    leads: comparison.perLead.map((p) => ({ lead: annotation.leads[p.lead].name, file: p.source, kind: p.kind, ...counts(p.score, p.kind) })),
    summaries: comparison.groups.map((g) => ({
      compared: g.scope, files: g.sources, kind: g.kind,
      ...Object.fromEntries(Object.entries(g.summary).map(([k, s]) => [k, { ...s }])),
      ...(g.note ? { note: g.note } : {}),
    })),
    // The keys of the export before references of several kinds (still read by scripts written
    // for it): the per-lead files' summary, and the first reference for the record as a whole.
    pooledOverLeads: summaryOf(comparison.groups.find((g) => g.scope === 'each lead vs its own file')),
    acrossTheLeads: acrossTheLeads(comparison.groups.find((g) => g.scope === 'beats across the leads')),
  };
}

const summaryOf = (g) => (g ? Object.fromEntries(Object.entries(g.summary).map(([k, s]) => [k, { ...s }])) : null);
const acrossTheLeads = (g) => (g ? { files: g.sources, ...summaryOf(g) } : null);

/** The CSV export's first line: saved-marks.js knows the export by it. */
export const CSV_HEADER = 'file,record,lead,index,source,onset_sample,offset_sample,onset_s,offset_s,qrs_ms';
/** The CSV export's "lead" of the rows for the beats (their QRS across the leads). */
export const BEAT_ROWS_LEAD = 'all (beat)';

/**
 * The CSV export: a row per beat (lead "all (beat)": its QRS across the leads) and per complex of
 * each lead, with `source` model or edited. records: [{file, annotation, edits}].
 */
export function csvText(records) {
  const quote = (s) => `"${String(s).replaceAll('"', '""')}"`;
  const rows = [CSV_HEADER];
  for (const { file, annotation: a, edits } of records) {
    const row = (lead, i, source, onset, offset) => rows.push([quote(file), quote(a.record), quote(lead), i + 1, source,
      onset.toFixed(2), offset.toFixed(2), (onset / a.fs).toFixed(4), (offset / a.fs).toFixed(4),
      (((offset - onset) * 1000) / a.fs).toFixed(1)].join(','));
    edits.beats().forEach((b, i) => row(BEAT_ROWS_LEAD, i, b.edited ? 'edited' : 'model', b.firstOnset, b.lastOffset));
    a.leads.forEach((lead, l) => edits.marks(l).forEach((m, i) => row(lead.name, i, m.source, m.onset, m.offset)));
  }
  return rows.join('\n') + '\n';
}

/** The arguments of QrsAnnotator.writeQrsAnnotations for one record's current marks. */
export function wfdbExportInput(annotation, edits) {
  return {
    record: annotation.record,
    leads: annotation.leads.map((lead, i) => ({
      name: lead.name,
      qrs: edits.marks(i).map((m) => ({ onset: m.onset, offset: m.offset, source: m.source })),
    })),
    beats: edits.beats().map((b) => ({ onset: b.firstOnset, offset: b.lastOffset, source: b.edited ? 'edited' : 'model' })),
  };
}
