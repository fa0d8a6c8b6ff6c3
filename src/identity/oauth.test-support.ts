/** Test support for the identity provider over fastify.inject: a cookie jar, form posts, PKCE pairs, and the login flow. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { s256Challenge } from './pkce.ts';

export const WEB_REDIRECT = 'http://localhost:80/app/callback';
export const ISSUER = 'http://localhost:80';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier) };
}

/** The cookies a browser would keep, by name (path is ignored: every test URL is under /oauth2). */
export class CookieJar {
  readonly cookies = new Map<string, { value: string; attributes: string }>();

  take(res: LightMyRequestResponse): void {
    const header = res.headers['set-cookie'];
    for (const line of Array.isArray(header) ? header : header ? [header] : []) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const attributes = attrs.join(';');
      if (/max-age=0\b/i.test(attributes) || /expires=thu, 01 jan 1970/i.test(attributes) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, { value, attributes });
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v.value}`).join('; ');
  }
}

export interface Browser {
  readonly jar: CookieJar;
  get(url: string): Promise<LightMyRequestResponse>;
  postForm(url: string, form: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** A browser-like client: keeps cookies and comes from one client address. */
export function browser(http: FastifyInstance, remoteAddress = '127.0.0.1'): Browser {
  const jar = new CookieJar();
  const send = async (options: InjectOptions) => {
    const res = await http.inject({ ...options, remoteAddress, headers: { ...(options.headers ?? {}), cookie: jar.header() } });
    jar.take(res);
    return res;
  };
  return {
    jar,
    get: (url) => send({ method: 'GET', url }),
    postForm: (url, form) =>
      send({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() }),
  };
}

/** The value of a hidden input in a page. */
export function hiddenField(html: string, name: string): string | undefined {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  return m?.[1]?.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** Every hidden field of the login form. */
export function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) out[m[1]!] = hiddenField(html, m[1]!)!;
  return out;
}

export interface AuthorizeOptions {
  readonly clientId?: string;
  readonly redirectUri?: string;
  readonly scope?: string;
  readonly state?: string;
  readonly challenge: string;
  readonly extra?: Record<string, string>;
}

export function authorizeUrl(o: AuthorizeOptions): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: o.clientId ?? 'kerne-web',
    redirect_uri: o.redirectUri ?? WEB_REDIRECT,
    scope: o.scope ?? 'openid fhirUser offline_access user/*.* patient/*.read',
    state: o.state ?? 'st-1',
    code_challenge: o.challenge,
    code_challenge_method: 'S256',
    ...(o.extra ?? {}),
  });
  return `/oauth2/authorize?${q.toString()}`;
}

/** GET authorize → login page → POST credentials; returns the code from the redirect. */
export async function logIn(b: Browser, username: string, password: string, o: AuthorizeOptions): Promise<{ code: string; location: URL }> {
  const page = await b.get(authorizeUrl(o));
  assert.equal(page.statusCode, 200, page.body);
  const res = await b.postForm('/oauth2/login', { ...hiddenFields(page.body), username, password });
  assert.equal(res.statusCode, 303, res.body);
  const location = new URL(String(res.headers.location));
  const code = location.searchParams.get('code');
  assert.ok(code, `a code in ${location.toString()}`);
  return { code, location };
}

export async function tokenRequest(http: FastifyInstance, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await http.inject({
    method: 'POST',
    url: '/oauth2/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
  return { status: res.statusCode, headers: res.headers, json: JSON.parse(res.body) as Record<string, unknown> };
}

export const basicAuth = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
