/**
 * The browser side of the identity provider: GET /oauth2/authorize (code + PKCE; a live SSO session
 * gets its code at once, otherwise the login page), GET/POST /oauth2/login (CSRF-protected,
 * rate-limited per client address) and GET /oauth2/logout (RP-initiated logout).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1 and https://openid.net/specs/openid-connect-rpinitiated-1_0.html
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { cspHeader } from '../ops/security-headers.ts';
import { authorizationResponseUri, authorizeParamsOf, checkAuthorizeRequest, type AuthorizeParams, type AuthorizeRequest } from './authorize-request.ts';
import { isPostLogoutUriAllowed } from './client-store.ts';
import { COOKIE_PATH, SSO_COOKIE, type IdentityContext } from './context.ts';
import { grantScopes } from './grants.ts';
import { issuerOf } from './issuer.ts';
import { renderMessagePage } from './pages/layout.ts';
import { renderLoginPage } from './pages/login-page.ts';
import { langOf, otherLang, TEXTS, type Lang } from './pages/texts.ts';
import type { LoginSession } from './session-store.ts';

export function registerLoginRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  const loginLimit = { rateLimit: { max: ctx.config.loginRateLimit, timeWindow: 60_000 } };

  app.get('/oauth2/authorize', async (req, reply) => {
    const lang = langOf(queryOf(req).lang);
    const request = await checkedRequest(req, reply, ctx, authorizeParamsOf(req.query), lang);
    if (!request) return;
    const session = request.prompt === 'login' ? undefined : await ctx.sessions.find(req.cookies[SSO_COOKIE]);
    if (session) return completeAuthorization(req, reply, ctx, request, session);
    if (request.prompt === 'none') {
      return reply.redirect(authorizationResponseUri(request.redirectUri, issuerOf(req, ctx.config), { error: 'login_required', state: request.state }), 302);
    }
    return sendLoginPage(req, reply, { lang, request });
  });

  app.get('/oauth2/login', async (req, reply) => {
    const query = queryOf(req);
    const lang = langOf(query.lang);
    const params = authorizeParamsOf(query);
    if (!params.client_id) return sendLoginPage(req, reply, { lang });
    const request = await checkedRequest(req, reply, ctx, params, lang);
    if (request) return sendLoginPage(req, reply, { lang, request });
  });

  app.post('/oauth2/login', { config: loginLimit, preHandler: app.csrfProtection }, async (req, reply) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const lang = langOf(body.lang ?? queryOf(req).lang);
    const params = authorizeParamsOf(body);
    const request = params.client_id ? await checkedRequest(req, reply, ctx, params, lang) : undefined;
    if (params.client_id && !request) return;
    const username = typeof body.username === 'string' ? body.username.slice(0, 200) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
    const user = await ctx.users.verifyPassword(username, password);
    if (!user) {
      req.log.info('login failed');
      return sendLoginPage(req, reply, { lang, request, username, wrongCredentials: true });
    }
    // A new login replaces the browser's previous session.
    const previous = await ctx.sessions.find(req.cookies[SSO_COOKIE]);
    if (previous) await ctx.sessions.end(previous.id);
    const { session, cookie } = await ctx.sessions.start(user.id, ctx.config.sessionTtl);
    reply.setCookie(SSO_COOKIE, cookie, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: ctx.config.sessionTtl });
    if (request) return completeAuthorization(req, reply, ctx, request, session, 303);
    const t = TEXTS[lang];
    return sendHtml(reply, 200, renderMessagePage({ lang, title: t.loggedInTitle, message: t.loggedIn, link: { href: '/app/', text: t.toApp } }));
  });

  app.get('/oauth2/logout', async (req, reply) => {
    const query = queryOf(req);
    const lang = langOf(query.lang);
    const session = await ctx.sessions.find(req.cookies[SSO_COOKIE]);
    if (session) await ctx.sessions.end(session.id);
    reply.clearCookie(SSO_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
    const target = query.post_logout_redirect_uri;
    if (target) {
      const clientId = query.client_id ?? audienceOf(query.id_token_hint);
      const client = clientId ? await ctx.clients.get(clientId) : undefined;
      if (client && isPostLogoutUriAllowed(client, target, issuerOf(req, ctx.config))) {
        const url = new URL(target);
        if (query.state) url.searchParams.set('state', query.state);
        return reply.redirect(url.toString(), 302);
      }
    }
    const t = TEXTS[lang];
    return sendHtml(reply, 200, renderMessagePage({ lang, title: t.loggedOutTitle, message: t.loggedOut, link: { href: '/app/', text: t.toApp } }));
  });
}

/** The authorization request if it is good; otherwise the error is already answered (page or redirect). */
async function checkedRequest(req: FastifyRequest, reply: FastifyReply, ctx: IdentityContext, params: AuthorizeParams, lang: Lang): Promise<AuthorizeRequest | undefined> {
  const check = await checkAuthorizeRequest(params, ctx.clients, issuerOf(req, ctx.config), ctx.config.baseUrl);
  if (check.ok) return check.request;
  if ('redirect' in check) {
    await reply.redirect(check.redirect, 302);
    return undefined;
  }
  const t = TEXTS[lang];
  await sendHtml(reply, 400, renderMessagePage({ lang, title: t.badRequestTitle, message: t.badRequest, detail: check.show, alert: true }));
  return undefined;
}

