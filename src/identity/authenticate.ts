/**
 * Bearer token → Principal: verifies Kerne's own access tokens (issuer of this request, audience
 * `${issuer}/fhir`, typ at+jwt, the store's signing keys) or, when configured, an external OpenID
 * provider's (its issuer, its JWKS, config.externalAudience), then builds the Principal with the
 * user's memberships from the store.
 * @see https://www.rfc-editor.org/rfc/rfc6750 and https://hl7.org/fhir/smart-app-launch/
 */
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { Role, type Principal } from '../access/principal.ts';
import type { KerneConfig } from '../config/index.ts';
import { invalidToken, missingToken, verificationError } from './bearer-errors.ts';
import { issuerOf } from './issuer.ts';
import type { MembershipResolver } from './memberships.ts';
import type { SigningKeys } from './signing-key.ts';
import { ACCESS_TOKEN_TYP, fhirAudience } from './tokens.ts';

type IdentityConfig = Pick<KerneConfig, 'issuer' | 'externalIssuer' | 'externalJwksUrl' | 'externalAudience' | 'baseUrl'>;

export interface AuthenticatorDeps {
  readonly keys: SigningKeys;
  readonly config: IdentityConfig;
  readonly memberships: MembershipResolver;
  readonly log: FastifyBaseLogger;
}

/** Asymmetric algorithms only: never `none`, never HMAC with a public key. */
const EXTERNAL_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const CLOCK_TOLERANCE_S = 5;
const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export type Authenticate = (req: FastifyRequest) => Promise<Principal>;

export function createAuthenticator(deps: AuthenticatorDeps): Authenticate {
  const { keys, config, memberships } = deps;
  const external = config.externalIssuer ? createExternalKeys(config, deps.log) : undefined;

  return async function authenticate(req) {
    const token = bearerToken(req.headers.authorization);
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw invalidToken('the token is malformed');
    }
    const expected = issuerOf(req, config);
    if (external && unverified.iss === external.issuer && unverified.iss !== expected) {
      const audience = config.externalAudience ?? config.baseUrl ?? fhirAudience(expected);
      const claims = await verify(() => jwtVerify(token, external.keySet, { issuer: external.issuer, audience, algorithms: EXTERNAL_ALGS, clockTolerance: CLOCK_TOLERANCE_S, requiredClaims: ['exp', 'sub'] }));
      return externalPrincipal(claims, memberships);
    }
    const claims = await verify(() =>
      jwtVerify(token, keys.keySet, {
        issuer: expected,
        audience: fhirAudience(expected),
        algorithms: ['RS256'],
        typ: ACCESS_TOKEN_TYP,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'sub', 'client_id'],
      }),
    );
    return ownPrincipal(claims, memberships);
  };
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 section 2.1). */
function bearerToken(header: string | undefined): string {
  if (!header) throw missingToken();
  const m = /^Bearer +(\S+) *$/i.exec(header);
  if (!m) {
    if (!/^Bearer\b/i.test(header)) throw missingToken();
    throw invalidToken('the token is malformed');
  }
  if (!TOKEN.test(m[1]!) || m[1]!.length > 16_384) throw invalidToken('the token is malformed');
  return m[1]!;
}

async function verify(run: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await run()).payload;
  } catch (err) {
    throw verificationError(err);
  }
}

async function ownPrincipal(claims: JWTPayload, memberships: MembershipResolver): Promise<Principal> {
  const base = {
    subject: claims.sub!,
    issuer: claims.iss!,
    clientId: String(claims.client_id),
    scopes: scopesOf(claims),
    sessionId: String(claims.sid ?? claims.jti ?? claims.sub),
    ...(typeof claims.patient === 'string' ? { patient: claims.patient } : {}),
  };
  const fhirUser = typeof claims.fhirUser === 'string' ? claims.fhirUser : undefined;
  if (!fhirUser) {
    // A client-credentials token: the client acts for itself.
    return { ...base, kind: 'system', display: base.clientId, memberships: [{ role: Role.integration }] };
  }
  return userPrincipal(base, fhirUser, memberships, claims);
}

async function externalPrincipal(claims: JWTPayload, memberships: MembershipResolver): Promise<Principal> {
  const fhirUser = typeof claims.fhirUser === 'string' ? claims.fhirUser : await memberships.practitionerForSubject(claims.sub!);
  if (!fhirUser) throw invalidToken('the token subject is not a known Kerne user');
  const clientId = [claims.client_id, claims.azp, Array.isArray(claims.aud) ? undefined : claims.aud].find((c) => typeof c === 'string') as string | undefined;
  const base = {
    subject: claims.sub!,
    issuer: claims.iss!,
    clientId: clientId ?? 'external',
    scopes: scopesOf(claims),
    sessionId: String(claims.sid ?? claims.jti ?? claims.sub),
    ...(typeof claims.patient === 'string' ? { patient: claims.patient } : {}),
  };
  return userPrincipal(base, fhirUser, memberships, claims);
}

async function userPrincipal(
  base: Omit<Principal, 'kind' | 'display' | 'memberships' | 'fhirUser'>,
  fhirUser: string,
  memberships: MembershipResolver,
  claims: JWTPayload,
): Promise<Principal> {
  const facts = await memberships.facts(fhirUser);
  const display = facts.display ?? stringClaim(claims, 'name') ?? stringClaim(claims, 'preferred_username') ?? fhirUser;
  if (fhirUser.startsWith('Patient/')) {
    const patient = fhirUser.slice('Patient/'.length);
    return { ...base, kind: 'patient', fhirUser, display, patient, memberships: facts.exists ? [{ role: Role.patient }] : [] };
  }
  return { ...base, kind: 'user', fhirUser, display, memberships: facts.memberships };
}

function scopesOf(claims: JWTPayload): string[] {
  if (typeof claims.scope === 'string') return claims.scope.split(' ').filter(Boolean);
  if (Array.isArray(claims.scp)) return claims.scp.filter((s): s is string => typeof s === 'string');
  if (typeof claims.scp === 'string') return claims.scp.split(' ').filter(Boolean);
  return [];
}

const stringClaim = (claims: JWTPayload, name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined);

/** The external provider's keys: from config.externalJwksUrl, or its discovery document (fetched once, retried after failures). */
function createExternalKeys(config: IdentityConfig, log: FastifyBaseLogger) {
  const issuer = config.externalIssuer!;
  let remote: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const resolve = () =>
    (remote ??= (async () => {
      const url = config.externalJwksUrl ?? (await discoverJwksUri(issuer));
      return createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    })().catch((err: unknown) => {
      remote = undefined;
      log.warn({ err }, 'external identity provider: discovery failed');
      throw err;
    }));
  const keySet: JWTVerifyGetKey = async (header, token) => (await resolve())(header, token);
  return { issuer, keySet };
}

async function discoverJwksUri(issuer: string): Promise<string> {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`openid-configuration of ${issuer}: HTTP ${res.status}`);
  const doc = (await res.json()) as { jwks_uri?: unknown; issuer?: unknown };
  if (doc.issuer !== issuer) throw new Error(`openid-configuration of ${issuer} names another issuer`);
  if (typeof doc.jwks_uri !== 'string') throw new Error(`openid-configuration of ${issuer} has no jwks_uri`);
  return doc.jwks_uri;
}

