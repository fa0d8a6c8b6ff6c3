/** The demo's system client (an integration) against a running `kerne start --demo`: a token by client credentials, and JSON requests with it. */
import assert from 'node:assert/strict';
import { DEMO_CLIENT } from '../../src/demo/index.ts';

/** Client credentials for the demo's system client, as an operator would get them. */
export async function systemToken(origin: string): Promise<string> {
  const res = await fetch(`${origin}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO_CLIENT.id, client_secret: DEMO_CLIENT.secret, scope: 'system/*.*' }).toString(),
  });
  const json = (await res.json()) as { access_token?: string };
  assert.equal(res.status, 200, `client credentials for ${DEMO_CLIENT.id}: ${JSON.stringify(json)}`);
  assert.ok(json.access_token, 'an access token for the system client');
  return json.access_token;
}

/** A request as the system client; a GET must answer 200, a POST any 2xx. */
export async function asSystem<T>(origin: string, token: string, method: 'GET' | 'POST', path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': contentType } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as T;
  const ok = method === 'GET' ? res.status === 200 : res.status >= 200 && res.status < 300;
  assert.ok(ok, `${method} ${path} as the system client: ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
  return json;
}
