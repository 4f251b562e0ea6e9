// The Mål view: per strategy a pie of goal statuses and a table of goals with status marks.
import { getGoals } from '../api';
import type { Comparison, Goal, GoalStatus, Strategy } from '../api';
import { chartContainer, drawChart, statusColours } from '../charts';
import type { AppContext } from '../context';
import { h, replace } from '../dom';
import { formatNumber } from '../format';
import { t, tDynamic } from '../i18n';
import { dataTable, scrollable } from '../table';
import { indicatorName } from './indicators';

const statuses: GoalStatus[] = ['met', 'not_yet_met', 'not_met'];
/** Each status has a symbol as well as a colour, so colour is never the only cue. */
const statusSymbols: Record<GoalStatus, string> = { met: '✓', not_yet_met: '◐', not_met: '✗' };
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

function targetText(target: Goal['target']): string {
  if (typeof target === 'number') return formatNumber(target);
  return target ?? '';
}

function strategySection(strategy: Strategy, index: number, context: AppContext): HTMLElement {
  const counts = { met: strategy.counts.met ?? 0, not_yet_met: strategy.counts.not_yet_met ?? 0, not_met: strategy.counts.not_met ?? 0 };
  const summary = t('strategySummary', counts);
  const headingId = `strategy-${index}`;
  const chart = chartContainer(t('strategyPieLabel', { strategy: strategy.name, summary }), `pie-${index}`);
  chart.classList.add('chart-pie');
  const catalog = context.catalog;
  const rows = strategy.goals.map((goal) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, goal.name),
      h('td', {}, indicatorName(catalog?.indicators.find((i) => i.id === goal.indicator), goal.indicator)),
      h('td', {}, goal.unit),
      h('td', {}, goal.period),
      h('td', { className: 'num' }, targetText(goal.target)),
      h('td', { className: 'num', 'data-value': goal.value === null ? '' : String(goal.value) }, formatNumber(goal.value)),
      h('td', {}, statusBadge(goal.status)),
      h('td', {}, comparisonText(goal.comparison)),
      h('td', {}, goal.reason),
    ),
  );
  const table = dataTable(
    strategy.name,
    [
      { label: t('goal') },
      { label: t('indicator') },
      { label: t('unit') },
      { label: t('period') },
      { label: t('target'), numeric: true },
      { label: t('value'), numeric: true },
      { label: t('goalStatus') },
      { label: t('goalComparison') },
      { label: t('goalReason') },
    ],
    rows,
    { name: `goals-${index}` },
  );
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
          data: statuses.map((status) => ({
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

export async function renderGoals(root: HTMLElement, context: AppContext): Promise<void> {
  root.appendChild(h('h1', {}, t('goalsHeading')));
  const body = h('div', { 'aria-busy': 'true' }, t('loading'));
  root.appendChild(body);
  let strategies: Strategy[] | null;
  try {
    strategies = await getGoals();
  } catch (error) {
    replace(body);
    context.fail(error);
    return;
  }
  body.removeAttribute('aria-busy');
  if (!strategies || strategies.length === 0) {
    replace(body, h('p', { className: 'empty', 'data-empty': 'goals' }, t('noGoals')));
    return;
  }
  replace(body, ...strategies.map((strategy, index) => strategySection(strategy, index, context)));
}
