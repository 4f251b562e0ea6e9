// ECharts, with only the parts the dashboard uses (tree-shaken), drawn as SVG.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

/** Series colours with at least 3:1 contrast against white (WCAG 1.4.11, graphics). */
export const palette = ['#1f5fa8', '#b3411b', '#2d7a3a', '#6b4fa0', '#8a6a00'];
/** Status colours (always shown together with a symbol and a word). */
export const statusColours = { met: '#2d7a3a', not_yet_met: '#a36a00', not_met: '#b42318', not_assessed: '#5f6368' } as const;
export const textColour = '#1b1b1b';

const instances = new WeakMap<HTMLElement, echarts.ECharts>();

window.addEventListener('resize', () => {
  for (const element of document.querySelectorAll<HTMLElement>('[data-chart]')) {
    instances.get(element)?.resize();
  }
});

/**
 * A chart container: a <div role="img"> whose aria-label is the chart's text alternative
 * (the data themselves are in a table next to it).
 */
export function chartContainer(label: string, name: string): HTMLDivElement {
  const element = document.createElement('div');
  element.className = 'chart';
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', label);
  element.dataset.chart = name;
  return element;
}

/** Draws `option` into `element` (which must be in the document), replacing an earlier chart. */
export function drawChart(element: HTMLElement, option: EChartsCoreOption): void {
  let chart = instances.get(element);
  if (!chart) {
    chart = echarts.init(element, undefined, { renderer: 'svg' });
    instances.set(element, chart);
  }
  // The page's own font by name, not 'inherit': ECharts measures label widths on a canvas with
  // this font, and with 'inherit' it measured another (narrower) font than the SVG shows, so
  // long unit names were cut at the chart's edge.
  const fontFamily = getComputedStyle(element).fontFamily || 'sans-serif';
  chart.setOption(
    { color: palette, textStyle: { color: textColour, fontFamily }, animation: false, ...option },
    true,
  );
}
