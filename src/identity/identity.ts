/**
 * Kerne's identity layer, assembled: its own OAuth 2 / OpenID Connect / SMART authorization server
 * (stores, signing key, the Fastify plugin), bearer-token authentication into a Principal, and
 * token minting for internal callers and tests.
 * @see https://hl7.org/fhir/smart-app-launch/ and https://openid.net/specs/openid-connect-core-1_0.html
 */
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import type { Principal } from '../access/principal.ts';
import type { Db } from '../db/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { createAuthenticator } from './authenticate.ts';
import { createClientStore, type ClientStore } from './client-store.ts';
import { createCodeStore } from './code-store.ts';
import type { IdentityConfig, IdentityContext } from './context.ts';
import { createIdentityPlugin } from './identity.plugin.ts';
import { defaultIssuer } from './issuer.ts';
import { createMembershipResolver } from './memberships.ts';
import { createRefreshStore } from './refresh-store.ts';
import { createSessionStore } from './session-store.ts';
import { loadSigningKeys } from './signing-key.ts';
import { signAccessToken, type AccessTokenInput, type IssuedToken } from './tokens.ts';
import { createUserStore, type UserStore } from './user-store.ts';

export interface IdentityDeps {
  readonly db: Db;
  readonly repo: FhirRepository;
  readonly config: IdentityConfig;
  readonly log: FastifyBaseLogger;
}

export interface Identity {
  /** The authorization server's routes; register on the root instance without a prefix. */
  readonly plugin: (app: FastifyInstance) => Promise<void>;
  /** The Principal behind the request's bearer token; throws a 401 FhirError (with WWW-Authenticate) otherwise. */
  authenticate(req: FastifyRequest): Promise<Principal>;
  /** Mints an access token with the store's signing key (tests use it to act as any user): `{ token, expiresIn, jti }`. */
  issueAccessToken(input: AccessTokenInput): Promise<IssuedToken>;
  readonly users: UserStore;
  readonly clients: ClientStore;
  /** The public signing keys. */
  jwks(): JSONWebKeySet;
  /** Forgets cached memberships (after PractitionerRoles changed, when 30 s is too long to wait). */
  clearCaches(): void;
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 10 * 60_000;

/** The user and client stores alone (for the CLI, which runs without the HTTP server). */
export function identityStores(db: Db): { users: UserStore; clients: ClientStore } {
  return { users: createUserStore(db), clients: createClientStore(db) };
}

export async function createIdentity(deps: IdentityDeps): Promise<Identity> {
  const { db, repo, config, log } = deps;
  const keys = await loadSigningKeys(db);
  const memberships = createMembershipResolver(repo);
  const ctx: IdentityContext = {
    config,
    users: createUserStore(db),
    clients: createClientStore(db),
    sessions: createSessionStore(db),
    codes: createCodeStore(db),
    refresh: createRefreshStore(db),
    keys,
    memberships,
    authenticate: createAuthenticator({ keys, config, memberships, log }),
    log,
  };

  const prune = setInterval(() => {
    pruneExpired(db).catch((err: unknown) => log.warn({ err }, 'identity: pruning expired grants failed'));
  }, PRUNE_EVERY_MS);
  prune.unref();

  return {
    plugin: createIdentityPlugin(ctx),
    authenticate: ctx.authenticate,
    async issueAccessToken(input) {
      const issuer = input.issuer?.replace(/\/+$/, '') ?? defaultIssuer(config);
      return signAccessToken(keys, issuer, input, input.expiresIn ?? config.accessTokenTtl);
    },
    users: ctx.users,
    clients: ctx.clients,
    jwks: () => keys.jwks,
    clearCaches: () => memberships.clear(),
    async close() {
      clearInterval(prune);
      memberships.clear();
    },
  };
}

/** Deletes codes, sessions and refresh tokens that can no longer be used (kept a day for inspection). */
export async function pruneExpired(db: Db): Promise<void> {
  await db.query(`DELETE FROM oauth_code WHERE expires_at < now() - interval '1 day'`);
  await db.query(`DELETE FROM oauth_refresh_token WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day'`);
  await db.query(
    `DELETE FROM identity_session s WHERE (s.expires_at < now() - interval '1 day' OR s.ended_at < now() - interval '1 day')
       AND NOT EXISTS (SELECT 1 FROM oauth_refresh_token t WHERE t.session_id = s.id)`,
  );
}
