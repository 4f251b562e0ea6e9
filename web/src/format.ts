// Numbers and suppressed cells as the dashboard shows them, in the chosen language.
import { h } from './dom';
import { lang, t } from './i18n';

function locale(): string {
  return lang() === 'sv' ? 'sv-SE' : 'en-GB';
}

/**
 * A number with exactly `digits` decimals in the language's format ("15,9", "91,0" in Swedish;
 * thousands with a no-break space, minus as U+2212), as the board report writes it
 * (src/goals/number_format.cpp): one format per indicator kind, so "91" never stands beside
 * "87,7". Rounded as the report rounds: to thousandths, then half away from zero, both in
 * integers, so a value ending in 5 rounds the same way in both.
 */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const thousandths = Math.round(Math.abs(value) * 1000);
  const step = 10 ** Math.max(0, 3 - digits);
  const scale = 10 ** digits;
  const units = Math.floor((thousandths + Math.floor(step / 2)) / step);
  const rounded = (value < 0 && units !== 0 ? -units : units) / scale;
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rounded);
}

/** An axis tick: as many decimals as the tick needs (0, 20, 40 or 0,5, 1, 1,5), at most `digits`. */
export function formatTick(value: number, digits = 1): string {
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
