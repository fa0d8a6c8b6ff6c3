/**
 * POST /oauth2/token: the authorization_code (with PKCE S256), refresh_token (rotating, with reuse
 * detection) and client_credentials grants; POST /oauth2/revoke (RFC 7009).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4 and https://www.rfc-editor.org/rfc/rfc7009
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateClient } from './client-auth.ts';
import type { OAuthClient } from './client-store.ts';
import type { IdentityContext } from './context.ts';
import { grantScopes, isScopeSubset } from './grants.ts';
import { issuerOf } from './issuer.ts';
import { noStore, OAuthError } from './oauth-errors.ts';
import { verifyPkceS256 } from './pkce.ts';
import { randomId } from './secrets.ts';
import { scopeList } from './smart-scopes.ts';
import { signAccessToken } from './tokens.ts';
import { userTokenResponse, type TokenResponse } from './token-response.ts';

type Form = Record<string, string | undefined>;

export function registerTokenRoutes(app: FastifyInstance, ctx: IdentityContext): void {
  app.post('/oauth2/token', async (req, reply) => {
    const form = formOf(req);
    const client = await authenticateClient(req, form, ctx.clients);
    const issuer = issuerOf(req, ctx.config);
    let body: TokenResponse;
    switch (form.grant_type) {
      case 'authorization_code':
        body = await authorizationCode(ctx, issuer, client, form);
        break;
      case 'refresh_token':
        body = await refreshToken(ctx, issuer, client, form);
        break;
      case 'client_credentials':
        body = await clientCredentials(ctx, issuer, client, form);
        break;
      case undefined:
        throw new OAuthError('invalid_request', 'grant_type is missing');
      default:
        throw new OAuthError('unsupported_grant_type', `grant_type '${form.grant_type.slice(0, 50)}' is not supported`);
    }
    sendJson(reply, body);
  });

  app.post('/oauth2/revoke', async (req, reply) => {
    const form = formOf(req);
    const client = await authenticateClient(req, form, ctx.clients);
    if (!form.token) throw new OAuthError('invalid_request', 'token is missing');
    // Refresh tokens are revoked with their family; access tokens are short-lived JWTs and simply expire.
    await ctx.refresh.revoke(form.token, client.clientId);
    noStore(reply).code(200).send();
  });
}

async function authorizationCode(ctx: IdentityContext, issuer: string, client: OAuthClient, form: Form): Promise<TokenResponse> {
  allowGrant(client, 'authorization_code');
  const { code, redirect_uri: redirectUri, code_verifier: verifier } = form;
  if (!code || !redirectUri || !verifier) throw new OAuthError('invalid_request', 'code, redirect_uri and code_verifier are required');
  const familyId = randomId();
  const redeemed = await ctx.codes.redeem(code, familyId);
  if (!redeemed.ok) {
    if (redeemed.reused) ctx.log.warn({ clientId: client.clientId }, 'authorization code used twice: tokens it gave are revoked');
    throw new OAuthError('invalid_grant', 'the authorization code is invalid, expired or already used');
  }
  const { grant } = redeemed;
  if (grant.clientId !== client.clientId) throw new OAuthError('invalid_grant', 'the authorization code was issued to another client');
  if (grant.redirectUri !== redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri differs from the authorization request');
  if (!verifyPkceS256(verifier, grant.codeChallenge)) throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
  const user = await ctx.users.findById(grant.userId);
  if (!user?.active) throw new OAuthError('invalid_grant', 'the user is no longer active');
  const refreshToken = wantsRefresh(client, grant.scope)
    ? await ctx.refresh.issue(
        { familyId, clientId: client.clientId, userId: user.id, sessionId: grant.sessionId, scope: grant.scope, authTime: grant.authTime },
        ctx.config.sessionTtl,
      )
    : undefined;
  return userTokenResponse(ctx, issuer, {
    user,
    clientId: client.clientId,
    scope: grant.scope,
    sessionId: grant.sessionId,
    authTime: grant.authTime,
    nonce: grant.nonce,
    refreshToken,
  });
}

async function refreshToken(ctx: IdentityContext, issuer: string, client: OAuthClient, form: Form): Promise<TokenResponse> {
  allowGrant(client, 'refresh_token');
  if (!form.refresh_token) throw new OAuthError('invalid_request', 'refresh_token is missing');
  const narrower = form.scope !== undefined ? scopeList(form.scope) : undefined;
  let refusal: OAuthError | undefined;
  let user: Awaited<ReturnType<typeof ctx.users.findById>>;
  const rotated = await ctx.refresh.rotate(
    form.refresh_token,
    async (grant) => {
      if (grant.clientId !== client.clientId) refusal = new OAuthError('invalid_grant', 'the refresh token was issued to another client');
      else if (narrower && !isScopeSubset(narrower, scopeList(grant.scope))) refusal = new OAuthError('invalid_scope', 'scope exceeds the original grant');
      else {
        user = await ctx.users.findById(grant.userId);
        if (!user?.active) refusal = new OAuthError('invalid_grant', 'the user is no longer active');
      }
      return refusal === undefined;
    },
    narrower?.join(' '),
  );
  if (!rotated.ok) {
    if (refusal) throw refusal;
    if (rotated.reused) {
      ctx.log.warn({ clientId: client.clientId, family: rotated.grant?.familyId }, 'refresh token reused: family revoked and session ended');
    }
    throw new OAuthError('invalid_grant', 'the refresh token is invalid, expired or revoked');
  }
  return userTokenResponse(ctx, issuer, {
    user: user!,
    clientId: client.clientId,
    scope: rotated.grant.scope,
    sessionId: rotated.grant.sessionId,
    authTime: rotated.grant.authTime,
    refreshToken: rotated.token,
  });
}

async function clientCredentials(ctx: IdentityContext, issuer: string, client: OAuthClient, form: Form): Promise<TokenResponse> {
  if (!client.confidential) throw new OAuthError('unauthorized_client', 'a public client cannot use client_credentials');
  allowGrant(client, 'client_credentials');
  const requested = form.scope ?? client.scopes.join(' ');
  const scope = grantScopes({ requested, clientScopes: client.scopes, subject: 'system' });
  if (!scope.length) throw new OAuthError('invalid_scope', 'none of the requested scopes is registered for this client (system/ scopes only)');
  const access = await signAccessToken(ctx.keys, issuer, { subject: client.clientId, scope, clientId: client.clientId }, ctx.config.accessTokenTtl);
  return { access_token: access.token, token_type: 'Bearer', expires_in: access.expiresIn, scope: scope.join(' ') };
}

function allowGrant(client: OAuthClient, grant: OAuthClient['grantTypes'][number]): void {
  if (!client.grantTypes.includes(grant)) throw new OAuthError('unauthorized_client', `the client may not use the ${grant} grant`);
}

const wantsRefresh = (client: OAuthClient, scope: string) =>
  client.grantTypes.includes('refresh_token') && scopeList(scope).some((s) => s === 'offline_access' || s === 'online_access');

/** The form body (application/x-www-form-urlencoded): one string per parameter; repeats are an error. */
function formOf(req: FastifyRequest): Form {
  const body = req.body;
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' || !body || typeof body !== 'object') throw new OAuthError('invalid_request', 'send the parameters as application/x-www-form-urlencoded');
  const form: Form = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(v)) throw new OAuthError('invalid_request', `parameter ${k.slice(0, 50)} is repeated`);
    if (typeof v === 'string') form[k] = v;
  }
  return form;
}

function sendJson(reply: FastifyReply, body: TokenResponse): void {
  noStore(reply).code(200).type('application/json; charset=utf-8').send(JSON.stringify(body));
}
