// The colours of the page's drawing (plot.js, plot-marks.js), in one place: the tests read
// pixels back by them (tests/browser/drawn_page.mjs), and style.css keys the legend with the same.
export const COLORS = {
  trace: '#1d2733',
  onset: '#d62728',
  offset: '#2ca02c',
  grid: '#e8ecf1',
  gridMajor: '#d3d9e0',
  text: '#4a5563',
  label: '#1d2733',
  silenced: 'rgba(120, 130, 145, 0.16)',
  noiseReader: 'rgba(214, 140, 20, 0.55)',
  // Each beat's QRS across the leads (earliest lead onset to latest lead offset), behind the trace.
  beatSpan: 'rgb(232, 238, 250)',
  // Zoomed out, where beats are too close for markers: a lead's complexes as a band along its top,
  // more opaque where more of them fall in a pixel column.
  beatDensity: 'rgb(60, 90, 180)',
  // A mark a person moved or added; the selected complex; where the model had put a moved mark.
  edited: '#1f4fd1',
  selected: 'rgba(255, 196, 0, 0.28)',
  ghost: '#a3acb9',
  // Reference annotations (a WFDB annotation file dropped with the record).
  reference: '#7b2fbf',
  // ECG paper: 1 mm and 5 mm lines.
  paperMinor: 'rgb(251, 222, 222)',
  paperMajor: 'rgb(238, 150, 150)',
  // Pacemaker spikes (found by the annotator at the file's own rate), as thin full-height lines.
  pacingSpike: 'rgba(0, 150, 170, 0.9)',
};
