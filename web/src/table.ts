// Data tables: a caption, column headers and rows of cells; used visibly and as the text
// alternative of charts.
import { h } from './dom';

export interface Column {
  label: string;
  numeric?: boolean;
}

/** A <table> with `caption`; `hidden` makes it visually hidden but read by screen readers. */
export function dataTable(
  caption: string,
  columns: Column[],
  rows: HTMLTableRowElement[],
  options: { hidden?: boolean; name: string },
): HTMLTableElement {
  const head = h('tr');
  for (const column of columns) {
    head.appendChild(h('th', { scope: 'col', className: column.numeric ? 'num' : undefined }, column.label));
  }
  const body = h('tbody');
  for (const row of rows) body.appendChild(row);
  return h(
    'table',
    { className: options.hidden ? 'data-table visually-hidden' : 'data-table', 'data-table': options.name },
    h('caption', {}, caption),
    h('thead', {}, head),
    body,
  );
}

/**
 * A table wrapped in a region that scrolls horizontally on narrow screens; focusable, so the
 * keyboard can scroll it too.
 */
export function scrollable(table: HTMLTableElement): HTMLElement {
  const label = table.caption?.textContent ?? '';
  return h('div', { className: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': label }, table);
}
