// The Betalningsansvar view: settlement summary per municipality and month, and for entitled
// users the individual-level basis of one municipality and month.
import { ApiError, getSettlementBasis, getSettlementSummary, isSuppressed } from '../api';
import type { Params, SettlementBasisRow, SettlementSummaryRow } from '../api';
import { chartContainer, drawChart } from '../charts';
import type { AppContext } from '../context';
import { h, labelledSelect, replace } from '../dom';
import { downloadLinks } from '../downloads';
import { formatNumber, numberCell } from '../format';
import { t } from '../i18n';
import { unitName } from '../labels';
import { dataTable, scrollable } from '../table';

const choice = { municipality: '', from: '', to: '', basisMonth: '', session: '' };

/** An amount cell: the number, or "pris saknas för 2021" when the year has no price (never 0 kr). */
function amountCell(value: number | null, priceMissing: number | null | undefined, suppressed: boolean): HTMLTableCellElement {
  if (priceMissing) {
    return h('td', { className: 'num price-missing', 'data-value': '', 'data-price-missing': String(priceMissing) }, t('priceMissing', { year: priceMissing }));
  }
  return numberCell(value, suppressed, 0);
}

export async function renderSettlement(root: HTMLElement, context: AppContext): Promise<void> {
  root.appendChild(h('h1', {}, t('settlementHeading')));
  const catalog = context.catalog;
  const sessionKey = context.user?.name ?? 'public';
  if (choice.session !== sessionKey) {
    choice.session = sessionKey;
    choice.municipality = context.user?.role === 'municipality' ? (context.user.municipality ?? '') : '';
    choice.basisMonth = '';
  }
  const months = catalog?.periods.month ?? [];
  if (!months.includes(choice.from)) choice.from = months[0] ?? '';
  if (!months.includes(choice.to)) choice.to = months[months.length - 1] ?? '';
  const municipalities = (catalog?.units ?? [])
    .filter((u) => u.unit_type === 'municipality')
    .map((u) => ({ value: u.unit, label: catalog ? unitName(catalog, 'municipality', u.unit) : u.unit }))
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
  const rerender = (field: string) => (value: string) => {
    (choice as Record<string, string>)[field] = value;
    replace(root);
    void renderSettlement(root, context).then(() => root.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus());
  };
  const monthOptions = months.map((m) => ({ value: m, label: m }));
  const form = h(
    'form',
    { className: 'filters' },
    h(
      'fieldset',
      {},
      h('legend', {}, t('filters')),
      labelledSelect(t('municipality'), [{ value: '', label: t('allMunicipalities') }, ...municipalities], choice.municipality, rerender('municipality'), 'municipality').field,
      labelledSelect(t('fromMonth'), monthOptions, choice.from, rerender('from'), 'from').field,
      labelledSelect(t('toMonth'), monthOptions, choice.to, rerender('to'), 'to').field,
    ),
  );
  form.addEventListener('submit', (event) => event.preventDefault());
  const summary = h('section', { className: 'panel', 'aria-busy': 'true', 'aria-labelledby': 'summary-heading' }, t('loading'));
  const basis = h('section', { className: 'panel', 'aria-labelledby': 'basis-heading' });
  root.append(form, summary, basis);
  const params: Params = { municipality: choice.municipality, from: choice.from, to: choice.to };
  let rows: SettlementSummaryRow[];
  try {
    rows = await getSettlementSummary(params);
  } catch (error) {
    replace(summary);
    context.fail(error);
    return;
  }
  summary.removeAttribute('aria-busy');
  renderSummary(summary, rows, params, context);
  renderBasisChooser(basis, rows, context);
}

