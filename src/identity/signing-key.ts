/**
 * The token signing key: an RS256 key pair generated with jose on the first start and kept (as a
 * private JWK) in the store, so every node and every restart signs with the same key. The public
 * keys are published as a JWKS with their `kid` (the RFC 7638 thumbprint).
 * @see https://www.rfc-editor.org/rfc/rfc7517 and https://www.rfc-editor.org/rfc/rfc7638
 */
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { Db } from '../db/index.ts';

export const SIGNING_ALG = 'RS256';
const KEY_LOCK = 7_340_006; // advisory lock: two nodes starting at once create one key

export interface SigningKeys {
  /** The key id tokens are signed with. */
  readonly kid: string;
  readonly privateKey: CryptoKey;
  /** The public keys (for /oauth2/jwks). */
  readonly jwks: JSONWebKeySet;
  /** jose's key resolver over the public keys (for jwtVerify). */
  readonly keySet: ReturnType<typeof createLocalJWKSet>;
}

/** Loads the signing keys, creating the first one if the store has none. */
export async function loadSigningKeys(db: Db): Promise<SigningKeys> {
  const rows = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
    const existing = await tx.query<{ kid: string; private_jwk: string }>('SELECT kid, private_jwk FROM identity_signing_key ORDER BY created DESC, kid');
    if (existing.length) return existing;
    const { kid, jwk } = await generateSigningKey();
    await tx.query('INSERT INTO identity_signing_key (kid, alg, private_jwk) VALUES ($1, $2, $3)', [kid, SIGNING_ALG, JSON.stringify(jwk)]);
    return [{ kid, private_jwk: JSON.stringify(jwk) }];
  });
  const [newest] = rows;
  const privateJwk = JSON.parse(newest!.private_jwk) as JWK;
  const privateKey = (await importJWK(privateJwk, SIGNING_ALG)) as CryptoKey;
  const jwks: JSONWebKeySet = { keys: rows.map((r) => publicJwk(JSON.parse(r.private_jwk) as JWK, r.kid)) };
  return { kid: newest!.kid, privateKey, jwks, keySet: createLocalJWKSet(jwks) };
}

async function generateSigningKey(): Promise<{ kid: string; jwk: JWK }> {
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { kid, jwk: { ...jwk, kid, alg: SIGNING_ALG, use: 'sig' } };
}

/** The public half of an RSA JWK: only kty, n and e, plus its metadata. */
function publicJwk(jwk: JWK, kid: string): JWK {
  return { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: SIGNING_ALG, use: 'sig' } as JWK;
}
