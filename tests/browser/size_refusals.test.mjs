// Files the readers would refuse for their size, dropped beside LUDB record 5 in real Chromium:
// a WFDB header declaring 500 M samples beside a 1.9 GB signal file, a header without a length
// whose 1.9 GB signal file would hold 950 M, an EDF whose header declares 950 M samples in 1.9 GB
// (each sparse, made here and deleted after). Each gets its own card with the readers' message,
// record 5 is annotated, and none of the big files is read past its first MiB: the page asks the
// module (sizeProblems) from the heads and sizes first. (Before, each was read whole, 16 s per
// 2 GB and as much memory, copied into the module and only then refused.) A wrapper on
// Blob.prototype.arrayBuffer, the page's one way of reading a file, counts the bytes read.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { edfHeader, ludbDir } from '../js/helpers.mjs';
import { onReadyPage, pageSession } from './chromium.mjs';

const session = pageSession();

const BIG = 1_900_000_000;
const ludb = (name) => path.join(ludbDir, name);
const errorCard = (page, file) => page.locator(`.file-entry.error[data-file="${file}"]`);

function sparseFile(file, size, head = '') {
  fs.writeFileSync(file, head);
  fs.truncateSync(file, size);
}

test('files too large for the readers are refused from their heads and sizes, unread; the record beside them is annotated', () => onReadyPage(session, async (page) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrs-size-refusals-'));
  try {
    fs.writeFileSync(path.join(dir, 'long.hea'), 'long 1 500 500000000\nlong.dat 16 200/mV 16 0 0 0 0 ii\n');
    sparseFile(path.join(dir, 'long.dat'), BIG);
    fs.writeFileSync(path.join(dir, 'open.hea'), 'open 1 500\nopen.dat 16 200/mV 16 0 0 0 0 ii\n');
    sparseFile(path.join(dir, 'open.dat'), BIG);
    const records = Math.floor((BIG - 512) / 1000);
    sparseFile(path.join(dir, 'big.edf'), 512 + records * 1000, edfHeader(records));

    await page.evaluate(() => {
      window.bytesRead = 0;
      const arrayBuffer = Blob.prototype.arrayBuffer;
      Blob.prototype.arrayBuffer = function countedArrayBuffer() {
        window.bytesRead += this.size;
        return arrayBuffer.call(this);
      };
    });
    const names = ['long.hea', 'long.dat', 'open.hea', 'open.dat', 'big.edf'];
    await page.setInputFiles('#file-input', [...names.map((n) => path.join(dir, n)), ludb('5.hea'), ludb('5.dat')]);
    await page.waitForFunction(() => document.querySelector('#record-title').textContent.startsWith('5 — '), null, { timeout: 120000 });
    await page.waitForSelector('#summary[data-beats]', { timeout: 120000 });

    const message = (file) => errorCard(page, file).locator('.message').textContent();
    assert.match(await message('long.hea'), /^long\.hea: 500000000 samples per signal is more than the 200000000 /);
    assert.match(await message('open.hea'), /^open\.hea: 950000000 samples per signal is more than the 200000000 /);
    // Each says what to do instead: the CLI or the Python module, which read more.
    assert.match(await message('big.edf'), new RegExp(`^big\\.edf: ${records * 500} samples per signal is more than the 200000000 this reader accepts; the page and the JS module hold a recording in 4 GB of WebAssembly memory: annotate it with the command-line tool \\(ecg-annotate\\) or the Python module \\(qrs_annotator\\), which read up to 1200000000 samples$`));
    // A refused header's signal file is neither read nor a card of its own: the header's says why.
    assert.equal(await page.locator('.file-entry[data-file="long.dat"], .file-entry[data-file="open.dat"]').count(), 0);
    assert.deepEqual(await page.$$eval('.file-entry:not(.error) button.open', (b) => b.map((x) => x.textContent)), ['5.hea']);
    assert.equal(await page.textContent('#status'), 'Annotated 1 file; 3 files could not be read (see below).');
    // The heads (1 MiB of each big file at most) and record 5; the big files whole would be 5.7 GB.
    const read = await page.evaluate(() => window.bytesRead);
    const record5 = fs.statSync(ludb('5.hea')).size + fs.statSync(ludb('5.dat')).size;
    assert.ok(read <= 3 * 2 ** 20 + 2 * record5 + 1024, `the page read ${read} bytes`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}));