function renderSummary(section: HTMLElement, rows: SettlementSummaryRow[], params: Params, context: AppContext): void {
  const heading = h('h2', { id: 'summary-heading' }, t('summaryHeading'));
  if (rows.length === 0) {
    replace(section, heading, h('p', { className: 'empty', 'data-empty': 'settlement' }, t('noSettlement')));
    return;
  }
  const catalog = context.catalog;
  const name = (code: string): string => (catalog ? unitName(catalog, 'municipality', code) : code);
  const byMonth = new Map<string, number>();
  for (const row of rows) byMonth.set(row.month, (byMonth.get(row.month) ?? 0) + (row.amount ?? 0));
  // Months with a year without a price have no amount: the chart leaves them out and says so.
  const missingYears = [...new Set(rows.map((row) => row.price_missing).filter((year): year is number => !!year))].sort();
  for (const row of rows) if (row.price_missing) byMonth.delete(row.month);
  const scope = choice.municipality ? name(choice.municipality) : t('allMunicipalities').toLowerCase();
  const chart = chartContainer(t('settlementChartLabel', { municipality: scope }), 'settlement');
  const table = dataTable(
    t('summaryHeading'),
    [
      { label: t('municipality') },
      { label: t('month') },
      { label: t('episodes'), numeric: true },
      { label: t('readyDays'), numeric: true },
      { label: t('liableDays'), numeric: true },
      { label: t('amount'), numeric: true },
    ],
    rows.map((row) => {
      const hidden = isSuppressed(row) || row.episodes === null;
      return h(
        'tr',
        { 'data-municipality': row.municipality, 'data-month': row.month },
        h('th', { scope: 'row' }, name(row.municipality)),
        h('td', {}, row.month),
        numberCell(row.episodes, hidden, 0),
        numberCell(row.ready_days, hidden && row.ready_days === null, 0),
        numberCell(row.liable_days, hidden && row.liable_days === null, 0),
        amountCell(row.amount, row.price_missing, hidden && row.amount === null),
      );
    }),
    { name: 'settlement' },
  );
  // Suppressed rows (public users) have no amount: the chart's sums leave them out, and says so.
  const partial = rows.some((row) => row.amount === null && !row.price_missing);
  // Nothing to draw when every row is suppressed (the public, a small municipality): say so.
  const everyRowSuppressed = rows.every((row) => isSuppressed(row) || row.episodes === null);
  const drawn = everyRowSuppressed
    ? h('p', { className: 'empty chart-empty', 'data-empty': 'settlement-suppressed' }, t('allSuppressedSettlement'))
    : chart;
  replace(
    section,
    heading,
    drawn,
    !everyRowSuppressed && partial ? h('p', { className: 'note' }, t('settlementChartPartial')) : null,
    missingYears.length > 0
      ? h('p', { className: 'note', 'data-note': 'price-missing' }, t('settlementChartPriceMissing', { years: missingYears.join(', ') }))
      : null,
    downloadLinks('settlement/summary', params, t('downloads'), 'settlement'),
    scrollable(table),
  );
  if (everyRowSuppressed) return;
  const months = [...byMonth.keys()].sort();
  drawChart(chart, {
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => `${formatNumber(value as number, 0)} kr` },
    grid: { left: 8, right: 16, top: 16, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: months, axisLabel: { color: '#1b1b1b' } },
    yAxis: { type: 'value', axisLabel: { color: '#1b1b1b', formatter: (value: number) => formatNumber(value, 0) } },
    series: [{ type: 'bar', name: t('amount'), data: months.map((m) => byMonth.get(m) ?? 0) }],
  });
}

function renderBasisChooser(section: HTMLElement, rows: SettlementSummaryRow[], context: AppContext): void {
  const heading = h('h2', { id: 'basis-heading' }, t('basisHeading'));
  if (!context.user) {
    replace(section, heading, h('p', { className: 'note', 'data-empty': 'basis-login' }, t('basisLoginNeeded')));
    return;
  }
  const months = [...new Set(rows.filter((r) => !choice.municipality || r.municipality === choice.municipality).map((r) => r.month))].sort();
  if (!choice.municipality || months.length === 0) {
    replace(section, heading, h('p', { className: 'note' }, rows.length === 0 ? t('noSettlement') : t('basisChoose')));
    return;
  }
  if (!months.includes(choice.basisMonth)) choice.basisMonth = months[months.length - 1];
  const month = labelledSelect(t('month'), months.map((m) => ({ value: m, label: m })), choice.basisMonth, (value) => {
    choice.basisMonth = value;
  }, 'basisMonth');
  const result = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'button', 'data-action': 'show-basis' }, t('showBasis'));
  button.addEventListener('click', () => void showBasis(result, context));
  replace(section, heading, h('div', { className: 'inline-form' }, month.field, button), result);
}

async function showBasis(result: HTMLElement, context: AppContext): Promise<void> {
  const params: Params = { municipality: choice.municipality, month: choice.basisMonth };
  let rows: SettlementBasisRow[];
  try {
    rows = await getSettlementBasis(params);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 403 || error.status === 401)) {
      replace(result, h('p', { className: 'note' }, error.status === 403 ? t('basisForbidden') : t('basisLoginNeeded')));
      return;
    }
    context.fail(error);
    return;
  }
  if (rows.length === 0) {
    replace(result, h('p', { className: 'empty', 'data-empty': 'basis' }, t('basisEmpty')));
    return;
  }
  const table = dataTable(
    `${t('basisHeading')}: ${choice.municipality}, ${choice.basisMonth}`,
    [
      { label: t('patientRef') },
      { label: t('episodeId') },
      { label: t('careType') },
      { label: t('readyAt') },
      { label: t('readyUntil') },
      { label: t('readyDays'), numeric: true },
      { label: t('liableDays'), numeric: true },
      { label: t('pricePerDay'), numeric: true },
      { label: t('amount'), numeric: true },
      { label: t('liable') },
      { label: t('reason') },
    ],
    rows.map((row) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, row.patient_ref),
        h('td', {}, row.episode_id),
        h('td', {}, row.care_type),
        h('td', {}, row.ready_at),
        h('td', {}, row.ready_until),
        numberCell(row.ready_days, false, 0),
        numberCell(row.liable_days, false, 0),
        amountCell(row.price_per_day, row.price_missing, false),
        amountCell(row.amount, row.price_missing, false),
        h('td', {}, row.liable === true || row.liable === 1 ? t('yes') : t('no')),
        h('td', {}, row.reason),
      ),
    ),
    { name: 'basis' },
  );
  replace(result, downloadLinks('settlement/basis', params, t('downloads'), 'basis'), scrollable(table));
}
