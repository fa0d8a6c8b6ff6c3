import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { authorizeUrl, logoutUrl, needsRefresh, refreshDelay } from './oidc.helpers.ts';
import { base64url, randomToken, s256Challenge } from './pkce.ts';

describe('PKCE and the authorization request', () => {
  it('computes the S256 challenge as RFC 7636 does', async () => {
    // RFC 7636 appendix B
    assert.equal(await s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const verifier = randomToken(48);
    assert.match(verifier, /^[A-Za-z0-9_-]{64}$/);
    assert.equal(await s256Challenge(verifier), createHash('sha256').update(verifier).digest('base64url'));
    assert.equal(base64url(new Uint8Array([251, 255])), '-_8');
  });

  it('logs out naming the client, so the provider may return to the app', () => {
    const url = new URL(logoutUrl('https://kerne.example', 'id.token.x'));
    assert.equal(url.origin + url.pathname, 'https://kerne.example/oauth2/logout');
    assert.deepEqual(Object.fromEntries(url.searchParams), { client_id: 'kerne-web', post_logout_redirect_uri: 'https://kerne.example/app/', id_token_hint: 'id.token.x' });
    assert.equal(new URL(logoutUrl('https://kerne.example')).searchParams.has('id_token_hint'), false, 'no hint without a token');
  });

  it('asks for the kerne-web client with PKCE, the scopes and the FHIR audience', () => {
    const url = new URL(authorizeUrl('https://kerne.example', 'st', 'ch'));
    assert.equal(url.origin + url.pathname, 'https://kerne.example/oauth2/authorize');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      response_type: 'code',
      client_id: 'kerne-web',
      redirect_uri: 'https://kerne.example/app/callback',
      scope: 'openid fhirUser offline_access user/*.* patient/*.read',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      aud: 'https://kerne.example/fhir',
    });
  });

  it('refreshes a minute before the access token expires', () => {
    const tokens = { accessToken: 'a', expiresAt: 1_000_000 };
    assert.equal(refreshDelay(tokens, 1_000_000 - 120_000), 60_000);
    assert.equal(refreshDelay(tokens, 1_000_000), 0);
    assert.equal(needsRefresh(tokens, 1_000_000 - 61_000), false);
    assert.equal(needsRefresh(tokens, 1_000_000 - 59_000), true);
  });
});
