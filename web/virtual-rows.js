// A long table's body with only the rows in (or near) the view of the box that scrolls it: a day
// of Holter ECG is a hundred thousand beats, and as many rows would take seconds to build and lay
// out. Two spacer rows, above and below, are as tall as the rows they stand for, so the scroll bar
// is true; scrolling builds the rows that come into view and drops those far out of it. Rows are
// added and removed around the ones that stay, so a row with the focus keeps it (Tab goes from
// row to row: focusing a row scrolls it into view, which builds the next). A short table is built
// whole. DOM only.

const BUILT_WHOLE_UP_TO = 300; // rows: a table this short is built whole
const MARGIN_ROWS = 20; // rows built beyond each edge of the view
const FIRST_GUESS_PX = 26; // a row's height until one is measured

/**
 * Fills `tbody` with `count` rows, makeRow(i) building row i, inside `scroller` (the element whose
 * scrollTop moves the table). Replaces what an earlier call put there; the scroll position stays.
 */
export function fillRows(tbody, scroller, count, makeRow) {
  tbody.virtualRows?.stop();
  tbody.virtualRows = null;
  if (count <= BUILT_WHOLE_UP_TO) {
    tbody.replaceChildren(...Array.from({ length: count }, (_, i) => makeRow(i)));
    return;
  }
  const columns = tbody.closest('table')?.tHead?.rows[0]?.cells.length ?? 1;
  const spacer = () => {
    const tr = document.createElement('tr');
    tr.className = 'spacer';
    tr.setAttribute('aria-hidden', 'true');
    const td = document.createElement('td');
    td.colSpan = columns;
    tr.append(td);
    return tr;
  };
  const above = spacer();
  const below = spacer();
  const rows = new Map(); // index -> the row built for it, while it is in the DOM
  let from = 0; // the rows in the DOM are from..to-1
  let to = 0;
  let rowHeight = FIRST_GUESS_PX;
  let measured = false; // rows are taken to be as tall as the first one laid out
  tbody.replaceChildren(above, below);

  const update = () => {
    // Where the view is, in rows from the top of the body.
    const offset = tbody.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    const top = Math.floor(-offset / rowHeight);
    const wantFrom = Math.max(0, Math.min(count, top - MARGIN_ROWS));
    const wantTo = Math.max(wantFrom, Math.min(count, top + Math.ceil(scroller.clientHeight / rowHeight) + MARGIN_ROWS));
    for (let i = from; i < to; ++i) {
      if (i >= wantFrom && i < wantTo) continue;
      rows.get(i).remove();
      rows.delete(i);
    }
    const build = (i) => {
      const row = makeRow(i);
      rows.set(i, row);
      return row;
    };
    if (wantTo <= from || wantFrom >= to) { // no row stays
      below.before(...Array.from({ length: wantTo - wantFrom }, (_, k) => build(wantFrom + k)));
    } else {
      above.after(...Array.from({ length: Math.max(0, from - wantFrom) }, (_, k) => build(wantFrom + k)));
      below.before(...Array.from({ length: Math.max(0, wantTo - to) }, (_, k) => build(to + k)));
    }
    from = wantFrom;
    to = wantTo;
    const height = measured ? 0 : rows.get(from)?.getBoundingClientRect().height;
    if (height > 0) {
      measured = true;
      rowHeight = height;
    }
    above.firstChild.style.height = `${from * rowHeight}px`;
    below.firstChild.style.height = `${(count - to) * rowHeight}px`;
    // The first rows were placed by a guessed height: again, for where the view really is.
    if (height > 0) update();
  };

  let pending = false;
  const onScroll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (tbody.virtualRows === controller) update();
    });
  };
  scroller.addEventListener('scroll', onScroll, { passive: true });
  const controller = { stop: () => scroller.removeEventListener('scroll', onScroll), update };
  tbody.virtualRows = controller;
  update();
}
