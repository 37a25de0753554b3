// The page's side of keeping corrections in this browser, so that a reload or a closed tab before
// Export JSON loses no work: each record's marks are written (kept-store.js, as kept-edits.js
// keeps them) shortly after every change, and a record dropped again gets them back through the
// path the page's own JSON export takes (app.js restoreSavedMarks). The drop zone says that they
// stay in this browser, how many records it keeps, and offers to forget them. Leaving the page
// while some record's marks are in no export yet asks first (beforeunload). Nothing is sent
// anywhere.
import { fileIdentity, keptKey, keptMarks, savedFromKept } from './kept-edits.js';
import { openKeptStore } from './kept-store.js';

// How long after a change the marks are written: a drag or a held arrow key makes many changes a
// second, and one write of a long record's marks takes a while.
const SAVE_DELAY_MS = 300;

/** What the undo step of a restore from this browser is called (Ctrl+Z goes back over it). */
export const KEPT_RESTORE_LABEL = 'restore the corrections saved in this browser';

// The marks each record had when last exported (or restored from an export): MarkEdits -> its
// snapshot. A record without one is unexported while it differs from the model's marks.
const exportedAt = new WeakMap();

/**
 * Wires keeping to the page. host: {entries(): app.js state.entries (entry.identity, records,
 * annotations, edits), status(text, isError)}; note: the drop zone's line about it, with a
 * .text span and the forget button. Returns {identify, keptFor, changed, exported}.
 */
export function keepCorrections(host, note) {
  const text = note.querySelector('.text');
  const forget = note.querySelector('button');
  const savedVersion = new WeakMap(); // MarkEdits -> the version last written
  // A write that failed: the status says so once, and the note until a write succeeds (the status
  // line changes with the next key).
  let trouble = '';
  const store = openKeptStore((problem) => {
    if (!trouble) host.status(`${problem}.`, true);
    trouble = `${problem}.`;
    showNote();
  });

  async function showNote() {
    const s = await store;
    note.classList.toggle('error', !s.available || !!trouble);
    if (!s.available || trouble) {
      text.textContent = s.available ? trouble : `${s.reason}.`;
      forget.hidden = true;
      return;
    }
    const n = await s.count();
    text.textContent = 'Your corrections are also saved in this browser only (never sent anywhere): drop the same record ' +
      'again, even after closing the tab, and they come back.';
    forget.hidden = n === 0;
    forget.textContent = `Forget saved corrections (${n} record${n === 1 ? '' : 's'})`;
  }

  let timer = null;
  async function saveNow() {
    clearTimeout(timer);
    timer = null;
    const s = await store;
    if (!s.available) return;
    const writes = [];
    for (const entry of host.entries()) {
      if (!entry.identity) continue;
      entry.edits?.forEach((edits, i) => {
        // Version 0: the model's marks, untouched here; nothing to write or remove.
        if (!edits || edits.version === 0 || savedVersion.get(edits) === edits.version) return;
        savedVersion.set(edits, edits.version);
        const key = keptKey(entry.identity, entry.records[i].name);
        // Back at the model's marks (undone, reverted): nothing left to keep.
        writes.push(edits.atModel ? s.remove(key) : s.put(key, { savedAt: Date.now(), marks: keptMarks(entry.annotations[i], edits) })
          .then((ok) => { if (ok) trouble = ''; }));
      });
    }
    if (writes.length) {
      await Promise.all(writes);
      showNote();
    }
  }

  const unexported = (edits) => (exportedAt.has(edits) ? exportedAt.get(edits) !== edits.snapshot : !edits.atModel);
  const anyUnexported = () => host.entries().some((e) => e.edits?.some((edits) => edits && unexported(edits)));

  window.addEventListener('beforeunload', (event) => {
    saveNow();
    if (!anyUnexported()) return;
    event.preventDefault();
    event.returnValue = ''; // Chromium asks only when this is set
  });
  // A tab hidden may be closed or discarded without another word: what is pending is written now.
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && timer && saveNow());

  forget.addEventListener('click', async () => {
    const s = await store;
    const n = await s.count();
    await s.clear();
    await showNote();
    host.status(`Forgot the corrections of ${n} record${n === 1 ? '' : 's'} saved in this browser. The marks on screen stay as they are ` +
                '(Revert all goes back to the model\'s); your next correction is saved again.');
  });
  showNote();

  return {
    /** {name -> identity} of a drop's files [{name, bytes}], taken before their bytes go to the worker. */
    identify: (files) => new Map(files.map((f) => [f.name, fileIdentity(f.name, f.bytes)])),

    /**
     * The corrections this browser keeps for the records of `entries` (just opened), but for the
     * records named in `skip` (put back from an export in the same drop, which wins), as saved-marks.js
     * files: [{file, kind: 'kept', from, restoreLabel, records}].
     */
    async keptFor(entries, skip) {
      const s = await store;
      if (!s.available) return [];
      const files = await Promise.all(entries.filter((e) => e.identity && e.records?.length).map(async (entry) => {
        const names = new Set(entry.records.map((r) => r.name));
        const kept = await s.ofFile(keptKey(entry.identity, '').slice(0, -1));
        const records = kept.map((k) => k.value.marks).filter((m) => names.has(m.record) && !skip.has(m.record))
          .map((marks) => savedFromKept(entry.file, marks));
        return records.length && { file: entry.file, kind: 'kept', from: 'this browser', restoreLabel: KEPT_RESTORE_LABEL, records };
      }));
      return files.filter(Boolean);
    },

    /** Marks changed somewhere: written shortly. */
    changed() {
      clearTimeout(timer);
      timer = setTimeout(saveNow, SAVE_DELAY_MS);
    },

    /** These records' marks are now in an export (or were just restored from one). */
    exported(editsList) {
      for (const edits of editsList) if (edits) exportedAt.set(edits, edits.snapshot);
    },
  };
}
