// Names and decimals of the catalogue's indicators and units, as every view shows them.
import type { Catalog, IndicatorInfo } from './api';
import { lang } from './i18n';

export function indicatorName(info: IndicatorInfo | undefined, fallback: string): string {
  if (!info) return fallback;
  return lang() === 'sv' ? info.name_sv : info.name_en;
}

export function unitName(catalog: Catalog, unitType: string, unit: string): string {
  const found = catalog.units.find((u) => u.unit_type === unitType && u.unit === unit);
  return found && found.name && found.name !== unit ? `${found.name} (${unit})` : unit;
}

/** Decimals shown for an indicator's values: none for counts. */
export function digitsFor(catalog: Catalog, indicator: string): number {
  return catalog.indicators.find((i) => i.id === indicator)?.kind === 'count' ? 0 : 1;
}
