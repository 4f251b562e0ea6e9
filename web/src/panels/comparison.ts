// The Indikatorer view's comparison panel: the units (municipalities when the indicator has
// them) in one period as a bar chart, its visually hidden table, downloads.
import { allSuppressed, apiUrl, getIndicators, isSuppressed } from '../api';
import type { Catalog, IndicatorRow, Params } from '../api';
import { chartContainer, drawChart, palette } from '../charts';
import type { AppContext } from '../context';
import { h, labelledSelect, replace } from '../dom';
import { downloadLinks } from '../downloads';
import { formatNumber, formatTick, numberCell, suppressedText } from '../format';
import { t, tDynamic } from '../i18n';
import { digitsFor, indicatorName, unitName } from '../labels';
import type { Selection } from '../selection';
import { dataTable } from '../table';

/** The unit type compared: municipalities when the indicator has them, else the selected type. */
export function compareUnitType(catalog: Catalog, selection: Selection): string {
  const info = catalog.indicators.find((i) => i.id === selection.indicator);
  return info?.unit_types.includes('municipality') ? 'municipality' : selection.unitType;
}

export function compareParams(catalog: Catalog, selection: Selection): Params {
  return {
    indicator: selection.indicator,
    period: selection.comparePeriod,
    unit_type: compareUnitType(catalog, selection),
    sex: selection.sex,
    age_group: selection.ageGroup,
  };
}

export async function renderComparison(
  section: HTMLElement,
  catalog: Catalog,
  selection: Selection,
  context: AppContext,
  current: () => boolean,
  choosePeriod: (period: string) => void,
): Promise<void> {
  const unitType = compareUnitType(catalog, selection);
  const params = compareParams(catalog, selection);
  const periods = catalog.periods[selection.periodType] ?? [];
  const heading = h('h2', { id: 'compare-heading' }, `${t('compareHeading')}: ${tDynamic(`ut_${unitType}`, unitType)}`);
  const periodField = labelledSelect(
    t('comparePeriod'),
    [...periods].reverse().map((p) => ({ value: p, label: p })),
    selection.comparePeriod,
    choosePeriod,
    'comparePeriod',
  );
  if (!selection.comparePeriod) {
    replace(section, heading, h('p', { className: 'empty' }, t('noRows')));
    return;
  }
  let rows: IndicatorRow[];
  try {
    rows = await getIndicators(params);
  } catch (error) {
    if (current()) context.fail(error);
    return;
  }
  if (!current()) return;
  section.dataset.query = apiUrl('indicators', params);
  const focused = document.activeElement?.getAttribute('data-field') === 'comparePeriod';
  const downloads = downloadLinks('indicators', params, t('downloadCompare'), 'compare');
  if (rows.length === 0) {
    replace(section, heading, periodField.field, h('p', { className: 'empty', 'data-empty': 'compare' }, t('noRows')));
    if (focused) periodField.select.focus();
    return;
  }
  const digits = digitsFor(catalog, selection.indicator);
  const name = indicatorName(catalog.indicators.find((i) => i.id === selection.indicator), selection.indicator);
  const sorted = [...rows].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const label = (row: IndicatorRow): string => unitName(catalog, row.unit_type, row.unit);
  // Suppressed units have no bar; their axis label says so.
  const axisLabel = (row: IndicatorRow): string => (isSuppressed(row) ? `${label(row)} (–)` : label(row));
  const chart = chartContainer(
    t('compareChartLabel', { indicator: name, unitType: tDynamic(`ut_${unitType}`, unitType).toLowerCase(), period: selection.comparePeriod }),
    'compare',
  );
  chart.classList.add('chart-tall');
  chart.style.height = `${Math.max(240, sorted.length * 22 + 60)}px`;
  const table = dataTable(
    t('compareTableCaption', { period: selection.comparePeriod }),
    [{ label: t('unit') }, { label: t('numerator'), numeric: true }, { label: t('denominator'), numeric: true }, { label: t('value'), numeric: true }],
    sorted.map((row) =>
      h(
        'tr',
        { 'data-unit': row.unit },
        h('th', { scope: 'row' }, label(row)),
        numberCell(row.numerator, isSuppressed(row), 0),
        numberCell(row.denominator, false, 0),
        numberCell(row.value, isSuppressed(row), digits),
      ),
    ),
    { name: 'compare' },
  );
  // The data table is read by screen readers only; a visually hidden <table> still widens the
  // page (a table does not shrink to 1 px), so the hiding is on a wrapper.
  const hiddenTable = h('div', { className: 'visually-hidden' }, table);
  if (allSuppressed(rows)) {
    const empty = h('p', { className: 'empty chart-empty', 'data-empty': 'compare-suppressed' }, t('allSuppressedCompare', { period: selection.comparePeriod }));
    replace(section, heading, periodField.field, empty, downloads, hiddenTable);
    if (focused) periodField.select.focus();
    return;
  }
  replace(section, heading, periodField.field, chart, downloads, hiddenTable);
  if (focused) periodField.select.focus();
  // Unit names may be long ("Upplands Väsby (0114) (–)"): at most 45 % of the chart's width,
  // wrapped rather than cut (the grid makes room for them: containLabel).
  const labelWidth = Math.max(80, Math.floor(chart.clientWidth * 0.45));
  const selected = selection.unitType === unitType ? selection.unit : '';
  drawChart(chart, {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: unknown) => (value === null || value === undefined ? suppressedText() : formatNumber(value as number, digits)),
    },
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', axisLabel: { color: '#1b1b1b', formatter: (value: number) => formatTick(value, digits) } },
    yAxis: { type: 'category', inverse: true, data: sorted.map(axisLabel), axisLabel: { color: '#1b1b1b', width: labelWidth, overflow: 'break' } },
    series: [
      {
        type: 'bar',
        name,
        data: sorted.map((row) => ({
          value: isSuppressed(row) ? null : row.value,
          itemStyle: { color: row.unit === selected ? palette[1] : palette[0] },
        })),
        label: { show: true, position: 'right', color: '#1b1b1b', formatter: (p: { value: unknown }) => (p.value === null || p.value === undefined ? '–' : formatNumber(p.value as number, digits)) },
      },
    ],
  });
}
