// The Indikatorer view: the selection form, then the trend and the comparison of units.
import type { Catalog } from '../api';
import type { AppContext } from '../context';
import { h, labelledSelect, replace } from '../dom';
import type { Option } from '../dom';
import { lang, t, tDynamic } from '../i18n';
import { indicatorName, unitName } from '../labels';
import { renderComparison } from '../panels/comparison';
import { renderTrend } from '../panels/trend';
import type { Selection } from '../selection';

function unitsOf(catalog: Catalog, unitType: string): Option[] {
  return catalog.units
    .filter((u) => u.unit_type === unitType)
    .map((u) => ({ value: u.unit, label: unitName(catalog, unitType, u.unit) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'sv'));
}

/** Makes the selection valid for the catalogue (first use, new indicator, new session). */
function settle(catalog: Catalog, context: AppContext): void {
  const session = context.session;
  const selection = session.selection;
  const sessionKey = context.user ? `${context.user.name}` : 'public';
  const info = catalog.indicators.find((i) => i.id === selection.indicator) ?? catalog.indicators[0];
  selection.indicator = info?.id ?? '';
  if (!catalog.period_types.includes(selection.periodType)) {
    selection.periodType = catalog.period_types.includes('month') ? 'month' : (catalog.period_types[0] ?? '');
  }
  const unitTypes = info?.unit_types ?? [];
  // A municipality user starts at their own municipality, everyone else at the whole region.
  if (session.defaultsFor !== sessionKey) {
    session.defaultsFor = sessionKey;
    const own = context.user?.role === 'municipality' ? context.user.municipality : null;
    if (own && unitTypes.includes('municipality')) {
      selection.unitType = 'municipality';
      selection.unit = own;
    }
  }
  if (!unitTypes.includes(selection.unitType)) {
    selection.unitType = unitTypes.includes('region') ? 'region' : (unitTypes[0] ?? '');
  }
  const units = unitsOf(catalog, selection.unitType);
  if (!units.some((u) => u.value === selection.unit)) selection.unit = units[0]?.value ?? '';
  if (!catalog.sexes.includes(selection.sex)) selection.sex = catalog.sexes[0] ?? 'all';
  if (!catalog.age_groups.includes(selection.ageGroup)) selection.ageGroup = catalog.age_groups[0] ?? 'all';
  const periods = catalog.periods[selection.periodType] ?? [];
  if (!periods.includes(selection.comparePeriod)) {
    selection.comparePeriod = periods[periods.length - 1] ?? '';
    selection.comparePeriodChosen = false;
  }
}

export function renderIndicators(root: HTMLElement, context: AppContext): void {
  root.appendChild(h('h1', {}, t('navIndicators')));
  const catalog = context.catalog;
  if (!catalog || catalog.indicators.length === 0) {
    root.appendChild(h('p', { className: 'empty' }, t('noExtract')));
    return;
  }
  const form = h('form', { className: 'filters', 'aria-label': t('filters') });
  form.addEventListener('submit', (event) => event.preventDefault());
  const trend = h('section', { 'aria-labelledby': 'trend-heading', className: 'panel' });
  const comparison = h('section', { 'aria-labelledby': 'compare-heading', className: 'panel' });
  root.append(form, trend, comparison);

  let generation = 0;
  const update = (focusField?: string): void => {
    settle(catalog, context);
    // Read on every update: the shell replaces the session state on a new data version.
    const selection = context.session.selection;
    renderForm(form, catalog, selection, update);
    if (focusField) form.querySelector<HTMLElement>(`[data-field="${focusField}"]`)?.focus();
    generation += 1;
    const mine = generation;
    const current = (): boolean => mine === generation;
    void (async () => {
      const rows = await renderTrend(trend, catalog, { ...selection }, context, current);
      if (!current()) return;
      // Not every period has rows (readmissions need 30 days of follow-up): compare the latest
      // period the trend has, unless the user chose one.
      const latest = rows[rows.length - 1]?.period;
      if (!selection.comparePeriodChosen && latest) selection.comparePeriod = latest;
      await renderComparison(comparison, catalog, { ...selection }, context, current, (period) => {
        selection.comparePeriod = period;
        selection.comparePeriodChosen = true;
        update('comparePeriod');
      });
    })();
  };
  update();
}

function renderForm(
  form: HTMLFormElement,
  catalog: Catalog,
  selection: Selection,
  update: (focusField: string) => void,
): void {
  const info = catalog.indicators.find((i) => i.id === selection.indicator);
  const change = (key: Exclude<keyof Selection, 'comparePeriodChosen'>, field: string) => (value: string) => {
    selection[key] = value;
    update(field);
  };
  const indicators = catalog.indicators
    .map((i) => ({ value: i.id, label: indicatorName(i, i.id) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang()));
  const fields = [
    labelledSelect(t('indicator'), indicators, selection.indicator, change('indicator', 'indicator'), 'indicator'),
    labelledSelect(
      t('periodType'),
      catalog.period_types.map((p) => ({ value: p, label: tDynamic(`pt_${p}`, p) })),
      selection.periodType,
      change('periodType', 'periodType'),
      'periodType',
    ),
    labelledSelect(
      t('unitType'),
      (info?.unit_types ?? []).map((u) => ({ value: u, label: tDynamic(`ut_${u}`, u) })),
      selection.unitType,
      change('unitType', 'unitType'),
      'unitType',
    ),
    labelledSelect(t('unit'), unitsOf(catalog, selection.unitType), selection.unit, change('unit', 'unit'), 'unit'),
    labelledSelect(
      t('sex'),
      catalog.sexes.map((s) => ({ value: s, label: tDynamic(`sex_${s}`, s) })),
      selection.sex,
      change('sex', 'sex'),
      'sex',
    ),
    labelledSelect(
      t('ageGroup'),
      catalog.age_groups.map((a) => ({ value: a, label: a === 'all' ? t('age_all') : a })),
      selection.ageGroup,
      change('ageGroup', 'ageGroup'),
      'ageGroup',
    ),
  ];
  replace(form, h('fieldset', {}, h('legend', {}, t('filters')), ...fields.map((f) => f.field)), regionCountyNote(catalog, selection));
}

/**
 * Region 08 and Län 08 count different people (docs/indicators/README.md, Units): the region is
 * every stay of the extract, residents of other counties included; the county its residents.
 * Said beside the selection whenever one of the two is chosen and the indicator has both.
 */
function regionCountyNote(catalog: Catalog, selection: Selection): HTMLElement | null {
  const info = catalog.indicators.find((i) => i.id === selection.indicator);
  const types = info?.unit_types ?? [];
  if (!types.includes('region') || !types.includes('county')) return null;
  if (selection.unitType !== 'region' && selection.unitType !== 'county') return null;
  const region = catalog.units.find((u) => u.unit_type === 'region')?.unit ?? '';
  const county = selection.unitType === 'county' ? selection.unit : region;
  return h(
    'p',
    { className: 'note unit-note', 'data-field': 'region-county-note' },
    t('regionCountyNote', { region: unitName(catalog, 'region', region), county: unitName(catalog, 'county', county) }),
  );
}
