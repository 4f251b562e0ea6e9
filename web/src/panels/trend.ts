// The Indikatorer view's trend panel: one indicator for one unit and group as a line chart with
// the goal's reference lines, the table of values (the chart's text alternative) and downloads.
import { allSuppressed, apiUrl, getGoals, getIndicators, isSuppressed } from '../api';
import type { Catalog, IndicatorRow, Params } from '../api';
import { chartContainer, drawChart, palette } from '../charts';
import type { AppContext } from '../context';
import { h, replace } from '../dom';
import { downloadLinks } from '../downloads';
import { formatNumber, formatTick, numberCell } from '../format';
import { lang, t, tDynamic } from '../i18n';
import { digitsFor, indicatorName, unitName } from '../labels';
import type { Selection } from '../selection';
import { dataTable, scrollable } from '../table';

export function trendParams(selection: Selection): Params {
  return {
    indicator: selection.indicator,
    period_type: selection.periodType,
    unit_type: selection.unitType,
    unit: selection.unit,
    sex: selection.sex,
    age_group: selection.ageGroup,
  };
}

interface ReferenceLine {
  label: string;
  value: number;
}


/** Target, base-year and national lines of the goal on this indicator and unit, if any. */
async function referenceLines(selection: Selection, context: AppContext): Promise<ReferenceLine[]> {
  // Asked once per session and language: the assessment changes only with a new extract (a new
  // data version) or another role (login, logout), and both start a new session state.
  const goals = context.session.goals;
  const language = lang();
  let assessment = goals.get(language);
  if (!assessment) {
    assessment = getGoals(undefined, language);
    goals.set(language, assessment);
  }
  let strategies;
  try {
    strategies = (await assessment)?.strategies;
  } catch {
    if (goals.get(language) === assessment) goals.delete(language);
    return []; // The lines are extras: the trend is shown without them, with the note.
  }
  const goal = (strategies ?? [])
    .flatMap((s) => s.goals)
    .find(
      (g) =>
        g.indicator === selection.indicator &&
        g.unit_type === selection.unitType &&
        g.unit === selection.unit &&
        g.sex === selection.sex &&
        g.age_group === selection.ageGroup,
    );
  if (!goal) return [];
  const lines: ReferenceLine[] = [];
  if (typeof goal.target_value === 'number') lines.push({ label: t('target'), value: goal.target_value });
  if (typeof goal.base_value === 'number') {
    lines.push({ label: t('baseYear', { year: String(goal.base_year ?? '') }).trim(), value: goal.base_value });
  }
  // The nation's value of the assessed period only (the API has no national series: /api/kolada
  // answers Nära's own units, never the nation 0000), so the line says which period it is.
  if (typeof goal.national_value === 'number') lines.push({ label: t('nationalOf', { period: goal.period }), value: goal.national_value });
  return lines;
}

/** `value` rounded up to half a power of ten (17 -> 20, 242 -> 250, 0.83 -> 0.85). */
function roundUp(value: number): number {
  if (value <= 0) return 0;
  const step = 10 ** Math.floor(Math.log10(value)) / 2;
  return Math.ceil(value / step) * step;
}

/** Every n-th period label on the axis, so rotated labels do not overlap on a narrow chart. */
function labelInterval(periods: number, width: number): number | 'auto' {
  if (width >= 600) return 'auto';
  const fits = Math.max(1, Math.floor((width - 60) / 22));
  return Math.max(0, Math.ceil(periods / fits) - 1);
}

