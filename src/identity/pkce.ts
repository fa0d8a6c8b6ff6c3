/**
 * PKCE with S256, pure: the code verifier's form and its check against the challenge.
 * @see https://www.rfc-editor.org/rfc/rfc7636
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
export const isValidCodeVerifier = (verifier: string): boolean => /^[A-Za-z0-9._~-]{43,128}$/.test(verifier);

/** An S256 challenge is base64url(SHA-256(verifier)) without padding: 43 characters. */
export const isValidCodeChallenge = (challenge: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(challenge);

export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** True when the verifier is well formed and hashes to the challenge (compared in constant time). */
export function verifyPkceS256(verifier: string, challenge: string): boolean {
  if (!isValidCodeVerifier(verifier) || !isValidCodeChallenge(challenge)) return false;
  return timingSafeEqual(Buffer.from(s256Challenge(verifier)), Buffer.from(challenge));
}
