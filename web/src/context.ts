// What every view gets from the app shell: the session, the catalogue and the status line.
import type { Catalog, Extract, User } from './api';

export interface AppContext {
  user: User | null;
  catalog: Catalog | null;
  extracts: Extract[];
  /** Announces `message` in the polite live region (and shows it); `error` marks it as an error. */
  announce(message: string, error?: boolean): void;
  /** Reports a failed API call in the live region. */
  fail(error: unknown): void;
  /** Called by the login view after logging in or out: reloads the catalogue and re-renders. */
  sessionChanged(user: User | null): Promise<void>;
}
