/**
 * OAuth 2 error responses of the token and revocation endpoints: `{ error, error_description }` as
 * JSON, 400, or 401 for invalid_client (with a Basic challenge when the client tried Basic).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
import type { FastifyReply } from 'fastify';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'server_error';

export class OAuthError extends Error {
  readonly error: OAuthErrorCode;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(error: OAuthErrorCode, description: string, options: { status?: number; headers?: Record<string, string> } = {}) {
    super(description);
    this.name = 'OAuthError';
    this.error = error;
    this.status = options.status ?? (error === 'invalid_client' ? 401 : error === 'server_error' ? 500 : 400);
    this.headers = options.headers ?? {};
  }
}

/** Responses carrying tokens or token errors are never cached (RFC 6749 section 5.1). */
export function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

export function sendOAuthError(reply: FastifyReply, err: OAuthError): void {
  for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  noStore(reply)
    .code(err.status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ error: err.error, error_description: err.message }));
}
