/**
 * The authorization request (response_type=code with PKCE S256): its parameters checked in the
 * order RFC 6749 demands. Until client_id and redirect_uri are known good, errors are shown to the
 * user; after that they go back to the client as `error=` on the redirect URI.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1 and https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-authorization-code
 */
import { isRedirectUriAllowed, type ClientStore, type OAuthClient } from './client-store.ts';
import { isValidCodeChallenge } from './pkce.ts';
import { parseScopes } from './smart-scopes.ts';
import { fhirAudience } from './tokens.ts';

/** The parameters carried from /oauth2/authorize through the login form. */
export const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
  'aud',
  'nonce',
  'prompt',
] as const;
export type AuthorizeParams = Partial<Record<(typeof AUTHORIZE_PARAMS)[number], string>>;

export interface AuthorizeRequest {
  readonly client: OAuthClient;
  readonly redirectUri: string;
  readonly scope: string;
  readonly state?: string | undefined;
  readonly codeChallenge: string;
  readonly nonce?: string | undefined;
  readonly prompt?: string | undefined;
  /** The parameters as received, to carry through the login form. */
  readonly params: AuthorizeParams;
}

export type AuthorizeCheck =
  | { readonly ok: true; readonly request: AuthorizeRequest }
  /** Shown to the user: the client or its redirect URI cannot be trusted. */
  | { readonly ok: false; readonly show: string }
  /** Sent back to the client's redirect URI. */
  | { readonly ok: false; readonly redirect: string };

/** Picks the authorization parameters out of a query or form body (strings only, first value). */
export function authorizeParamsOf(source: unknown): AuthorizeParams {
  const out: AuthorizeParams = {};
  if (!source || typeof source !== 'object') return out;
  for (const name of AUTHORIZE_PARAMS) {
    const raw = (source as Record<string, unknown>)[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === 'string' && value.length <= 2048) out[name] = value;
  }
  return out;
}

export async function checkAuthorizeRequest(params: AuthorizeParams, clients: ClientStore, issuer: string, fhirBaseUrl?: string): Promise<AuthorizeCheck> {
  if (!params.client_id) return { ok: false, show: 'client_id is missing' };
  const client = await clients.get(params.client_id);
  if (!client) return { ok: false, show: `Unknown client_id '${params.client_id}'` };
  if (!params.redirect_uri) return { ok: false, show: 'redirect_uri is missing' };
  if (!isRedirectUriAllowed(client, params.redirect_uri, issuer)) return { ok: false, show: `redirect_uri '${params.redirect_uri}' is not registered for client '${client.clientId}'` };

  const fail = (error: string, description: string) => ({ ok: false as const, redirect: authorizationResponseUri(params.redirect_uri!, issuer, { error, error_description: description, state: params.state }) });
  if (params.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  if (!client.grantTypes.includes('authorization_code')) return fail('unauthorized_client', 'the client may not use the authorization code grant');
  if (!params.code_challenge || params.code_challenge_method !== 'S256') return fail('invalid_request', 'PKCE is required: code_challenge with code_challenge_method=S256');
  if (!isValidCodeChallenge(params.code_challenge)) return fail('invalid_request', 'code_challenge is not a valid S256 challenge');
  const audiences = [fhirAudience(issuer), fhirBaseUrl].filter(Boolean).map((a) => a!.replace(/\/+$/, ''));
  if (params.aud !== undefined && !audiences.includes(params.aud.replace(/\/+$/, ''))) return fail('invalid_request', 'aud is not this FHIR server');
  const scope = params.scope ?? '';
  const parsed = parseScopes(scope);
  if (!scope.trim() || (parsed.grants.length === 0 && parsed.other.length === 0)) return fail('invalid_scope', 'scope is missing');
  if (params.prompt !== undefined && !['none', 'login', 'consent'].includes(params.prompt)) return fail('invalid_request', 'prompt is not supported');
  return {
    ok: true,
    request: {
      client,
      redirectUri: params.redirect_uri,
      scope,
      state: params.state,
      codeChallenge: params.code_challenge,
      nonce: params.nonce,
      prompt: params.prompt,
      params,
    },
  };
}

/** The redirect URI with the response parameters (and `iss`, RFC 9207) added to its query. */
export function authorizationResponseUri(redirectUri: string, issuer: string, values: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(values)) if (v !== undefined) url.searchParams.set(k, v);
  url.searchParams.set('iss', issuer);
  return url.toString();
}
