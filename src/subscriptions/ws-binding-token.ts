/**
 * Websocket binding tokens ($get-ws-binding-token, Subscriptions R5 Backport IG 1.1.0): 32 random bytes,
 * base64url, valid for a short time, kept in the database as a SHA-256 hash so any node can accept a
 * token another node issued. @see https://hl7.org/fhir/uv/subscriptions-backport/STU1.1/OperationDefinition-backport-subscription-get-ws-binding-token.html
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/index.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function issueBindingToken(q: Queryable, subscriptionId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const rows = await q.query<{ expires_at: string }>(
    `WITH gc AS (DELETE FROM subscription_ws_token WHERE expires_at < now())
     INSERT INTO subscription_ws_token (token_hash, subscription_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
     RETURNING expires_at`,
    [hash(token), subscriptionId, ttlMs],
  );
  return { token, expiresAt: new Date(rows[0]!.expires_at) };
}

/** The subscription id a token is for, or undefined when it is unknown or expired. */
export async function redeemBindingToken(q: Queryable, token: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const rows = await q.query<{ subscription_id: string }>('SELECT subscription_id FROM subscription_ws_token WHERE token_hash = $1 AND expires_at > now()', [hash(token)]);
  return rows[0]?.subscription_id;
}
