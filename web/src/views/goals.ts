// The Mål view: the period's assessment, per strategy a pie of goal statuses and a table of
// goals with status marks.
import { getGoals } from '../api';
import type { Comparison, Goal, GoalAssessment, GoalStatus, Strategy } from '../api';
import { chartContainer, drawChart, statusColours } from '../charts';
import type { AppContext } from '../context';
import { h, labelledSelect, replace } from '../dom';
import { formatNumber } from '../format';
import { lang, t, tDynamic } from '../i18n';
import { goalDigits, indicatorName, unitName } from '../labels';
import { dataTable, scrollable } from '../table';

const statuses: GoalStatus[] = ['met', 'not_yet_met', 'not_met', 'not_assessed'];
/**
 * Each status has a symbol as well as a colour, so colour is never the only cue; the symbols and
 * words are the board report's (src/report/goal_sections.cpp, goals::StatusName).
 */
const statusSymbols: Record<GoalStatus, string> = { met: '●', not_yet_met: '◑', not_met: '○', not_assessed: '–' };
const comparisonSymbols: Record<string, string> = { improved: '↑', unchanged: '→', worsened: '↓' };

function statusBadge(status: GoalStatus): HTMLElement {
  return h(
    'span',
    { className: `status status-${status}`, 'data-status': status },
    h('span', { 'aria-hidden': 'true' }, statusSymbols[status]),
    ' ',
    tDynamic(`status_${status}`, status),
  );
}

function comparisonText(comparison: Comparison): string {
  if (!comparison) return t('cmp_none');
  return `${comparisonSymbols[comparison] ?? ''} ${tDynamic(`cmp_${comparison}`, comparison)}`.trim();
}

/** The value with its measure ("12,3 %"), or why there is none; decimals as the report's. */
function valueText(goal: Goal, catalog: AppContext['catalog']): string {
  if (goal.value === null) return goal.suppressed ? t('suppressed') : '–';
  const number = formatNumber(goal.value, goalDigits(catalog, goal.indicator, goal.value));
  // A plain space: the measure may go to the next line of a narrow column ("per 100 000").
  return goal.measure ? `${number} ${goal.measure}` : number;
}

/** The indicator's name; a manual value or an assignment has no indicator in the catalogue. */
function indicatorText(goal: Goal, catalog: AppContext['catalog']): string {
  const info = catalog?.indicators.find((i) => i.id === goal.indicator);
  if (info) return indicatorName(info, goal.indicator);
  if (goal.assignment || !goal.indicator) return t('assignment');
  return goal.manual ? t('manualValue') : goal.indicator;
}

/**
 * A goal-table cell; `label` is its column's name, shown before the value when the table is laid
 * out as one card per goal on a narrow screen (style.css, .goal-table).
 */
function cell(field: string, label: string, numeric: boolean, ...children: (Node | string)[]): HTMLTableCellElement {
  return h('td', { className: numeric ? 'num' : undefined, 'data-field': field, 'data-label': label }, ...children);
}

