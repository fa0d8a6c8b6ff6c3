/**
 * Client authentication at the token and revocation endpoints: HTTP Basic (client_secret_basic),
 * client_secret_post, or a public client naming itself (none). One method per request.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
import type { FastifyRequest } from 'fastify';
import type { ClientStore, OAuthClient } from './client-store.ts';
import { OAuthError } from './oauth-errors.ts';

type Form = Readonly<Record<string, string | undefined>>;

export async function authenticateClient(req: FastifyRequest, form: Form, clients: ClientStore): Promise<OAuthClient> {
  const basic = basicCredentials(req.headers.authorization);
  if (basic && form.client_secret !== undefined) throw new OAuthError('invalid_request', 'use one client authentication method, not several');
  if (basic && form.client_id !== undefined && form.client_id !== basic.id) throw new OAuthError('invalid_request', 'client_id differs from the authenticated client');
  const id = basic?.id ?? form.client_id;
  const challenge = basic ? { 'www-authenticate': 'Basic realm="kerne", charset="UTF-8"' } : undefined;
  if (!id) throw new OAuthError('invalid_client', 'client authentication is missing', challenge ? { headers: challenge } : {});
  const client = await clients.authenticate(id, basic ? basic.secret : form.client_secret);
  if (!client) throw new OAuthError('invalid_client', 'client authentication failed', challenge ? { headers: challenge } : {});
  return client;
}

/** `Basic base64(urlencode(id):urlencode(secret))`, or undefined when the header is not Basic. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = header && /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header);
  if (!m) {
    if (header && /^Basic\b/i.test(header)) throw new OAuthError('invalid_client', 'malformed Basic credentials');
    return undefined;
  }
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) throw new OAuthError('invalid_client', 'malformed Basic credentials');
  try {
    const plus = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: plus(decoded.slice(0, colon)), secret: plus(decoded.slice(colon + 1)) };
  } catch {
    throw new OAuthError('invalid_client', 'malformed Basic credentials');
  }
}