/** Grants the scopes this user may hold, issues the code and sends the browser back to the client. */
async function completeAuthorization(
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: IdentityContext,
  request: AuthorizeRequest,
  session: LoginSession,
  status: 302 | 303 = 302,
) {
  const issuer = issuerOf(req, ctx.config);
  const user = await ctx.users.findById(session.userId);
  const back = (values: Record<string, string | undefined>) => reply.redirect(authorizationResponseUri(request.redirectUri, issuer, { ...values, state: request.state }), status);
  if (!user?.active) return back({ error: 'access_denied', error_description: 'the user is not active' });
  const scope = grantScopes({ requested: request.scope, clientScopes: request.client.scopes, subject: user.fhirUser.startsWith('Patient/') ? 'patient' : 'user' });
  if (!scope.length) return back({ error: 'invalid_scope', error_description: 'none of the requested scopes can be granted to this user' });
  const code = await ctx.codes.issue({
    clientId: request.client.clientId,
    userId: user.id,
    sessionId: session.id,
    redirectUri: request.redirectUri,
    scope: scope.join(' '),
    codeChallenge: request.codeChallenge,
    nonce: request.nonce,
    authTime: session.authTime,
  });
  reply.header('cache-control', 'no-store');
  return back({ code });
}

interface LoginPageOptions {
  readonly lang: Lang;
  readonly request?: AuthorizeRequest | undefined;
  readonly username?: string;
  readonly wrongCredentials?: boolean;
}

async function sendLoginPage(req: FastifyRequest, reply: FastifyReply, options: LoginPageOptions) {
  const { lang, request } = options;
  const hidden: Record<string, string> = {};
  for (const [k, v] of Object.entries(request?.params ?? {})) if (v !== undefined && k !== 'prompt') hidden[k] = v;
  const csrfToken = reply.generateCsrf({ secure: req.protocol === 'https' });
  const switchQuery = new URLSearchParams({ ...hidden, lang: otherLang(lang) });
  const html = renderLoginPage({
    lang,
    csrfToken,
    clientName: request && !request.client.builtIn ? request.client.name : undefined,
    hidden,
    username: options.username,
    wrongCredentials: options.wrongCredentials,
    action: lang === 'en' ? '/oauth2/login?lang=en' : '/oauth2/login',
    switchHref: `/oauth2/login?${switchQuery.toString()}`,
  });
  // The form posts here, and the answer redirects to the client: form-action must allow its origin.
  const formAction = request ? [new URL(request.redirectUri).origin] : [];
  reply.header('content-security-policy', cspHeader(req.raw, req.protocol === 'https', { formAction }));
  return sendHtml(reply, options.wrongCredentials ? 401 : 200, html);
}

export function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

function queryOf(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

function audienceOf(idToken: string | undefined): string | undefined {
  if (!idToken) return undefined;
  try {
    const aud = decodeJwt(idToken).aud;
    return typeof aud === 'string' ? aud : undefined;
  } catch {
    return undefined;
  }
}
