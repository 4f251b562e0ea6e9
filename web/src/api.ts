// Typed client of the `nara serve` JSON API (docs/http_api.md): one function per route.

export type Role = 'region' | 'municipality' | 'public';

export interface User {
  name: string;
  role: Role;
  municipality: string | null;
}

export interface Extract {
  id: string;
  checksum: string;
  region: string;
  coverage_from: string;
  coverage_to: string;
  created: string;
  ingested_at: string;
  config_hash: string;
  definitions_version: string;
  rows_read: number;
  rows_rejected: number;
}

export interface IndicatorInfo {
  id: string;
  name_sv: string;
  name_en: string;
  kind: 'share' | 'mean' | 'rate' | 'count';
  unit_types: string[];
}

export interface Unit {
  unit_type: string;
  unit: string;
  name: string;
}

export interface Catalog {
  indicators: IndicatorInfo[];
  period_types: string[];
  periods: Record<string, string[]>;
  units: Unit[];
  sexes: string[];
  age_groups: string[];
  /** Minimum count of small-number suppression for public users, when the server says it. */
  suppress_min_count?: number;
}

export interface IndicatorRow {
  indicator: string;
  period: string;
  unit_type: string;
  unit: string;
  sex: string;
  age_group: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  suppressed: boolean | number;
}

export type GoalStatus = 'met' | 'not_yet_met' | 'not_met' | 'not_assessed';
export type Comparison = 'improved' | 'unchanged' | 'worsened' | null;

export interface Goal {
  id: string;
  name: string;
  strategic_goal: string;
  indicator: string;
  manual: boolean;
  unit_type: string;
  unit: string;
  sex: string;
  age_group: string;
  period: string;
  /** The period the goal asked for; differs from `period` when it had no follow-up yet. */
  asked_period?: string;
  /** "senaste period med 30 dagars uppföljning: 2022-T2" when period != asked_period. */
  period_note?: string | null;
  /** The unit or sex of a goal with unit/sex = "each"; null otherwise. */
  instance?: string | null;
  /** An assignment (uppdrag), counted apart from measured goals. */
  assignment?: boolean;
  annualised?: boolean;
  change?: number | null;
  change_percent?: number | null;
  /** The target in words ("< 10 %", "Lägre än basår 2019"); `target_value` is its number. */
  target: string;
  target_value: number | null;
  measure: string;
  value: number | null;
  suppressed: boolean;
  numerator: number | null;
  denominator: number | null;
  status: GoalStatus;
  status_text: string;
  reason: string;
  comparison: Comparison;
  base_year: number | null;
  base_period: string | null;
  base_value: number | null;
  national_value: number | null;
  national_comparison: Comparison;
  comment: string;
}

export interface Strategy {
  name: string;
  counts: Record<GoalStatus, number>;
  goals: Goal[];
}

/** One period's goal assessment (GET /api/goals). */
export interface GoalAssessment {
  extract: number;
  period: string;
  /** Every period with an assessment: months, then tertials. */
  periods: string[];
  title: string;
  strategies: Strategy[];
}

export interface SettlementSummaryRow {
  municipality: string;
  month: string;
  episodes: number | null;
  ready_days: number | null;
  liable_days: number | null;
  amount: number | null;
  /** The year without a configured price: `amount` is then null, never 0 kr. */
  price_missing?: number | null;
  suppressed?: boolean | number;
}

export interface SettlementBasisRow {
  municipality: string;
  patient_ref: string;
  episode_id: string;
  care_type: string;
  ready_at: string;
  ready_until: string;
  ready_days: number;
  liable_days: number;
  price_per_day: number | null;
  amount: number | null;
  /** The year without a configured price: `price_per_day` and `amount` are then null. */
  price_missing?: number | null;
  liable: boolean | number;
  reason: string;
}

/** An error answer of the API: HTTP status plus the body's stable `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = (dataVersion: string) => void;
const versionListeners: Listener[] = [];

/** Calls `listener` with the `data_version` of every API answer. */
export function onDataVersion(listener: Listener): void {
  versionListeners.push(listener);
}

export type Params = Record<string, string | undefined>;

/** Builds `/api/<path>?k=v...`, leaving out empty parameters. */
export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(key, value);
  }
  const text = query.toString();
  return `api/${path}${text ? `?${text}` : ''}`;
}

async function call<T>(path: string, params: Params = {}, init?: RequestInit): Promise<T> {
  const response = await fetch(apiUrl(path, params), {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(init?.body ? { 'Content-Type': 'application/json' } : {}) },
    ...init,
  });
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // A body that is not JSON (a proxy's error page): the status still says what happened.
  }
  if (typeof body.data_version === 'string') {
    for (const listener of versionListeners) listener(body.data_version);
  }
  if (!response.ok) {
    const code = typeof body.code === 'string' ? body.code : `http_${response.status}`;
    const message = typeof body.message === 'string' ? body.message : response.statusText;
    throw new ApiError(response.status, code, message);
  }
  return body as T;
}

export async function getMe(): Promise<User | null> {
  return (await call<{ user: User | null }>('me')).user;
}

export async function login(username: string, password: string): Promise<User> {
  const body = JSON.stringify({ username, password });
  return (await call<{ user: User }>('login', {}, { method: 'POST', body })).user;
}

export async function logout(): Promise<void> {
  await call<unknown>('logout', {}, { method: 'POST', body: '{}' });
}

export async function getExtracts(): Promise<Extract[]> {
  return (await call<{ extracts: Extract[] }>('extracts')).extracts;
}

export async function getCatalog(): Promise<Catalog> {
  return call<Catalog>('catalog');
}

export async function getIndicators(params: Params): Promise<IndicatorRow[]> {
  return (await call<{ rows: IndicatorRow[] }>('indicators', params)).rows;
}

/** The goal assessment of `period` (default: the newest tertial), or null when the store has
 * none (the server answers 404). */
export async function getGoals(period?: string, language?: string): Promise<GoalAssessment | null> {
  try {
    return await call<GoalAssessment>('goals', { period, lang: language });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export async function getSettlementSummary(params: Params): Promise<SettlementSummaryRow[]> {
  return (await call<{ rows: SettlementSummaryRow[] }>('settlement/summary', params)).rows;
}

export async function getSettlementBasis(params: Params): Promise<SettlementBasisRow[]> {
  return (await call<{ rows: SettlementBasisRow[] }>('settlement/basis', params)).rows;
}

/** True when a row's `suppressed` flag is set (the API may send 1/0 or true/false). */
export function isSuppressed(row: { suppressed?: boolean | number }): boolean {
  return row.suppressed === true || row.suppressed === 1;
}

/** True when there are rows but every value is hidden from this user (suppressed), so a chart
 * of them would be empty. */
export function allSuppressed(rows: { suppressed?: boolean | number; value?: number | null }[]): boolean {
  return rows.length > 0 && rows.every((row) => isSuppressed(row) || row.value === null || row.value === undefined);
}
