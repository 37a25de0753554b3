// Embedding example: everything comes from the installed package. In a real app, run annotate()
// in a Web Worker (it takes a few hundred ms per 12-lead 10 s record); here it runs inline.
import { createAnnotator } from './node_modules/qrs-annotator/qrs-annotator.js';

const status = document.getElementById('status');
const annotator = await createAnnotator();
status.textContent = `Ready (WebAssembly ${annotator.variant}).`;
document.body.dataset.variant = annotator.variant;

document.getElementById('files').addEventListener('change', async (event) => {
  const files = await Promise.all([...event.target.files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  const [result] = await annotator.readFiles(files);
  if (result.error) {
    status.textContent = result.error;
    return;
  }
  const record = result.records[0];
  const annotation = annotator.annotate(record.leads.map((l) => l.samples), record.fs, {
    record: record.name, leadNames: record.leads.map((l) => l.name),
  });
  status.textContent = `${record.name}: ${annotation.beats.length} beats in ${record.leads.length} leads.`;
  document.getElementById('beats').textContent = annotation.beats
    .map((b, i) => `beat ${i + 1}: ${(b.firstOnset / annotation.fs).toFixed(3)} s, QRS ${b.durationMs.toFixed(0)} ms`).join('\n');
  document.body.dataset.beats = String(annotation.beats.length);
});
