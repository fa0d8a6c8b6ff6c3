/**
 * Kerne's identity provider as a Fastify plugin (encapsulated; register without a prefix): discovery
 * (OpenID and SMART), JWKS, userinfo, and the authorize/login/logout and token/revoke routes.
 * Cookies, form bodies, CSRF and rate limiting stay inside this plugin.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html and https://hl7.org/fhir/smart-app-launch/conformance.html
 */
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FhirError, IssueType } from '../errors/index.ts';
import { COOKIE_PATH, CSRF_COOKIE, type IdentityContext } from './context.ts';
import { openidConfiguration, smartConfiguration } from './discovery.ts';
import { issuerOf } from './issuer.ts';
import { registerLoginRoutes, sendHtml } from './login.routes.ts';
import { OAuthError, sendOAuthError } from './oauth-errors.ts';
import { authorizeParamsOf } from './authorize-request.ts';
import { renderMessagePage } from './pages/layout.ts';
import { langOf, TEXTS } from './pages/texts.ts';
import { registerTokenRoutes } from './token.routes.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

export function createIdentityPlugin(ctx: IdentityContext) {
  return async function identityPlugin(app: FastifyInstance): Promise<void> {
    await app.register(cookie);
    await app.register(formbody, { bodyLimit: 64 * 1024 });
    await app.register(csrf, {
      cookieKey: CSRF_COOKIE,
      cookieOpts: { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' },
      getToken: (req: FastifyRequest) => {
        const token = (req.body as Record<string, unknown> | undefined)?._csrf;
        return typeof token === 'string' ? token : undefined;
      },
    });
    await app.register(rateLimit, { global: false, errorResponseBuilder: (_req, context) => Object.assign(new Error('Too many login attempts'), { statusCode: context.statusCode, rateLimited: true }) });

    app.setErrorHandler((err: FastifyError & { rateLimited?: boolean }, req, reply) => handleError(err, req, reply, ctx));

    // Discovery: static routes, so /fhir/.well-known/… wins over the FHIR API's /fhir/* catch-all.
    const smart = async (req: FastifyRequest, reply: FastifyReply) => sendJson(reply, smartConfiguration(issuerOf(req, ctx.config)), 'public, max-age=300');
    app.get('/.well-known/smart-configuration', smart);
    app.get('/fhir/.well-known/smart-configuration', smart);
    app.get('/.well-known/openid-configuration', async (req, reply) => sendJson(reply, openidConfiguration(issuerOf(req, ctx.config)), 'public, max-age=300'));
    app.get('/oauth2/jwks', async (_req, reply) => sendJson(reply, ctx.keys.jwks, 'public, max-age=300'));

    const userinfo = async (req: FastifyRequest, reply: FastifyReply) => {
      const principal = await ctx.authenticate(req);
      if (!principal.scopes.includes('openid') || !principal.fhirUser) {
        throw new FhirError(403, IssueType.forbidden, 'userinfo needs an access token of a user with the openid scope', undefined, {
          'www-authenticate': 'Bearer realm="kerne", error="insufficient_scope", scope="openid"',
        });
      }
      sendJson(reply, {
        sub: principal.subject,
        fhirUser: principal.fhirUser,
        name: principal.display,
        ...(principal.patient ? { patient: principal.patient } : {}),
      }, 'no-store');
    };
    app.get('/oauth2/userinfo', userinfo);
    app.post('/oauth2/userinfo', userinfo);

    registerLoginRoutes(app, ctx);
    registerTokenRoutes(app, ctx);
  };
}

function sendJson(reply: FastifyReply, body: unknown, cacheControl: string) {
  return reply.code(200).header('cache-control', cacheControl).type(JSON_TYPE).send(JSON.stringify(body));
}

const API_PATHS = new Set(['/oauth2/token', '/oauth2/revoke']);
const PAGE_PATHS = new Set(['/oauth2/authorize', '/oauth2/login', '/oauth2/logout']);

/**
 * Token and revocation errors as RFC 6749 JSON; browser pages' errors as readable HTML (429 for
 * too many logins, 403 for a stale CSRF token); anything else to Kerne's OperationOutcome handler.
 */
function handleError(err: FastifyError & { rateLimited?: boolean }, req: FastifyRequest, reply: FastifyReply, ctx: IdentityContext) {
  const path = req.url.split('?')[0] ?? '';
  const status = err instanceof OAuthError ? err.status : err instanceof FhirError ? err.status : (err.statusCode ?? 500);
  if (status >= 500) ctx.log.error({ err }, 'identity provider: request failed');
  if (API_PATHS.has(path)) {
    if (err instanceof OAuthError) return sendOAuthError(reply, err);
    if (status >= 500) return sendOAuthError(reply, new OAuthError('server_error', 'internal error'));
    return sendOAuthError(reply, new OAuthError('invalid_request', status === 415 ? 'send the parameters as application/x-www-form-urlencoded' : err.message.slice(0, 200), { status: status === 413 ? 413 : 400 }));
  }
  if (!PAGE_PATHS.has(path)) throw err;
  const query = (req.query ?? {}) as Record<string, unknown>;
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  const lang = langOf(body.lang ?? query.lang);
  const t = TEXTS[lang];
  if (err.rateLimited) return sendHtml(reply, status, renderMessagePage({ lang, title: t.tooManyTitle, message: t.tooMany, alert: true }));
  if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
    const again = new URLSearchParams({ ...stringsOf(authorizeParamsOf(body)), ...(lang === 'en' ? { lang } : {}) });
    return sendHtml(reply, 403, renderMessagePage({ lang, title: t.expiredTitle, message: t.expired, alert: true, link: { href: `/oauth2/login?${again.toString()}`, text: t.tryAgain } }));
  }
  if (status >= 500) return sendHtml(reply, 500, renderMessagePage({ lang, title: t.serverErrorTitle, message: t.serverError, alert: true }));
  return sendHtml(reply, status, renderMessagePage({ lang, title: t.badRequestTitle, message: t.badRequest, detail: err.message.slice(0, 300), alert: true }));
}

const stringsOf = (o: Record<string, string | undefined>) => Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
