/**
 * Kerne's own tokens, signed with jose: JWT access tokens (RFC 9068 shape, with the SMART claims
 * scope, client_id, fhirUser, patient) whose audience is the FHIR base `${issuer}/fhir`, and OpenID
 * Connect ID tokens whose audience is the client.
 * @see https://www.rfc-editor.org/rfc/rfc9068 and https://openid.net/specs/openid-connect-core-1_0.html#IDToken
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { SIGNING_ALG, type SigningKeys } from './signing-key.ts';
import { scopeList } from './smart-scopes.ts';

/** The header `typ` of Kerne's access tokens; checked on verification so an ID token is never taken for one. */
export const ACCESS_TOKEN_TYP = 'at+jwt';

/** The audience of Kerne's own access tokens: its FHIR base URL. */
export const fhirAudience = (issuer: string): string => `${issuer}/fhir`;

export interface AccessTokenInput {
  /** The token subject: a login user's id, or the client id for system clients. */
  readonly subject: string;
  /** 'Practitioner/<id>' or 'Patient/<id>'; absent for system (client-credentials) tokens. */
  readonly fhirUser?: string | undefined;
  /** Granted scopes, space-separated or as a list. */
  readonly scope: string | readonly string[];
  readonly clientId: string;
  /** SMART patient context (a Patient id, no type prefix). */
  readonly patient?: string | undefined;
  /** Seconds; default config.accessTokenTtl. */
  readonly expiresIn?: number | undefined;
  /** Default: config.issuer, else `http://localhost:80` (the host of fastify.inject requests, for tests). */
  readonly issuer?: string | undefined;
  /** The login session (`sid`); absent for system tokens. */
  readonly sessionId?: string | undefined;
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresIn: number;
  readonly jti: string;
}

export async function signAccessToken(keys: SigningKeys, issuer: string, input: AccessTokenInput, expiresIn: number): Promise<IssuedToken> {
  const now = Math.floor(Date.now() / 1000);
  const jti = randomUUID();
  const claims: Record<string, unknown> = {
    scope: scopeList(input.scope).join(' '),
    client_id: input.clientId,
    ...(input.fhirUser ? { fhirUser: input.fhirUser } : {}),
    ...(input.patient ? { patient: input.patient } : {}),
    ...(input.sessionId ? { sid: input.sessionId } : {}),
  };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: ACCESS_TOKEN_TYP })
    .setIssuer(issuer)
    .setSubject(input.subject)
    .setAudience(fhirAudience(issuer))
    .setIssuedAt(now)
    .setExpirationTime(now + expiresIn)
    .setJti(jti)
    .sign(keys.privateKey);
  return { token, expiresIn, jti };
}

export interface IdTokenInput {
  readonly subject: string;
  readonly clientId: string;
  readonly authTime: number;
  readonly sessionId: string;
  readonly nonce?: string | undefined;
  /** Only with the fhirUser scope. */
  readonly fhirUser?: string | undefined;
  /** Only with the profile scope. */
  readonly name?: string | undefined;
  readonly preferredUsername?: string | undefined;
}

export async function signIdToken(keys: SigningKeys, issuer: string, input: IdTokenInput, expiresIn: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    auth_time: input.authTime,
    sid: input.sessionId,
    ...(input.nonce ? { nonce: input.nonce } : {}),
    ...(input.fhirUser ? { fhirUser: input.fhirUser } : {}),
    ...(input.name ? { name: input.name } : {}),
    ...(input.preferredUsername ? { preferred_username: input.preferredUsername } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, kid: keys.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(input.subject)
    .setAudience(input.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + expiresIn)
    .sign(keys.privateKey);
}
