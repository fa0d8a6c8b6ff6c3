/**
 * Bearer tokens → Principal over HTTP, on PGlite and PostgreSQL: every way a token can be wrong gives
 * 401 with an OperationOutcome and an RFC 6750 challenge; an external OpenID provider's tokens are
 * verified against its JWKS (served here by a small local HTTP server) and mapped to Practitioners.
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { STORES } from '../../test/support/stores.ts';
import { startTestKerne, type TestKerne } from '../../test/support/kerne.ts';
import { OIDC_SUBJECT_SYSTEM } from './memberships.ts';
import { ISSUER } from './oauth.test-support.ts';
import { loadSigningKeys } from './signing-key.ts';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  json: { resourceType?: string; kind?: string; fhirUser?: string; issuer?: string; clientId?: string; issue?: { code: string; details?: { text?: string } }[] };
}

async function whoami(k: TestKerne, authorization?: string): Promise<Answer> {
  const res = await k.kerne.http.inject({ method: 'GET', url: '/test/whoami', headers: authorization ? { authorization } : {} });
  return { status: res.statusCode, headers: res.headers, json: JSON.parse(res.body) };
}

function assertUnauthorized(a: Answer, description: RegExp | undefined) {
  assert.equal(a.status, 401, JSON.stringify(a.json));
  assert.equal(a.json.resourceType, 'OperationOutcome');
  assert.equal(a.json.issue?.[0]?.code, 'login');
  const challenge = String(a.headers['www-authenticate']);
  if (description) {
    assert.match(challenge, /^Bearer realm="kerne", error="invalid_token", error_description="[^"]+"$/);
    assert.match(challenge, description);
  } else {
    assert.equal(challenge, 'Bearer realm="kerne"');
  }
}

for (const store of STORES) {
  describe(`${store.name}: bearer token authentication`, () => {
    let k: TestKerne;
    before(async () => {
      k = await startTestKerne(store);
      k.kerne.http.get('/test/whoami', async (req) => k.kerne.identity.authenticate(req));
    });
    after(async () => {
      await k.close();
    });

    test('a good own token gives a Principal', async () => {
      const token = (await k.kerne.identity.issueAccessToken({ subject: 'sys', scope: 'system/*.read', clientId: 'sys' })).token;
      const ok = await whoami(k, `Bearer ${token}`);
      assert.equal(ok.status, 200);
      assert.equal(ok.json.kind, 'system');
      assert.equal(ok.json.issuer, ISSUER);
    });

    test('missing and malformed tokens', async () => {
      assertUnauthorized(await whoami(k), undefined);
      assertUnauthorized(await whoami(k, 'Basic dXNlcjpwYXNz'), undefined);
      assertUnauthorized(await whoami(k, 'Bearer'), /malformed/);
      assertUnauthorized(await whoami(k, 'Bearer not-a-jwt'), /malformed/);
      assertUnauthorized(await whoami(k, 'Bearer aaa.bbb.ccc'), /malformed/);
    });

    test('expired, wrong issuer, wrong audience, bad signature, not an access token', async () => {
      const identity = k.kerne.identity;
      const base = { subject: 'u1', scope: 'user/*.*', clientId: 'kerne-web', fhirUser: 'Practitioner/nobody' };
      assertUnauthorized(await whoami(k, `Bearer ${(await identity.issueAccessToken({ ...base, expiresIn: -60 })).token}`), /expired/);
      assertUnauthorized(await whoami(k, `Bearer ${(await identity.issueAccessToken({ ...base, issuer: 'https://evil.example' })).token}`), /issuer/);

      // Signed with the store's own key but for another audience, or as an ID token.
      const keys = await loadSigningKeys(k.kerne.db);
      const sign = (aud: string, typ = 'at+jwt') =>
        new SignJWT({ scope: 'user/*.*', client_id: 'kerne-web' })
          .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ })
          .setIssuer(ISSUER)
          .setSubject('u1')
          .setAudience(aud)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(keys.privateKey);
      assertUnauthorized(await whoami(k, `Bearer ${await sign('https://other.example/fhir')}`), /audience/);
      assertUnauthorized(await whoami(k, `Bearer ${await sign(`${ISSUER}/fhir`, 'JWT')}`), /not an access token/);
      assert.equal((await whoami(k, `Bearer ${await sign(`${ISSUER}/fhir`)}`)).status, 200, 'the same token, right audience and type');

      // The signature part of another token, or a key that is not Kerne's under Kerne's kid.
      const good = (await identity.issueAccessToken(base)).token;
      const other = (await identity.issueAccessToken({ ...base, subject: 'u2' })).token;
      const swapped = `${good.split('.').slice(0, 2).join('.')}.${other.split('.')[2]}`;
      assertUnauthorized(await whoami(k, `Bearer ${swapped}`), /signature/);
      const { privateKey } = await generateKeyPair('RS256');
      const forged = await new SignJWT({ scope: 'user/*.*', client_id: 'kerne-web' })
        .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'at+jwt' })
        .setIssuer(ISSUER)
        .setSubject('u1')
        .setAudience(`${ISSUER}/fhir`)
        .setExpirationTime('5m')
        .sign(privateKey);
      assertUnauthorized(await whoami(k, `Bearer ${forged}`), /signature/);
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${good.split('.')[1]}.`;
      assertUnauthorized(await whoami(k, `Bearer ${unsigned}`), /./);
    });

    test('the signing key is kept in the store: a second identity on the same store verifies the first one\'s tokens', async () => {
      const again = await loadSigningKeys(k.kerne.db);
      const first = await loadSigningKeys(k.kerne.db);
      assert.equal(again.kid, first.kid);
      assert.deepEqual(again.jwks, first.jwks);
    });
  });

  describe(`${store.name}: external OpenID provider`, () => {
    let k: TestKerne;
    let idp: Server;
    let issuer: string;
    let key: CryptoKey;
    let practitioner: string;
    let jwksRequests = 0;

    before(async () => {
      const pair = await generateKeyPair('ES256');
      key = pair.privateKey;
      const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' };
      idp = createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        if (req.url === '/realms/region/.well-known/openid-configuration') {
          res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
        } else if (req.url === '/realms/region/protocol/openid-connect/certs') {
          jwksRequests++;
          res.end(JSON.stringify({ keys: [publicJwk] }));
        } else {
          res.statusCode = 404;
          res.end('{}');
        }
      });
      await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/realms/region`;
      k = await startTestKerne(store, { externalIssuer: issuer, externalAudience: 'kerne-api' });
      k.kerne.http.get('/test/whoami', async (req) => k.kerne.identity.authenticate(req));
      const created = await k.kerne.repo.create({
        resourceType: 'Practitioner',
        identifier: [{ system: OIDC_SUBJECT_SYSTEM, value: 'c0ffee-42' }],
        name: [{ given: ['Mette'], family: 'Lund' }],
      });
      practitioner = `Practitioner/${created.stored.id}`;
    });
    after(async () => {
      await k.close();
      await new Promise<void>((resolve) => idp.close(() => resolve()));
    });

    const external = (claims: Record<string, unknown>, options: { aud?: string; kid?: string; signer?: CryptoKey; iss?: string } = {}) =>
      new SignJWT({ scope: 'openid user/*.read', azp: 'regional-portal', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'idp-1' })
        .setIssuer(options.iss ?? issuer)
        .setAudience(options.aud ?? 'kerne-api')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(options.signer ?? key);

    test('a token of the external provider, mapped by subject to a Practitioner', async () => {
      const res = await whoami(k, `Bearer ${await external({ sub: 'c0ffee-42' })}`);
      assert.equal(res.status, 200, JSON.stringify(res.json));
      assert.equal(res.json.kind, 'user');
      assert.equal(res.json.fhirUser, practitioner);
      assert.equal(res.json.issuer, issuer);
      assert.equal(res.json.clientId, 'regional-portal');
      assert.equal((res.json as { display?: string }).display, 'Mette Lund');
      assert.ok(jwksRequests >= 1, 'the JWKS was discovered and fetched');
    });

    test('a fhirUser claim is taken as is', async () => {
      const res = await whoami(k, `Bearer ${await external({ sub: 'someone-else', fhirUser: practitioner })}`);
      assert.equal(res.status, 200);
      assert.equal(res.json.fhirUser, practitioner);
    });

    test('wrong audience, unknown subject, foreign key and expired tokens are refused', async () => {
      assertUnauthorized(await whoami(k, `Bearer ${await external({ sub: 'c0ffee-42' }, { aud: 'someone-else' })}`), /audience/);
      assertUnauthorized(await whoami(k, `Bearer ${await external({ sub: 'stranger' })}`), /not a known Kerne user/);
      const { privateKey } = await generateKeyPair('ES256');
      assertUnauthorized(await whoami(k, `Bearer ${await external({ sub: 'c0ffee-42' }, { signer: privateKey })}`), /signature/);
      assertUnauthorized(await whoami(k, `Bearer ${await external({ sub: 'c0ffee-42' }, { kid: 'unknown-kid', signer: privateKey })}`), /unknown key/);
      const expired = await new SignJWT({ sub: 'c0ffee-42' })
        .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
        .setIssuer(issuer)
        .setAudience('kerne-api')
        .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
        .sign(key);
      assertUnauthorized(await whoami(k, `Bearer ${expired}`), /expired/);
      // Own tokens still work next to the external provider.
      const own = (await k.kerne.identity.issueAccessToken({ subject: 's', scope: 'system/*.*', clientId: 's' })).token;
      assert.equal((await whoami(k, `Bearer ${own}`)).status, 200);
    });
  });
}
