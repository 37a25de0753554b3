// Reads back what the page drew: each lead canvas's pixels, interpreted through the mapping its own
// drawing used (plot.js leaves it on the canvas as `plotMapping`: the view, sample index -> CSS
// pixel column, probability -> CSS pixel row) and the page's own colours (plot.js COLORS). So the
// checks say what is drawn where, not how it is styled: a marker may be dashed or solid, a curve
// thick or thin. Runs inside the page (page.evaluate(readDrawing, ...)); needs devicePixelRatio 1.

/**
 * For each lead canvas, in the page: {view, markers: [{kind, sample, x, coverage, rows}],
 * gaps: [{x, coverage}], peaks: [{kind, sample, x, onCurve, points, above}]}.
 *  - markers: for each of `leads[i].qrs`' onsets and offsets in view, the share of the plot's
 *    rows in the marker's column (best of x-1..x+1) drawn in that kind's colour, leaving out the
 *    rows the same-coloured probability curve crosses there (`rows` is how many were counted);
 *  - gaps: the same share in the columns halfway between one complex's offset and the next onset,
 *    for either colour: where no marker belongs;
 *  - peaks: each peak >= 0.3 of the onset/offset probability in view (the highest value for 3
 *    pixel columns each side): of the pixel columns the curve crosses within 4 columns of it (away
 *    from same-coloured markers), in how many its colour lies within 2 px of where the mapping
 *    puts a sample (onCurve of points), and how many pixels of that colour lie more than 4 px
 *    above the peak in its columns (above).
 */
export async function readDrawing(leads) {
  const { COLORS } = await import('/plot.js');
  const rgb = (hex) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  const colours = { onset: rgb(COLORS.onset), offset: rgb(COLORS.offset) };
  // A pixel shows `c` when it lies on the blend from white to c (anti-aliasing), at least a third
  // of the way.
  const shows = (p, c) => {
    const d = [0, 1, 2].map((k) => c[k] - 255);
    const q = [0, 1, 2].map((k) => p[k] - 255);
    const norm = d.reduce((s, v) => s + v * v, 0);
    const alpha = q.reduce((s, v, k) => s + v * d[k], 0) / norm;
    const residual = Math.hypot(...q.map((v, k) => v - alpha * d[k]));
    return alpha >= 0.33 && residual <= 45;
  };
  const canvases = [...document.querySelectorAll('#leads canvas')];
  return canvases.map((canvas, i) => {
    const m = canvas.plotMapping;
    const lead = leads[i];
    const image = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const pixel = (x, y) => {
      const at = (Math.round(y) * image.width + Math.round(x)) * 4;
      return [image.data[at], image.data[at + 1], image.data[at + 2]];
    };
    const inside = (x) => x >= 3 && x <= m.width - 4;
    const curveOf = { onset: lead.onsetProb, offset: lead.offsetProb };
    // Rows the curve of `kind` may cross in column x: its values over the samples of x-1..x+1.
    const curveRows = (kind, x) => {
      const curve = curveOf[kind];
      const from = Math.max(0, Math.floor((m.view.start + ((x - 2) / m.width) * (m.view.end - m.view.start)) * m.fs) - 1);
      const to = Math.min(curve.length, Math.ceil((m.view.start + ((x + 2) / m.width) * (m.view.end - m.view.start)) * m.fs) + 2);
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = from; k < to; ++k) lo = Math.min(lo, curve[k]), hi = Math.max(hi, curve[k]);
      return [m.probY(hi) - 3, m.probY(lo) + 3];
    };
    const coverage = (kind, x) => {
      const [top, bottom] = curveRows(kind, x);
      let hits = 0;
      let rows = 0;
      for (let y = 0; y < m.plotHeight; ++y) {
        if (y >= top && y <= bottom) continue;
        rows += 1;
        if (shows(pixel(x, y), colours[kind])) hits += 1;
      }
      return { share: rows ? hits / rows : NaN, rows };
    };
    const best = (kind, x) => [x - 1, x, x + 1].map((c) => coverage(kind, c))
        .reduce((a, b) => (b.share > a.share ? b : a));
    const markers = [];
    const markerColumns = { onset: [], offset: [] };
    for (const q of lead.qrs) {
      for (const kind of ['onset', 'offset']) {
        const x = Math.round(m.indexToX(q[kind]));
        markerColumns[kind].push(x);
        if (!inside(x)) continue;
        const { share, rows } = best(kind, x);
        markers.push({ kind, sample: q[kind], x, coverage: share, rows });
      }
    }
    const gaps = [];
    for (let k = 0; k + 1 < lead.qrs.length; ++k) {
      const x = Math.round(m.indexToX((lead.qrs[k].offset + lead.qrs[k + 1].onset) / 2));
      if (inside(x)) gaps.push({ x, coverage: Math.max(coverage('onset', x).share, coverage('offset', x).share) });
    }
    const peaks = [];
    const nearMarker = (kind, x) => markerColumns[kind].some((c) => Math.abs(c - x) <= 1.5);
    // Samples per pixel column: a peak is the highest value for 3 columns each side, and its
    // curve is followed for 4 columns (at least 6 samples) each side.
    const perPixel = (m.fs * (m.view.end - m.view.start)) / m.width;
    const dominance = Math.ceil(3 * perPixel) + 1;
    const reach = Math.max(6, Math.ceil(4 * perPixel));
    for (const kind of ['onset', 'offset']) {
      const curve = curveOf[kind];
      for (let k = 0; k < curve.length; ++k) {
        if (!(curve[k] >= 0.3)) continue;
        let highest = true;
        for (let j = Math.max(0, k - dominance); j <= Math.min(curve.length - 1, k + dominance) && highest; ++j) {
          highest = curve[j] < curve[k] || (curve[j] === curve[k] && j >= k);
        }
        const x = Math.round(m.indexToX(k));
        if (!highest || !inside(x)) continue;
        const columns = new Set();
        let onCurve = 0;
        for (let j = Math.max(0, k - reach); j <= Math.min(curve.length - 1, k + reach); ++j) {
          const px = m.indexToX(j);
          const column = Math.round(px);
          if (columns.has(column) || nearMarker(kind, column) || !inside(px)) continue;
          columns.add(column);
          const py = m.probY(curve[j]);
          let found = false;
          for (let dx = -1; dx <= 1 && !found; ++dx) {
            for (let dy = -2; dy <= 2 && !found; ++dy) found = shows(pixel(px + dx, py + dy), colours[kind]);
          }
          if (found) onCurve += 1;
        }
        let above = 0;
        for (let c = x - 2; c <= x + 2; ++c) {
          if (nearMarker(kind, c)) continue;
          for (let y = 0; y < m.probY(curve[k]) - 4; ++y) if (shows(pixel(c, y), colours[kind])) above += 1;
        }
        peaks.push({ kind, sample: k, x, onCurve, points: columns.size, above });
      }
    }
    return { view: m.view, markers, gaps, peaks };
  });
}
