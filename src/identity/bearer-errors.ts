/**
 * Bearer token failures as FhirErrors: 401 with an OperationOutcome and the RFC 6750 challenge
 * (`WWW-Authenticate: Bearer realm="kerne", error="invalid_token", error_description="…"`).
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
import { errors } from 'jose';
import { FhirError, IssueType } from '../errors/index.ts';

export const REALM = 'kerne';

/** A quoted-string for the challenge: no quotes, backslashes or control characters. */
const quoted = (text: string) => `"${text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, ' ')}"`;

/** No credentials at all: the bare challenge, without an error code (RFC 6750 section 3.1). */
export function missingToken(): FhirError {
  return new FhirError(401, IssueType.login, 'Authentication required: send an access token as Authorization: Bearer <token>', undefined, {
    'www-authenticate': `Bearer realm=${quoted(REALM)}`,
  });
}

export function invalidToken(description: string): FhirError {
  return new FhirError(401, IssueType.login, `Invalid access token: ${description}`, undefined, {
    'www-authenticate': `Bearer realm=${quoted(REALM)}, error="invalid_token", error_description=${quoted(description)}`,
  });
}

/** jose's verification errors, told apart for the client (never the token's content). */
export function verificationError(err: unknown): FhirError {
  if (err instanceof FhirError) return err;
  if (err instanceof errors.JWTExpired) return invalidToken('the token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return invalidToken('the token was not issued by an issuer this server accepts');
    if (err.claim === 'aud') return invalidToken('the token is not meant for this server (audience)');
    if (err.claim === 'nbf' || err.claim === 'iat') return invalidToken('the token is not yet valid');
    if (err.reason === 'check_failed' && err.claim === 'typ') return invalidToken('the token is not an access token');
    return invalidToken(`the token's ${err.claim} claim is not valid`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return invalidToken('the token signature is not valid');
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return invalidToken('the token was signed with an unknown key');
  if (err instanceof errors.JOSEAlgNotAllowed) return invalidToken('the token signing algorithm is not accepted');
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || !(err instanceof errors.JOSEError)) {
    return new FhirError(503, IssueType.exception, 'The identity provider could not be reached to check the access token; try again');
  }
  return invalidToken('the token is malformed');
}
