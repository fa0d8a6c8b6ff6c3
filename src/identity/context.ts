/** What the identity provider's routes share: configuration, stores, keys and the authenticator. */
import type { FastifyBaseLogger } from 'fastify';
import type { KerneConfig } from '../config/index.ts';
import type { Authenticate } from './authenticate.ts';
import type { ClientStore } from './client-store.ts';
import type { CodeStore } from './code-store.ts';
import type { MembershipResolver } from './memberships.ts';
import type { RefreshStore } from './refresh-store.ts';
import type { SessionStore } from './session-store.ts';
import type { SigningKeys } from './signing-key.ts';
import type { UserStore } from './user-store.ts';

export type IdentityConfig = Pick<
  KerneConfig,
  'issuer' | 'baseUrl' | 'externalIssuer' | 'externalJwksUrl' | 'externalAudience' | 'accessTokenTtl' | 'sessionTtl' | 'loginRateLimit'
>;

export interface IdentityContext {
  readonly config: IdentityConfig;
  readonly users: UserStore;
  readonly clients: ClientStore;
  readonly sessions: SessionStore;
  readonly codes: CodeStore;
  readonly refresh: RefreshStore;
  readonly keys: SigningKeys;
  readonly memberships: MembershipResolver;
  readonly authenticate: Authenticate;
  readonly log: FastifyBaseLogger;
}

/** Cookie names; both live under Path=/oauth2 only. */
export const SSO_COOKIE = 'kerne_sso';
export const CSRF_COOKIE = 'kerne_csrf';
export const COOKIE_PATH = '/oauth2';
