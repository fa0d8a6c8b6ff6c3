/**
 * Pure parts of the OIDC client: the authorization request URL of the public client `kerne-web`
 * (authorization code + PKCE S256, SMART scopes, the FHIR base as audience) and the refresh timing.
 * @see https://hl7.org/fhir/smart-app-launch/app-launch.html#request-4
 */

export const CLIENT_ID = 'kerne-web';
export const SCOPE = 'openid fhirUser offline_access user/*.* patient/*.read';
/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;

export const redirectUriFor = (origin: string): string => `${origin}/app/callback`;

export function authorizeUrl(origin: string, state: string, challenge: string): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUriFor(origin),
    scope: SCOPE,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    aud: `${origin}/fhir`,
  });
  return `${origin}/oauth2/authorize?${params.toString()}`;
}

/**
 * RP-initiated logout: names the client (and the ID token when the tab still has it), so the
 * identity provider may send the browser back to the app's start page, which then asks for a login.
 * @see https://openid.net/specs/openid-connect-rpinitiated-1_0.html#RPLogout
 */
export function logoutUrl(origin: string, idToken?: string): string {
  const params = new URLSearchParams({ client_id: CLIENT_ID, post_logout_redirect_uri: `${origin}/app/` });
  if (idToken) params.set('id_token_hint', idToken);
  return `${origin}/oauth2/logout?${params.toString()}`;
}

/** True when the access token should be refreshed before it is used. */
export const needsRefresh = (tokens: { expiresAt: number }, now = Date.now()): boolean => tokens.expiresAt - now < REFRESH_MARGIN_MS;

/** Milliseconds until the tokens should be refreshed. */
export const refreshDelay = (tokens: { expiresAt: number }, now = Date.now()): number => Math.max(0, tokens.expiresAt - REFRESH_MARGIN_MS - now);
