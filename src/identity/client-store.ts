/**
 * OAuth clients: registered ones in the store (confidential with an argon2id secret hash, or public),
 * and the built-in public client `kerne-web` of Kerne's own web app (PKCE, no secret, redirect URI
 * `/app/callback` on the issuer's own origin).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2
 */
import type { Db } from '../db/index.ts';
import { hashSecret, verifySecret } from './secrets.ts';
import { parseScopes } from './smart-scopes.ts';

export const WEB_CLIENT_ID = 'kerne-web';
export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export interface OAuthClient {
  readonly clientId: string;
  readonly name: string;
  /** Has a secret (authenticates at the token endpoint); public clients rely on PKCE. */
  readonly confidential: boolean;
  /** The most it may be granted. */
  readonly scopes: readonly string[];
  readonly grantTypes: readonly GrantType[];
  readonly redirectUris: readonly string[];
  /** Defined in code (kerne-web), not in the store. */
  readonly builtIn: boolean;
}

export interface NewOAuthClient {
  readonly clientId: string;
  /** Absent: a public client. */
  readonly secret?: string;
  readonly name?: string;
  readonly scopes: readonly string[];
  readonly grantTypes: readonly GrantType[];
  readonly redirectUris?: readonly string[];
}

export interface ClientStore {
  add(client: NewOAuthClient): Promise<OAuthClient>;
  /** An active client, the built-in one included. */
  get(clientId: string): Promise<OAuthClient | undefined>;
  /**
   * The client, if the secret is right (confidential) or absent (public). A confidential client
   * without its secret, a wrong secret or an unknown id give undefined, equally slowly.
   */
  authenticate(clientId: string, secret: string | undefined): Promise<OAuthClient | undefined>;
}

export const WEB_CLIENT: OAuthClient = {
  clientId: WEB_CLIENT_ID,
  name: 'Kerne',
  confidential: false,
  scopes: ['openid', 'fhirUser', 'offline_access', 'user/*.*', 'patient/*.read'],
  grantTypes: ['authorization_code', 'refresh_token'],
  redirectUris: [],
  builtIn: true,
};

const CLIENT_ID = /^[A-Za-z0-9._-]{1,100}$/;

interface ClientRow {
  client_id: string;
  secret_hash: string | null;
  name: string | null;
  scopes: string[];
  grant_types: string[];
  redirect_uris: string[];
}

const toClient = (r: ClientRow): OAuthClient => ({
  clientId: r.client_id,
  name: r.name ?? r.client_id,
  confidential: r.secret_hash !== null,
  scopes: r.scopes,
  grantTypes: r.grant_types.filter((g): g is GrantType => (GRANT_TYPES as readonly string[]).includes(g)),
  redirectUris: r.redirect_uris,
  builtIn: false,
});

export function createClientStore(db: Db): ClientStore {
  const row = async (clientId: string) =>
    (
      await db.query<ClientRow>(
        'SELECT client_id, secret_hash, name, scopes, grant_types, redirect_uris FROM oauth_client WHERE client_id = $1 AND active',
        [clientId],
      )
    )[0];

  return {
    async add(client) {
      if (!CLIENT_ID.test(client.clientId) || client.clientId === WEB_CLIENT_ID) throw new Error(`Invalid client id '${client.clientId}'`);
      const parsed = parseScopes(client.scopes);
      if (parsed.invalid.length) throw new Error(`Invalid scopes: ${parsed.invalid.join(' ')}`);
      if (!client.scopes.length) throw new Error('A client needs at least one scope');
      if (client.grantTypes.includes('client_credentials')) {
        if (!client.secret) throw new Error('A client-credentials client needs a secret');
        if (parsed.grants.some((g) => g.context !== 'system') || parsed.other.length) throw new Error('A client-credentials client may only hold system/ scopes');
      }
      if (client.secret !== undefined && client.secret.length < 16) throw new Error('A client secret must be at least 16 characters long');
      for (const uri of client.redirectUris ?? []) {
        if (!URL.canParse(uri) || new URL(uri).hash) throw new Error(`Invalid redirect URI '${uri}'`);
      }
      if (await row(client.clientId)) throw new Error(`The client '${client.clientId}' exists`);
      const secretHash = client.secret === undefined ? null : await hashSecret(client.secret);
      const [created] = await db.query<ClientRow>(
        `INSERT INTO oauth_client (client_id, secret_hash, name, scopes, grant_types, redirect_uris) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING client_id, secret_hash, name, scopes, grant_types, redirect_uris`,
        [client.clientId, secretHash, client.name ?? null, [...client.scopes], [...client.grantTypes], [...(client.redirectUris ?? [])]],
      );
      return toClient(created!);
    },
    async get(clientId) {
      if (clientId === WEB_CLIENT_ID) return WEB_CLIENT;
      const r = await row(clientId);
      return r && toClient(r);
    },
    async authenticate(clientId, secret) {
      if (clientId === WEB_CLIENT_ID) return secret === undefined ? WEB_CLIENT : undefined;
      const r = CLIENT_ID.test(clientId) ? await row(clientId) : undefined;
      if (r && r.secret_hash === null) return secret === undefined ? toClient(r) : undefined;
      if (secret === undefined) return undefined;
      return (await verifySecret(r?.secret_hash, secret)) && r ? toClient(r) : undefined;
    },
  };
}

/** Whether a redirect URI is registered for the client (exact match; kerne-web: `/app/callback` on the issuer's origin). */
export function isRedirectUriAllowed(client: OAuthClient, uri: string, issuer: string): boolean {
  if (client.builtIn) return sameOriginPath(uri, issuer, (path) => path === '/app/callback');
  return client.redirectUris.includes(uri);
}

/** Where the client may send the browser after logout: a redirect URI, or (kerne-web) the app's start page. */
export function isPostLogoutUriAllowed(client: OAuthClient, uri: string, issuer: string): boolean {
  if (client.builtIn) return sameOriginPath(uri, issuer, (path) => path === '/app/' || path === '/app' || path === '/app/callback');
  return client.redirectUris.includes(uri);
}

function sameOriginPath(uri: string, issuer: string, pathOk: (path: string) => boolean): boolean {
  if (!URL.canParse(uri)) return false;
  const u = new URL(uri);
  return u.origin === new URL(issuer).origin && pathOk(u.pathname) && !u.search && !u.hash && !u.username && !u.password;
}
