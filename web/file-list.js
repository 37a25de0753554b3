// The file list: a card per dropped file. A record's card opens it; an error's card says why the
// file could not be read; a held file's card (waiting for another file or a rate, drops.js) says
// what it waits for. Errors and held files can be dismissed one by one; records stay. DOM only.
import { waitingHint } from './drops.js';

const span = (className, text) => Object.assign(document.createElement('span'), { className, textContent: text });

function recordCard(li, entry, open) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'open';
  button.textContent = entry.label ?? entry.file;
  button.addEventListener('click', () => open(entry));
  const n = entry.records.length;
  const refs = entry.references.reduce((k, list) => k + (list?.length ?? 0), 0);
  // The page's own exports whose marks were put back on this file's records.
  const restored = [...new Set((entry.restoredFrom ?? []).filter(Boolean))];
  li.append(button, span('meta', `${entry.format}${n > 1 ? ` · ${n} records` : ''}` +
                                 `${refs ? ` · ${refs} reference file${refs > 1 ? 's' : ''}` : ''}` +
                                 `${restored.length ? ` · marks from ${restored.join(', ')}` : ''}`));
}

function problemCard(li, entry, dismiss) {
  li.classList.add(entry.waiting ? 'waiting' : 'error');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'dismiss';
  close.textContent = '×';
  close.title = entry.waiting ? 'Forget this file' : 'Dismiss';
  close.setAttribute('aria-label', `${close.title}: ${entry.file}`);
  close.addEventListener('click', () => dismiss(entry));
  li.append(close, Object.assign(document.createElement('strong'), { textContent: entry.file }), span('message', entry.error));
  if (entry.waiting) li.append(span('hint', waitingHint(entry.waiting)));
}

/**
 * Fills `list` (a <ul>) with a card per entry. entries: app.js's state.entries; selected: the
 * entry on screen; open(entry), dismiss(entry): what the cards' buttons do.
 */
export function fillFileList(list, entries, { selected, open, dismiss }) {
  list.replaceChildren(...entries.map((entry) => {
    const li = document.createElement('li');
    li.className = 'file-entry';
    li.dataset.file = entry.file;
    if (entry.error) problemCard(li, entry, dismiss);
    else {
      recordCard(li, entry, open);
      if (entry === selected) li.classList.add('selected');
    }
    for (const warning of entry.warnings ?? []) li.append(span('warning', warning));
    return li;
  }));
}
