// A stand-in for a canvas and its 2-D context that keeps what web/plot*.js draw, so their tests
// read the calls back instead of pixels (plot.js only draws): each stroked path with its style
// and width, each filled rectangle and each written text with its style. 1000 x 200 CSS pixels.
// Every other call (save, clip, fill, ...) does nothing.
export function recordingCanvas() {
  const strokes = [];
  const fills = [];
  const texts = [];
  let path = [];
  const ctx = {
    strokeStyle: '', fillStyle: '', globalAlpha: 1, lineWidth: 1, font: '', textAlign: '', textBaseline: '',
    setTransform() {}, clearRect() {}, setLineDash() {},
    measureText: (text) => ({ width: 6 * text.length }),
    beginPath() { path = []; },
    moveTo(x, y) { path.push(['M', x, y]); },
    lineTo(x, y) { path.push(['L', x, y]); },
    stroke() { strokes.push({ style: ctx.strokeStyle, width: ctx.lineWidth, path }); },
    fillRect(x, y, w, h) { fills.push({ style: ctx.fillStyle, alpha: ctx.globalAlpha, x, y, w, h }); },
    fillText(text, x, y) { texts.push({ style: ctx.fillStyle, text, x, y }); },
  };
  const context = new Proxy(ctx, {
    get: (target, key) => (key in target ? target[key] : () => {}),
  });
  return { canvas: { clientWidth: 1000, clientHeight: 200, width: 0, height: 0, getContext: () => context }, strokes, fills, texts };
}
