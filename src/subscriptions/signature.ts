/**
 * The rest-hook signature: `X-Kerne-Signature: sha256=<hex HMAC-SHA256(secret, body)>` over the exact
 * body bytes (empty for notifications without payload), like GitHub's X-Hub-Signature-256. The secret
 * is the Subscription.channel extension SECRET_EXTENSION; without it no signature is sent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-kerne-signature';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** For receivers (and tests): checks a signature header against the body in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
