/**
 * OpenID Connect for the public client `kerne-web`: authorization code with PKCE (S256) against
 * Kerne's identity provider, token refresh before expiry, and logout.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#CodeFlowAuth
 * @see https://hl7.org/fhir/smart-app-launch/app-launch.html
 */
import { authorizeUrl, CLIENT_ID, logoutUrl, redirectUriFor } from './oidc.helpers.ts';
import { randomToken, s256Challenge } from './pkce.ts';
import { clearPendingLogin, clearSession, loadPendingLogin, loadTokens, saveTokens, savePendingLogin, type StoredTokens } from './token-store.ts';

export { needsRefresh, refreshDelay } from './oidc.helpers.ts';

/** The token endpoint's answer. */
interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  id_token?: string;
  fhirUser?: string;
  patient?: string;
}

export class LoginError extends Error {
  constructor(
    readonly code: 'state-mismatch' | 'denied' | 'token',
    message: string,
  ) {
    super(message);
  }
}

/** Sends the browser to the login page; after login it comes back to `returnTo` (an app path). */
export async function startLogin(returnTo: string): Promise<never> {
  const verifier = randomToken(48);
  const state = randomToken(16);
  savePendingLogin({ state, verifier, returnTo: returnTo.startsWith('/callback') ? '/' : returnTo });
  window.location.assign(authorizeUrl(window.location.origin, state, await s256Challenge(verifier)));
  return new Promise<never>(() => {}); // the page is going away
}

const completions = new Map<string, Promise<string>>();

/**
 * Handles /app/callback?code&state: checks the state, exchanges the code for tokens and returns the
 * app path to go back to. The same code is exchanged once, however often this is called.
 */
export function completeLogin(query: URLSearchParams): Promise<string> {
  const key = query.toString();
  let pending = completions.get(key);
  if (!pending) {
    pending = exchangeCode(query);
    completions.set(key, pending);
  }
  return pending;
}

async function exchangeCode(query: URLSearchParams): Promise<string> {
  const pending = loadPendingLogin();
  const error = query.get('error');
  if (error) throw new LoginError('denied', query.get('error_description') ?? error);
  const code = query.get('code');
  if (!pending || !code || query.get('state') !== pending.state) throw new LoginError('state-mismatch', 'state mismatch');
  const res = await postToken({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUriFor(window.location.origin),
    client_id: CLIENT_ID,
    code_verifier: pending.verifier,
  });
  if (!res) throw new LoginError('token', 'the token endpoint refused the code');
  clearPendingLogin();
  return pending.returnTo;
}

let refreshing: Promise<boolean> | undefined;

/** Trades the refresh token for new tokens; false when there is none or it was refused. One at a time. */
export function refreshTokens(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = loadTokens()?.refreshToken;
    if (!refreshToken) return false;
    return (await postToken({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID })) !== undefined;
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/** Posts to the token endpoint and stores the answer; undefined on a 4xx/5xx. */
async function postToken(form: Record<string, string>): Promise<StoredTokens | undefined> {
  const res = await fetch('/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
  });
  if (!res.ok) return undefined;
  const body = (await res.json()) as TokenResponse;
  const previous = loadTokens();
  const tokens: StoredTokens = {
    accessToken: body.access_token,
    // A refresh answer without a new refresh token keeps the old one.
    refreshToken: body.refresh_token ?? previous?.refreshToken,
    expiresAt: Date.now() + (body.expires_in ?? 300) * 1000,
    scope: body.scope ?? previous?.scope,
    idToken: body.id_token ?? previous?.idToken,
    fhirUser: body.fhirUser ?? previous?.fhirUser,
    patient: body.patient ?? previous?.patient,
  };
  saveTokens(tokens);
  return tokens;
}

/** Ends the session at the identity provider and forgets the tokens in this tab. */
export function logout(): void {
  const idToken = loadTokens()?.idToken;
  clearSession();
  window.location.assign(logoutUrl(window.location.origin, idToken));
}
