/**
 * Secrets at rest: passwords and client secrets as argon2id hashes (checked against a dummy hash when
 * there is no account, so timing does not tell), opaque tokens as random values kept only as SHA-256.
 * @see https://www.rfc-editor.org/rfc/rfc9106 (Argon2) and https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;

/** argon2id with the library's defaults (m = 19 MiB, t = 2, p = 1: OWASP's recommendation). */
export function hashSecret(secret: string): Promise<string> {
  return hash(secret);
}

let dummy: Promise<string> | undefined;

/** Checks a secret against its hash; without a hash (no such account) it checks a dummy and fails. */
export async function verifySecret(secretHash: string | null | undefined, secret: string): Promise<boolean> {
  if (!secretHash) {
    dummy ??= hash(randomBytes(18).toString('base64url'));
    await verify(await dummy, secret).catch(() => false);
    return false;
  }
  return verify(secretHash, secret).catch(() => false);
}

/** A random opaque token (authorization code, refresh token, session cookie): 256 bits, base64url. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** A random public id (session id, token family): 128 bits, base64url. */
export const randomId = (): string => randomBytes(16).toString('base64url');

/** How opaque tokens are stored and looked up. */
export const sha256 = (token: string): string => createHash('sha256').update(token).digest('base64url');
