// Numbers and suppressed cells as the dashboard shows them, in the chosen language.
import { h } from './dom';
import { lang, t } from './i18n';

function locale(): string {
  return lang() === 'sv' ? 'sv-SE' : 'en-GB';
}

/** A number with at most `digits` decimals in the language's format ("15,9" in Swedish). */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

let suppressMinCount: number | undefined;

/** The server's minimum count of small-number suppression, when the catalogue says it. */
export function setSuppressMinCount(count: number | undefined): void {
  suppressMinCount = count;
}

export function suppressedText(): string {
  return suppressMinCount ? t('suppressedFewer', { n: suppressMinCount }) : t('suppressed');
}

/** A table cell's content for a suppressed value: "–" plus the words for screen readers. */
export function suppressedCell(): HTMLElement {
  const text = suppressedText();
  return h(
    'span',
    { className: 'suppressed', title: text, 'data-suppressed': 'true' },
    h('span', { 'aria-hidden': 'true' }, '–'),
    h('span', { className: 'visually-hidden' }, text),
  );
}

/** A <td> holding a number (raw value in data-value, for scripts and tests) or the suppressed mark. */
export function numberCell(value: number | null, suppressed: boolean, digits = 1): HTMLTableCellElement {
  if (suppressed) return h('td', { className: 'num', 'data-value': '' }, suppressedCell());
  return h('td', { className: 'num', 'data-value': value === null ? '' : String(value) }, formatNumber(value, digits));
}
