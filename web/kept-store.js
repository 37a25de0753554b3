// Where the page keeps corrections in this browser: one IndexedDB store (IndexedDB rather than
// localStorage: a long record's marks run to megabytes, and localStorage holds about 5 MB of
// strings), one entry per record, keyed by kept-edits.js keptKey. Nothing here leaves the browser.
// Storage can be missing (a browser set to keep no site data, some private modes) or full: every
// call resolves, never throws; a failure is handed to `onProblem(message)` in words, and the page
// goes on without keeping anything (the export still works).

const DB_NAME = 'qrs-annotator';
const STORE = 'kept-corrections';

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

// Why storage failed, for a person: a full disk or quota reads differently from storage refused.
function problemText(err, what) {
  const name = err?.name ?? 'Error';
  if (name === 'QuotaExceededError') return `${what}: this browser's storage for the page is full (${name}); export JSON to keep them`;
  return `${what}: this browser does not let the page keep them (${name}${err?.message ? `: ${err.message}` : ''}); export JSON to keep them`;
}

/**
 * Opens the store. Returns {available: false, reason} when the browser refuses storage, else a
 * store with put(key, value), remove(key), ofFile(prefix) -> [{key, value}] (the entries whose
 * key starts with prefix: one file's records), count() and clear().
 */
export async function openKeptStore(onProblem) {
  let db;
  try {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    db = await done(request);
  } catch (err) {
    return { available: false, reason: problemText(err, 'Corrections cannot be kept in this browser') };
  }
  // Runs `work(store)` in one transaction; its result once the transaction is over, or `fallback`
  // after telling onProblem (a quota error surfaces at put() or at the commit).
  const run = async (mode, work, what, fallback) => {
    try {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new DOMException('the transaction was aborted', 'AbortError'));
      });
      return result instanceof IDBRequest ? result.result : result;
    } catch (err) {
      onProblem(problemText(err, what));
      return fallback;
    }
  };
  return {
    available: true,
    put: (key, value) => run('readwrite', (s) => s.put(value, key), `The corrections of record '${key.at(-1)}' could not be kept in this browser`, false)
      .then((ok) => ok !== false),
    remove: (key) => run('readwrite', (s) => s.delete(key), 'Kept corrections could not be removed', null),
    // Array keys sort element by element, and any array after any string: [...prefix, []] bounds
    // every key that starts with prefix.
    ofFile: (prefix) => run('readonly', (s) => {
      const entries = [];
      s.openCursor(IDBKeyRange.bound(prefix, [...prefix, []])).onsuccess = (event) => {
        const cursor = event.target.result;
        if (!cursor) return;
        entries.push({ key: cursor.key, value: cursor.value });
        cursor.continue();
      };
      return entries;
    }, 'Kept corrections could not be read', []),
    count: () => run('readonly', (s) => s.count(), 'Kept corrections could not be counted', 0),
    clear: () => run('readwrite', (s) => s.clear(), 'Kept corrections could not be forgotten', null),
  };
}
