// Names and decimals of the catalogue's indicators and units, as every view shows them.
import type { Catalog, IndicatorInfo } from './api';
import { lang, tDynamic } from './i18n';

export function indicatorName(info: IndicatorInfo | undefined, fallback: string): string {
  if (!info) return fallback;
  return lang() === 'sv' ? info.name_sv : info.name_en;
}

/**
 * A unit as the reader knows it: "Kalmar (0880)", "Region Kalmar län (08)". A unit whose name is
 * only its code (the catalogue has no county names) gets its unit type's word: "Län 08", so it is
 * never a bare "08" beside "Region Kalmar län (08)".
 */
export function unitName(catalog: Catalog, unitType: string, unit: string): string {
  const found = catalog.units.find((u) => u.unit_type === unitType && u.unit === unit);
  if (found && found.name && found.name !== unit) return `${found.name} (${unit})`;
  return unitType === 'county' || unitType === 'region' ? `${tDynamic(`ut_${unitType}`, unitType)} ${unit}` : unit;
}

/**
 * Decimals shown for an indicator's values, the board report's rule (goals::DisplayDecimals):
 * none for counts; one for shares, means and rates per 100 000 ("87,7", "91,0", "242,1").
 */
export function digitsFor(catalog: Catalog, indicator: string): number {
  return catalog.indicators.find((i) => i.id === indicator)?.kind === 'count' ? 0 : 1;
}

/**
 * Decimals of a goal's value: by its indicator's kind when the catalogue has it; a manual value
 * (no kind) as the report writes it: none when whole ("121 st", "−4 mnkr"), else one ("69,5 %").
 */
export function goalDigits(catalog: Catalog | null, indicator: string, value: number): number {
  const info = catalog?.indicators.find((i) => i.id === indicator);
  if (info) return info.kind === 'count' ? 0 : 1;
  return Math.round(value * 1000) % 1000 === 0 ? 0 : 1;
}
