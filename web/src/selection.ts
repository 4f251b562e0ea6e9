// What the Indikatorer view shows: indicator, period type, unit, sex and age group.

/** The current selection of the Indikatorer view; one per session (AppContext.session). */
export interface Selection {
  indicator: string;
  periodType: string;
  unitType: string;
  unit: string;
  sex: string;
  ageGroup: string;
  comparePeriod: string;
  /** True once the user picked the comparison period; until then it follows the trend's latest. */
  comparePeriodChosen: boolean;
}

/** The selection of a new session: filled in from the catalogue on first render. */
export function newSelection(): Selection {
  return {
    indicator: '',
    periodType: '',
    unitType: '',
    unit: '',
    sex: 'all',
    ageGroup: 'all',
    comparePeriod: '',
    comparePeriodChosen: false,
  };
}