function strategySection(strategy: Strategy, index: number, context: AppContext): HTMLElement {
  const counts: Record<GoalStatus, number> = {
    met: strategy.counts.met ?? 0,
    not_yet_met: strategy.counts.not_yet_met ?? 0,
    not_met: strategy.counts.not_met ?? 0,
    not_assessed: strategy.counts.not_assessed ?? 0,
  };
  const summary = t('strategySummary', counts);
  const headingId = `strategy-${index}`;
  const chart = chartContainer(t('strategyPieLabel', { strategy: strategy.name, summary }), `pie-${index}`);
  chart.classList.add('chart-pie');
  const catalog = context.catalog;
  // The status right after the goal, so it is in view at 1280 px without scrolling sideways;
  // the long texts (indicator, reason) last.
  const rows = strategy.goals.map((goal) =>
    h(
      'tr',
      { 'data-goal': goal.id },
      h('th', { scope: 'row', 'data-field': 'goal' }, goal.instance ? `${goal.name} – ${goal.instance}` : goal.name),
      cell('status', t('goalStatus'), false, statusBadge(goal.status)),
      (() => {
        const value = cell('value', t('value'), true, valueText(goal, catalog));
        value.dataset.value = goal.value === null ? '' : String(goal.value);
        return value;
      })(),
      cell('target', t('target'), true, goal.target),
      cell('comparison', t('goalComparison'), false, comparisonText(goal.comparison)),
      cell(
        'period',
        t('period'),
        false,
        goal.period,
        ...(goal.period_note ? [h('br', {}), h('span', { className: 'note period-note' }, goal.period_note)] : []),
      ),
      cell('unit', t('unit'), false, catalog ? unitName(catalog, goal.unit_type, goal.unit) : goal.unit),
      cell('indicator', t('indicator'), false, indicatorText(goal, catalog)),
      cell('reason', t('goalReason'), false, goal.reason),
    ),
  );
  const table = dataTable(
    strategy.name,
    [
      { label: t('goal') },
      { label: t('goalStatus') },
      { label: t('value'), numeric: true },
      { label: t('target'), numeric: true },
      { label: t('goalComparison') },
      { label: t('period') },
      { label: t('unit') },
      { label: t('indicator') },
      { label: t('goalReason') },
    ],
    rows,
    { name: `goals-${index}` },
  );
  table.classList.add('goal-table');
  // On a phone the rows are laid out as cards (display: block), which drops a table's implicit
  // roles in some browsers: say them explicitly, so a screen reader still reads a table.
  table.setAttribute('role', 'table');
  for (const group of table.querySelectorAll('thead, tbody')) group.setAttribute('role', 'rowgroup');
  for (const row of table.querySelectorAll('tr')) row.setAttribute('role', 'row');
  for (const header of table.querySelectorAll('thead th')) header.setAttribute('role', 'columnheader');
  for (const header of table.querySelectorAll('tbody th')) header.setAttribute('role', 'rowheader');
  for (const data of table.querySelectorAll('td')) data.setAttribute('role', 'cell');
  const section = h(
    'section',
    { className: 'panel strategy', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, strategy.name),
    h('div', { className: 'strategy-body' }, h('figure', {}, chart, h('figcaption', {}, summary)), scrollable(table)),
  );
  queueMicrotask(() => {
    if (!chart.isConnected) return;
    drawChart(chart, {
      tooltip: { trigger: 'item' },
      legend: { orient: 'vertical', bottom: 0, left: 'center', textStyle: { color: '#1b1b1b' } },
      series: [
        {
          type: 'pie',
          radius: ['0%', '55%'],
          center: ['50%', '36%'],
          label: { position: 'inside', color: '#ffffff', fontWeight: 'bold', formatter: (p: { value: unknown }) => (p.value ? String(p.value) : '') },
          data: statuses.filter((status) => status !== 'not_assessed' || counts[status] > 0).map((status) => ({
            name: `${statusSymbols[status]} ${tDynamic(`status_${status}`, status)}`,
            value: counts[status],
            itemStyle: { color: statusColours[status], borderColor: '#ffffff', borderWidth: 2 },
          })),
        },
      ],
    });
  });
  return section;
}

export async function renderGoals(root: HTMLElement, context: AppContext, period?: string): Promise<void> {
  const heading = h('h1', {}, t('goalsHeading'));
  const body = h('div', { 'aria-busy': 'true' }, t('loading'));
  replace(root, heading, body);
  let assessment: GoalAssessment | null;
  try {
    assessment = await getGoals(period, lang());
  } catch (error) {
    replace(body);
    context.fail(error);
    return;
  }
  body.removeAttribute('aria-busy');
  if (!assessment || assessment.strategies.length === 0) {
    replace(body, h('p', { className: 'empty', 'data-empty': 'goals' }, t('noGoals')));
    return;
  }
  const chosen = assessment.period;
  const periodField = labelledSelect(
    t('goalPeriod'),
    assessment.periods.map((p) => ({ value: p, label: p })),
    chosen,
    (next) => void renderGoals(root, context, next).then(() => root.querySelector<HTMLSelectElement>('select[name=goal-period]')?.focus()),
    'goal-period',
  );
  const title = assessment.title ? h('p', { className: 'note', 'data-field': 'goals-title' }, assessment.title) : null;
  replace(
    body,
    h('div', { className: 'filters', 'data-period': chosen }, periodField.field),
    ...(title ? [title] : []),
    ...assessment.strategies.map((strategy, index) => strategySection(strategy, index, context)),
  );
}
