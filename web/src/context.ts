// What every view gets from the app shell: the session, the catalogue and the status line.
import type { Catalog, Extract, GoalAssessment, User } from './api';
import { newSelection } from './selection';
import type { Selection } from './selection';

/**
 * Everything the dashboard remembers between renders for one session. The shell replaces it
 * with a new one on login, logout and a new data version, so nothing seen under one role (a
 * logged-in user's unsuppressed goal values) or one extract is shown under another.
 */
export interface SessionState {
  /** The Indikatorer view's selection. */
  selection: Selection;
  /** Whose defaults the selection was given (a municipality user starts at their own). */
  defaultsFor: string | null;
  /** The goal assessments asked for (the trend's reference lines), by language. */
  goals: Map<string, Promise<GoalAssessment | null>>;
}

export function newSessionState(): SessionState {
  return { selection: newSelection(), defaultsFor: null, goals: new Map() };
}

export interface AppContext {
  user: User | null;
  catalog: Catalog | null;
  extracts: Extract[];
  /** Per-session state; views read it through the context on every render, never keep it. */
  session: SessionState;
  /** Announces `message` in the polite live region (and shows it); `error` marks it as an error. */
  announce(message: string, error?: boolean): void;
  /** Reports a failed API call in the live region. */
  fail(error: unknown): void;
  /** Called by the login view after logging in or out: clears the session state, reloads the
   * catalogue and re-renders. */
  sessionChanged(user: User | null): Promise<void>;
}
