// Stretches of a lead that hold no value (NaN or infinite samples: empty CSV cells, WFDB's invalid
// sample value, a reader's filler). The page draws them as a break in the trace, shades them and
// names them under the summary, so a gap never reads as a straight line of ECG. Pure; no DOM.

/** The runs of non-finite samples as [{start, end}] (sample indices, end exclusive), in order. */
export function invalidStretches(samples) {
  const stretches = [];
  let start = -1;
  for (let i = 0; i < samples.length; ++i) {
    const valid = Number.isFinite(samples[i]);
    if (!valid && start < 0) start = i;
    else if (valid && start >= 0) {
      stretches.push({ start, end: i });
      start = -1;
    }
  }
  if (start >= 0) stretches.push({ start, end: samples.length });
  return stretches;
}

// At most this many stretches are named per note; the rest are counted.
const NAMED_STRETCHES = 3;

/**
 * One line per set of leads with the same stretches without values, for the notes under the
 * summary. leads: [{name, invalid: [{start, end}]}]; fs: samples per second.
 */
export function invalidStretchNotes(leads, fs) {
  const groups = new Map(); // the stretches as text -> lead names
  for (const lead of leads) {
    if (!lead.invalid?.length) continue;
    const key = lead.invalid.map((s) => `${s.start}-${s.end}`).join(',');
    if (!groups.has(key)) groups.set(key, { stretches: lead.invalid, names: [] });
    groups.get(key).names.push(`'${lead.name}'`);
  }
  const seconds = (sample) => (sample / fs).toFixed(3);
  return [...groups.values()].map(({ stretches, names }) => {
    const named = stretches.slice(0, NAMED_STRETCHES).map((s) => `${seconds(s.start)}–${seconds(s.end)} s`);
    const more = stretches.length - named.length;
    const total = stretches.reduce((sum, s) => sum + s.end - s.start, 0) / fs;
    const where = more > 0 ? `${named.join(', ')} and ${more} more stretch${more === 1 ? '' : 'es'} (${total.toFixed(1)} s in all)`
                           : named.join(', ');
    return `${names.length > 1 ? 'leads' : 'lead'} ${names.join(', ')}: no values (empty or NaN samples) at ${where}; ` +
           'drawn as a gap in the trace, shaded';
  });
}
