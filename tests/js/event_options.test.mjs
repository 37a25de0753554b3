// The JS module's annotate() options come from the core's one table of event options
// (src/annotate/event_option_table.h), the same table the CLI and Python read (Python's copy is
// compared here key for key): every entry is taken under its JS name, a wrong value or type is
// refused naming it so, an unknown key is refused with the list of keys there are, and the
// .d.ts types exactly the table's options.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { loadAnnotator, sourceDir } from './helpers.mjs';

const buildDir = process.env.QRS_BUILD_DIR ?? path.join(sourceDir, 'build', 'native');

// Two seconds of a 1.2 Hz sine at 500 Hz: enough for annotate() to run, fast to annotate.
const lead = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(2 * Math.PI * 1.2 * i / 500));

// A value the option takes that is not its default (a number between its low end and its default,
// so the shortest QRS stays under the default longest one).
function acceptedValue(option) {
  if (option.kind === 'number') return (option.low + option.default) / 2;
  if (option.kind === 'choice') return option.choices.find((c) => c !== option.default);
  return !option.default;
}

// A value of another type, and how the message shows it.
const WRONG_TYPE = { number: ['0.5', "'0.5'"], choice: [3, '3'], switch: [0, '0'] };

test('every option of the table is taken by its JS name; a wrong value is refused so named', async () => {
  const annotator = await loadAnnotator({ variant: 'simd' });
  const table = annotator.eventOptionTable();
  assert.ok(table.length >= 9, `${table.length} options`);
  for (const option of table) {
    const value = acceptedValue(option);
    assert.doesNotThrow(() => annotator.annotate([lead], 500, { [option.js]: value }), `${option.js}: ${value}`);
    if (option.kind === 'number') {
      assert.throws(() => annotator.annotate([lead], 500, { [option.js]: option.high + 1 }),
                    new RegExp(`^Error: ${option.js} must be .* \\(got ${option.high + 1}\\)$`));
    } else if (option.kind === 'choice') {
      assert.throws(() => annotator.annotate([lead], 500, { [option.js]: 'bogus' }),
                    new RegExp(`^Error: ${option.js} must be '${option.choices[0]}' .*\\(got 'bogus'\\)$`));
    }
    const [wrong, shown] = WRONG_TYPE[option.kind];
    assert.throws(() => annotator.annotate([lead], 500, { [option.js]: wrong }),
                  { message: new RegExp(`^${option.js} must be .* \\(got ${shown}\\)$`) }, `${option.js}: ${wrong}`);
    assert.doesNotThrow(() => annotator.annotate([lead], 500, { [option.js]: undefined }), `${option.js}: undefined`);
  }
  // A misspelt key was silently ignored before; now it is refused, listing every key there is.
  const refusal = (() => {
    try {
      annotator.annotate([lead], 500, { record: 'r', treshold: 0.5 });
    } catch (err) {
      return err.message;
    }
    return 'accepted';
  })();
  assert.match(refusal, /^annotate: unknown option 'treshold' \(the options are record, leadNames, /);
  for (const option of table) assert.ok(refusal.includes(option.js), `${option.js} missing from: ${refusal}`);
  annotator.dispose();
});

test("the JS module's table is Python's, and the .d.ts types each of its options", async () => {
  const annotator = await loadAnnotator({ variant: 'simd' });
  const table = annotator.eventOptionTable();
  annotator.dispose();
  const python = JSON.parse(execFileSync('/usr/bin/python3', ['-c',
    'import json, qrs_annotator; print(json.dumps(qrs_annotator.event_option_table()))'],
  { env: { ...process.env, PYTHONPATH: path.join(buildDir, 'python') }, encoding: 'utf8' }));
  assert.deepEqual(table, python);

  const types = fs.readFileSync(path.join(sourceDir, 'web', 'qrs-annotator.d.ts'), 'utf8');
  const body = types.match(/export interface AnnotateOptions \{([\s\S]*?)\n\}/)[1];
  const keys = [...body.matchAll(/^ {2}(\w+)\?:/gm)].map((m) => m[1]);
  assert.deepEqual(keys.filter((k) => k !== 'record' && k !== 'leadNames').sort(),
                   table.map((o) => o.js).sort());
});
