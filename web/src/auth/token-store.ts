/**
 * Where the tokens live: sessionStorage (per browser tab, gone when the tab closes), never
 * localStorage. Also the pending login (state, PKCE verifier, where to return to) between the
 * redirect to the login page and the callback.
 */

export interface StoredTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  readonly scope?: string;
  readonly idToken?: string;
  readonly fhirUser?: string;
  readonly patient?: string;
}

export interface PendingLogin {
  readonly state: string;
  readonly verifier: string;
  /** The app path to return to after login. */
  readonly returnTo: string;
}

const TOKENS = 'kerne.tokens';
const PENDING = 'kerne.login';

function read<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

export const loadTokens = (): StoredTokens | undefined => read<StoredTokens>(TOKENS);
export const saveTokens = (tokens: StoredTokens): void => sessionStorage.setItem(TOKENS, JSON.stringify(tokens));

export const loadPendingLogin = (): PendingLogin | undefined => read<PendingLogin>(PENDING);
export const savePendingLogin = (pending: PendingLogin): void => sessionStorage.setItem(PENDING, JSON.stringify(pending));
export const clearPendingLogin = (): void => sessionStorage.removeItem(PENDING);

/** Forgets everything of this login in this tab (tokens, pending login, break-the-glass grants). */
export function clearSession(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('kerne.')) sessionStorage.removeItem(key);
}
