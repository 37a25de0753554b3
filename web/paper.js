// ECG paper geometry: the standard 25 mm/s and 10 mm/mV, their usual alternatives, and how many
// seconds fit a canvas at a paper speed. Lengths are CSS millimetres (96 CSS pixels to the inch, as
// browsers define them): at 100 % browser zoom on a screen whose CSS pixel is 1/96 inch the grid is
// true size; on others a ruler on the 5 mm squares shows the factor. Pure; no DOM.

export const CSS_PX_PER_MM = 96 / 25.4;

/** Paper speeds (mm/s) the zoom steps through, slowest first; 25 is the standard. */
export const PAPER_SPEEDS = [5, 10, 12.5, 25, 50, 100, 200];
/** Gains (mm/mV); 10 is the standard. */
export const PAPER_GAINS = [2.5, 5, 10, 20, 40];

export const STANDARD_SPEED = 25;
export const STANDARD_GAIN = 10;

/** Seconds across `widthPx` CSS pixels at `mmPerSecond`. */
export function paperSpanSeconds(widthPx, mmPerSecond) {
  return widthPx / (mmPerSecond * CSS_PX_PER_MM);
}

/** The small square's duration (1 mm of paper) and the large one's (5 mm), in seconds. */
export function paperGridSteps(mmPerSecond) {
  return { minorSeconds: 1 / mmPerSecond, majorSeconds: 5 / mmPerSecond };
}

/** The next paper speed in the zoom direction: +1 faster (zoom in), -1 slower; clamped. */
export function nextPaperSpeed(mmPerSecond, direction) {
  const i = PAPER_SPEEDS.indexOf(mmPerSecond);
  const at = i < 0 ? PAPER_SPEEDS.indexOf(STANDARD_SPEED) : i;
  return PAPER_SPEEDS[Math.min(PAPER_SPEEDS.length - 1, Math.max(0, at + Math.sign(direction)))];
}