export async function renderTrend(
  section: HTMLElement,
  catalog: Catalog,
  selection: Selection,
  context: AppContext,
  current: () => boolean,
): Promise<IndicatorRow[]> {
  const params = trendParams(selection);
  const info = catalog.indicators.find((i) => i.id === selection.indicator);
  const name = indicatorName(info, selection.indicator);
  const unit = unitName(catalog, selection.unitType, selection.unit);
  section.setAttribute('aria-busy', 'true');
  let rows: IndicatorRow[];
  let lines: ReferenceLine[];
  try {
    [rows, lines] = await Promise.all([getIndicators(params), referenceLines(selection, context)]);
  } catch (error) {
    if (current()) {
      section.removeAttribute('aria-busy');
      context.fail(error);
    }
    return [];
  }
  if (!current()) return [];
  section.removeAttribute('aria-busy');
  // Which query the section now shows: lets scripts and tests wait for a finished render.
  section.dataset.query = apiUrl('indicators', params);
  const digits = digitsFor(catalog, selection.indicator);
  const kind = info ? ` (${tDynamic(`kind_${info.kind}`, info.kind)})` : '';
  const heading = h('h2', { id: 'trend-heading' }, `${t('trendHeading')}: ${name}${kind}`);
  const note = h(
    'p',
    { className: 'note', 'data-field': 'reference-lines' },
    lines.length === 0 ? t('referenceLinesNone') : t('referenceLinesSome', { lines: lines.map((l) => `${l.label} ${formatNumber(l.value, digits)}`).join(', ') }),
  );
  if (rows.length === 0) {
    replace(section, heading, h('p', { className: 'empty', 'data-empty': 'trend' }, t('noRows')), note);
    return rows;
  }
  const periodType = tDynamic(`pt_${selection.periodType}`, selection.periodType).toLowerCase();
  const chart = chartContainer(t('trendChartLabel', { indicator: name, unit, periodType }), 'trend');
  const tableRows = rows.map((row) =>
    h(
      'tr',
      { 'data-period': row.period },
      h('th', { scope: 'row' }, row.period),
      numberCell(row.numerator, isSuppressed(row), 0),
      numberCell(row.denominator, false, 0),
      numberCell(row.value, isSuppressed(row), digits),
    ),
  );
  const table = dataTable(
    t('trendTableCaption', { indicator: name, unit }),
    [{ label: t('period') }, { label: t('numerator'), numeric: true }, { label: t('denominator'), numeric: true }, { label: t('value'), numeric: true }],
    tableRows,
    { name: 'trend' },
  );
  const downloads = downloadLinks('indicators', params, t('downloadTrend'), 'trend');
  if (allSuppressed(rows)) {
    // Nothing to draw: say why in words rather than show an empty chart.
    const empty = h('p', { className: 'empty chart-empty', 'data-empty': 'trend-suppressed' }, t('allSuppressedTrend'));
    replace(section, heading, empty, note, downloads, scrollable(table));
    return rows;
  }
  replace(section, heading, chart, note, downloads, scrollable(table));
  // Every period of the type is on the axis, so a period without a row shows as a gap.
  const byPeriod = new Map(rows.map((r) => [r.period, r]));
  const axis = catalog.periods[selection.periodType]?.length ? catalog.periods[selection.periodType] : rows.map((r) => r.period);
  drawChart(chart, {
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => formatNumber(value as number, digits) },
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: axis, axisLabel: { color: '#1b1b1b', hideOverlap: true, rotate: chart.clientWidth < 600 ? 45 : 0, interval: labelInterval(axis.length, chart.clientWidth) } },
    // A reference line above every value (a target of 17 over values near 14) would be off the
    // axis and not drawn: the axis then reaches a round number above the highest line.
    yAxis: {
      type: 'value',
      max: (extent: { max: number }) => {
        const top = Math.max(extent.max, ...lines.map((l) => l.value));
        return top > extent.max ? roundUp(top) : undefined;
      },
      axisLabel: { color: '#1b1b1b', formatter: (value: number) => formatTick(value, digits) },
    },
    series: [
      {
        type: 'line',
        name,
        data: axis.map((period) => {
          const row = byPeriod.get(period);
          return row && !isSuppressed(row) ? row.value : null;
        }),
        connectNulls: false,
        symbolSize: 6,
        lineStyle: { width: 2 },
        markLine: lines.length
          ? {
              symbol: 'none',
              // Inside the plot, above the line's end: at the right of the grid a label is cut
              // on a narrow screen.
              label: { formatter: '{b}', color: '#1b1b1b', position: 'insideEndTop' },
              lineStyle: { type: 'dashed', color: palette[1] },
              data: lines.map((l) => ({ name: l.label, yAxis: l.value })),
            }
          : undefined,
      },
    ],
  });
  return rows;
}
