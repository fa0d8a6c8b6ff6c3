/**
 * Security headers and CORS for every response: a Content-Security-Policy for a same-origin single-page
 * app, HSTS only on TLS, and CORS for the configured origins only (none: no CORS headers at all).
 * @see https://www.w3.org/TR/CSP3/ and https://fetch.spec.whatwg.org/#http-cors-protocol
 */
import type { IncomingMessage } from 'node:http';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { KerneConfig } from '../config/index.ts';

type DirectiveValue = string | ((req: IncomingMessage) => string);

/** The Host header, if it is a plain host[:port] (anything else is left out of the policy). */
function hostOf(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  return host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : undefined;
}

/** The CSP directives; `formAction` adds origins a form may post (and redirect) to, e.g. an OAuth client's. */
export function cspDirectives(tls: boolean): Record<string, DirectiveValue[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    // blob: the document viewer shows a patient's image or PDF fetched with the user's token (src/documents).
    'img-src': ["'self'", 'data:', 'blob:'],
    'frame-src': ["'self'", 'blob:'],
    'font-src': ["'self'", 'data:'],
    // 'self' covers ws(s) to the same host in CSP 3 browsers; older ones need it spelled out.
    'connect-src': ["'self'", (req) => (hostOf(req) ? `ws://${hostOf(req)}` : "'self'"), (req) => (hostOf(req) ? `wss://${hostOf(req)}` : "'self'")],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    'object-src': ["'none'"],
    ...(tls ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** A CSP header value for one response (the login page widens form-action to its client's origin). */
export function cspHeader(req: IncomingMessage, tls: boolean, extra: { formAction?: readonly string[] } = {}): string {
  const directives = cspDirectives(tls);
  if (extra.formAction?.length) directives['form-action'] = ["'self'", ...extra.formAction];
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values.map((v) => (typeof v === 'function' ? v(req) : v))].join(' '))
    .join('; ');
}

export function registerSecurityHeaders(http: FastifyInstance, config: Pick<KerneConfig, 'tlsCert' | 'corsOrigins'>): void {
  const tls = Boolean(config.tlsCert);
  void http.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(tls) },
    hsts: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The FHIR API and JWKS are read by other origins' servers and, with CORS, by browsers.
    crossOriginResourcePolicy: { policy: config.corsOrigins.length ? 'cross-origin' : 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  if (config.corsOrigins.length) {
    void http.register(cors, {
      origin: [...config.corsOrigins],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'If-Match', 'If-None-Exist', 'If-None-Match', 'Prefer'],
      exposedHeaders: ['Location', 'Content-Location', 'ETag', 'Last-Modified', 'WWW-Authenticate'],
      credentials: false,
      maxAge: 600,
    });
  }
}
