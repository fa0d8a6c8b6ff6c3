/**
 * The identity provider over HTTP (in-process), on PGlite and PostgreSQL: discovery, the
 * authorization code + PKCE flow through the real login form, SSO, wrong passwords, CSRF, rate
 * limiting, refresh rotation and reuse detection, client credentials, revocation and logout.
 * @see https://www.rfc-editor.org/rfc/rfc6749 and https://hl7.org/fhir/smart-app-launch/
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Principal } from '../access/principal.ts';
import { KERNE_ROLE_SYSTEM } from '../access/principal.ts';
import { STORES } from '../../test/support/stores.ts';
import { startTestKerne, type TestKerne } from '../../test/support/kerne.ts';
import { addPatientUser, addStaffUser } from './provision.ts';
import { authorizeUrl, basicAuth, browser, hiddenFields, ISSUER, logIn, pkcePair, tokenRequest, WEB_REDIRECT } from './oauth.test-support.ts';

const PASSWORD = 'korrekt-hest-batteri';

for (const store of STORES) {
  describe(`${store.name}: identity provider`, () => {
    let k: TestKerne;
    let unit: string;
    let practitioner: string;
    let patientId: string;
    let address = 0;
    /** Each test comes from its own client address, so the login rate limit of one does not touch another. */
    const nextBrowser = () => browser(k.kerne.http, `10.0.0.${++address}`);

    before(async () => {
      k = await startTestKerne(store, { loginRateLimit: 5 });
      k.kerne.http.get('/test/whoami', async (req) => k.kerne.identity.authenticate(req));
      const repo = k.kerne.repo;
      unit = `Organization/${(await repo.create({ resourceType: 'Organization', name: 'Medicinsk afdeling M1', active: true })).stored.id}`;
      const staff = await addStaffUser(repo, k.kerne.identity.users, { username: 'Karen', password: PASSWORD, name: 'Karen Holm', role: 'laege', unit });
      practitioner = staff.practitioner;
      patientId = (await repo.create({ resourceType: 'Patient', name: [{ given: ['Ida'], family: 'Jensen' }] })).stored.id;
      await addPatientUser(repo, k.kerne.identity.users, { username: 'ida', password: PASSWORD, patient: `Patient/${patientId}` });
    });
    after(async () => {
      await k.close();
    });

    const whoami = async (token: string) => {
      const res = await k.kerne.http.inject({ method: 'GET', url: '/test/whoami', headers: { authorization: `Bearer ${token}` } });
      return { status: res.statusCode, headers: res.headers, json: JSON.parse(res.body) as Principal & { resourceType?: string } };
    };

    test('discovery documents: OpenID, SMART (also under /fhir) and the JWKS', async () => {
      const oidc = JSON.parse((await k.kerne.http.inject('/.well-known/openid-configuration')).body);
      assert.equal(oidc.issuer, ISSUER);
      assert.equal(oidc.authorization_endpoint, `${ISSUER}/oauth2/authorize`);
      assert.equal(oidc.token_endpoint, `${ISSUER}/oauth2/token`);
      assert.deepEqual(oidc.code_challenge_methods_supported, ['S256']);
      for (const path of ['/.well-known/smart-configuration', '/fhir/.well-known/smart-configuration']) {
        const res = await k.kerne.http.inject(path);
        assert.equal(res.statusCode, 200, path);
        const smart = JSON.parse(res.body);
        assert.equal(smart.jwks_uri, `${ISSUER}/oauth2/jwks`);
        assert.deepEqual(smart.grant_types_supported, ['authorization_code', 'refresh_token', 'client_credentials']);
        for (const c of ['launch-standalone', 'client-public', 'client-confidential-symmetric', 'permission-v1', 'permission-v2', 'permission-patient', 'permission-user', 'sso-openid-connect']) {
          assert.ok(smart.capabilities.includes(c), c);
        }
      }
      const issuerFromHost = JSON.parse((await k.kerne.http.inject({ url: '/.well-known/smart-configuration', headers: { host: 'kerne.example:8443' } })).body);
      assert.equal(issuerFromHost.issuer, 'http://kerne.example:8443');
      const jwks = JSON.parse((await k.kerne.http.inject('/oauth2/jwks')).body);
      assert.equal(jwks.keys.length, 1);
      assert.equal(jwks.keys[0].kty, 'RSA');
      assert.equal(jwks.keys[0].alg, 'RS256');
      assert.ok(jwks.keys[0].kid);
      assert.equal(jwks.keys[0].d, undefined, 'no private parts');
    });

    test('authorization code + PKCE through the login form, as a physician', async () => {
      const b = nextBrowser();
      const { verifier, challenge } = pkcePair();
      const page = await b.get(authorizeUrl({ challenge, state: 'xyz' }));
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.body, /<html lang="da">/);
      assert.match(page.body, /<label for="username">Brugernavn<\/label>/);
      assert.match(page.body, /<label for="password">Adgangskode<\/label>/);
      assert.match(page.body, /href="\/oauth2\/login\?[^"]*lang=en"[^>]*>English</);
      assert.match(String(page.headers['content-security-policy']), /form-action 'self' http:\/\/localhost;/);
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
      assert.equal(page.headers['cache-control'], 'no-store');
      const csrfCookie = b.jar.cookies.get('kerne_csrf');
      assert.ok(csrfCookie, 'CSRF secret cookie');
      assert.match(csrfCookie.attributes, /Path=\/oauth2/);
      assert.match(csrfCookie.attributes, /HttpOnly/);
      assert.match(csrfCookie.attributes, /SameSite=Lax/);
      const hidden = hiddenFields(page.body);
      assert.ok(hidden._csrf);
      assert.equal(hidden.state, 'xyz');

      const login = await b.postForm('/oauth2/login', { ...hidden, username: 'karen', password: PASSWORD });
      assert.equal(login.statusCode, 303, login.body);
      const location = new URL(String(login.headers.location));
      assert.equal(`${location.origin}${location.pathname}`, 'http://localhost/app/callback');
      assert.equal(location.searchParams.get('state'), 'xyz');
      assert.equal(location.searchParams.get('iss'), ISSUER);
      const sso = b.jar.cookies.get('kerne_sso');
      assert.ok(sso, 'SSO cookie');
      assert.match(sso.attributes, /Path=\/oauth2/);
      assert.match(sso.attributes, /HttpOnly/);
      assert.match(sso.attributes, /SameSite=Lax/);
      assert.doesNotMatch(sso.attributes, /Secure/, 'plain http');

      const code = location.searchParams.get('code')!;
      const wrongVerifier = await tokenRequest(k.kerne.http, { grant_type: 'authorization_code', code, redirect_uri: WEB_REDIRECT, client_id: 'kerne-web', code_verifier: pkcePair().verifier });
      assert.equal(wrongVerifier.status, 400);
      assert.equal(wrongVerifier.json.error, 'invalid_grant');

      // The failed exchange spent the code: a fresh login gets a fresh one (the SSO cookie skips the form).
      const again = await b.get(authorizeUrl({ challenge, state: 'abc' }));
      assert.equal(again.statusCode, 302, 'SSO: straight back with a code');
      const code2 = new URL(String(again.headers.location)).searchParams.get('code')!;
      const tokens = await tokenRequest(k.kerne.http, { grant_type: 'authorization_code', code: code2, redirect_uri: WEB_REDIRECT, client_id: 'kerne-web', code_verifier: verifier });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.json));
      assert.equal(tokens.headers['cache-control'], 'no-store');
      assert.equal(tokens.json.token_type, 'Bearer');
      assert.equal(tokens.json.expires_in, 900);
      assert.equal(tokens.json.scope, 'openid fhirUser offline_access user/*.*');
      assert.equal(tokens.json.fhirUser, practitioner);
      assert.equal(tokens.json.patient, undefined);
      assert.ok(tokens.json.refresh_token);

      const access = decodeJwt(String(tokens.json.access_token));
      assert.equal(decodeProtectedHeader(String(tokens.json.access_token)).typ, 'at+jwt');
      assert.equal(access.iss, ISSUER);
      assert.equal(access.aud, `${ISSUER}/fhir`);
      assert.equal(access.client_id, 'kerne-web');
      assert.equal(access.fhirUser, practitioner);
      assert.equal(access.scope, 'openid fhirUser offline_access user/*.*');
      assert.ok(access.jti && access.sid && access.sub);
      assert.equal(access.exp! - access.iat!, 900);
      const id = decodeJwt(String(tokens.json.id_token));
      assert.equal(id.aud, 'kerne-web');
      assert.equal(id.fhirUser, practitioner);
      assert.equal(id.sid, access.sid);
      assert.equal(id.sub, access.sub);

      const me = await whoami(String(tokens.json.access_token));
      assert.equal(me.status, 200, JSON.stringify(me.json));
      assert.equal(me.json.kind, 'user');
      assert.equal(me.json.display, 'Karen Holm');
      assert.equal(me.json.fhirUser, practitioner);
      assert.deepEqual(me.json.memberships, [{ role: 'laege', unit }]);
      assert.deepEqual(me.json.scopes, ['openid', 'fhirUser', 'offline_access', 'user/*.*']);
      assert.equal(me.json.issuer, ISSUER);
      assert.equal(me.json.clientId, 'kerne-web');
      assert.equal(me.json.sessionId, access.sid);

      const info = await k.kerne.http.inject({ url: '/oauth2/userinfo', headers: { authorization: `Bearer ${tokens.json.access_token}` } });
      assert.equal(info.statusCode, 200);
      assert.deepEqual(JSON.parse(info.body), { sub: access.sub, fhirUser: practitioner, name: 'Karen Holm' });

      // The code again: refused, and the refresh token it gave is revoked (RFC 6749 section 4.1.2).
      const replay = await tokenRequest(k.kerne.http, { grant_type: 'authorization_code', code: code2, redirect_uri: WEB_REDIRECT, client_id: 'kerne-web', code_verifier: verifier });
      assert.equal(replay.json.error, 'invalid_grant');
      const refresh = await tokenRequest(k.kerne.http, { grant_type: 'refresh_token', refresh_token: String(tokens.json.refresh_token), client_id: 'kerne-web' });
      assert.equal(refresh.json.error, 'invalid_grant');
    });

    test('a patient user gets at most patient/*.read, with their patient context', async () => {
      const b = nextBrowser();
      const { verifier, challenge } = pkcePair();
      const { code } = await logIn(b, 'ida', PASSWORD, { challenge });
      const tokens = await tokenRequest(k.kerne.http, { grant_type: 'authorization_code', code, redirect_uri: WEB_REDIRECT, client_id: 'kerne-web', code_verifier: verifier });
      assert.equal(tokens.status, 200);
      assert.equal(tokens.json.scope, 'openid fhirUser offline_access patient/*.read');
      assert.equal(tokens.json.patient, patientId);
      assert.equal(tokens.json.fhirUser, `Patient/${patientId}`);
      const me = await whoami(String(tokens.json.access_token));
      assert.equal(me.json.kind, 'patient');
      assert.equal(me.json.patient, patientId);
      assert.equal(me.json.display, 'Ida Jensen');
      assert.deepEqual(me.json.memberships, [{ role: 'patient' }]);
    });

    test('a wrong password shows the error and gives no code; unknown users look the same', async () => {
      const b = nextBrowser();
      const { challenge } = pkcePair();
      const page = await b.get(authorizeUrl({ challenge }));
      const hidden = hiddenFields(page.body);
      const wrong = await b.postForm('/oauth2/login', { ...hidden, username: 'karen', password: 'forkert-kodeord' });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.headers.location, undefined);
      assert.match(wrong.body, /role="alert">Forkert brugernavn eller adgangskode\.</);
      assert.match(wrong.body, /aria-invalid="true"/);
      assert.match(wrong.body, /value="karen"/, 'the username is kept');
      assert.equal(b.jar.cookies.get('kerne_sso'), undefined);
      const unknown = await b.postForm('/oauth2/login', { ...hiddenFields(wrong.body), username: 'nobody', password: 'forkert-kodeord' });
      assert.equal(unknown.statusCode, 401);
      assert.equal(unknown.body.replace(/value="[^"]*"/g, ''), wrong.body.replace(/value="[^"]*"/g, ''), 'same page for unknown users');

      const en = await b.get(`${authorizeUrl({ challenge })}&lang=en`);
      assert.match(en.body, /<html lang="en">/);
      const wrongEn = await b.postForm('/oauth2/login?lang=en', { ...hiddenFields(en.body), username: 'karen', password: 'forkert-kodeord' });
      assert.match(wrongEn.body, /Wrong username or password\./);
    });

    test('the login form needs its CSRF token', async () => {
      const b = nextBrowser();
      const { challenge } = pkcePair();
      const page = await b.get(authorizeUrl({ challenge }));
      const { _csrf, ...rest } = hiddenFields(page.body);
      assert.ok(_csrf);
      const res = await b.postForm('/oauth2/login', { ...rest, username: 'karen', password: PASSWORD });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /Siden er udløbet/);
      assert.equal(res.headers.location, undefined);
      const forged = await nextBrowser().postForm('/oauth2/login', { ...rest, _csrf, username: 'karen', password: PASSWORD });
      assert.equal(forged.statusCode, 403, 'a token without its cookie');
    });

    test('too many logins from one address: 429 with a readable page', async () => {
      const b = nextBrowser();
      const { challenge } = pkcePair();
      const page = await b.get(authorizeUrl({ challenge }));
      const hidden = hiddenFields(page.body);
      for (let i = 0; i < 5; i++) {
        const res = await b.postForm('/oauth2/login', { ...hidden, username: 'karen', password: 'forkert-kodeord' });
        assert.equal(res.statusCode, 401, `attempt ${i + 1}`);
      }
      const limited = await b.postForm('/oauth2/login', { ...hidden, username: 'karen', password: PASSWORD });
      assert.equal(limited.statusCode, 429);
      assert.match(String(limited.headers['content-type']), /^text\/html/);
      assert.match(limited.body, /For mange loginforsøg/);
      assert.ok(limited.headers['retry-after']);
      assert.equal(limited.headers.location, undefined);
      // Another address is not affected.
      const other = nextBrowser();
      const otherPage = await other.get(authorizeUrl({ challenge }));
      const ok = await other.postForm('/oauth2/login', { ...hiddenFields(otherPage.body), username: 'karen', password: PASSWORD });
      assert.equal(ok.statusCode, 303);
    });

    test('authorize errors: shown before the redirect URI is trusted, redirected after', async () => {
      const b = nextBrowser();
      const { challenge } = pkcePair();
      const unknown = await b.get(authorizeUrl({ challenge, clientId: 'nope' }));
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /Unknown client_id/);
      const badRedirect = await b.get(authorizeUrl({ challenge, redirectUri: 'https://evil.example/app/callback' }));
      assert.equal(badRedirect.statusCode, 400);
      assert.equal(badRedirect.headers.location, undefined);
      const otherPath = await b.get(authorizeUrl({ challenge, redirectUri: `${ISSUER}/app/other` }));
      assert.equal(otherPath.statusCode, 400);

      const noPkce = await b.get(authorizeUrl({ challenge, extra: { code_challenge_method: 'plain' } }));
      assert.equal(noPkce.statusCode, 302);
      const loc = new URL(String(noPkce.headers.location));
      assert.equal(loc.searchParams.get('error'), 'invalid_request');
      assert.equal(loc.searchParams.get('state'), 'st-1');
      const token = await b.get(authorizeUrl({ challenge, extra: { response_type: 'token' } }));
      assert.equal(new URL(String(token.headers.location)).searchParams.get('error'), 'unsupported_response_type');
      const aud = await b.get(authorizeUrl({ challenge, extra: { aud: 'https://other.example/fhir' } }));
      assert.equal(new URL(String(aud.headers.location)).searchParams.get('error'), 'invalid_request');
      const okAud = await b.get(authorizeUrl({ challenge, extra: { aud: `${ISSUER}/fhir` } }));
      assert.equal(okAud.statusCode, 200);
      const none = await b.get(authorizeUrl({ challenge, extra: { prompt: 'none' } }));
      assert.equal(new URL(String(none.headers.location)).searchParams.get('error'), 'login_required');
    });

    test('refresh tokens rotate; a reused one revokes the family and ends the session', async () => {
      const b = nextBrowser();
      const { verifier, challenge } = pkcePair();
      const { code } = await logIn(b, 'karen', PASSWORD, { challenge });
      const first = await tokenRequest(k.kerne.http, { grant_type: 'authorization_code', code, redirect_uri: WEB_REDIRECT, client_id: 'kerne-web', code_verifier: verifier });
      const r1 = String(first.json.refresh_token);

      const second = await tokenRequest(k.kerne.http, { grant_type: 'refresh_token', refresh_token: r1, client_id: 'kerne-web' });
      assert.equal(second.status, 200, JSON.stringify(second.json));
      const r2 = String(second.json.refresh_token);
      assert.notEqual(r2, r1);
      assert.equal(second.json.scope, first.json.scope);
      assert.equal(decodeJwt(String(second.json.access_token)).sid, decodeJwt(String(first.json.access_token)).sid);

      const narrower = await tokenRequest(k.kerne.http, { grant_type: 'refresh_token', refresh_token: r2, client_id: 'kerne-web', scope: 'openid user/Observation.read offline_access' });
      assert.equal(narrower.status, 200);
      assert.equal(narrower.json.scope, 'openid user/Observation.read offline_access');
      const r3 = String(narrower.json.refresh_token);
      const wider = await tokenRequest(k.kerne.http, { grant_type: 'refresh_token', refresh_token: r3, client_id: 'kerne-web', scope: 'user/*.*' });
      assert.equal(wider.json.error, 'invalid_scope');

      const otherClient = await tokenRequest(k.kerne.http, { grant_type: 'refresh_token', refresh_token: r3 }, { authorization: basicAuth('nobody', 'x'.repeat(20)) });
      assert.equal(otherClient.status, 401);

      // r1 was spent: presenting it again is theft. Everything in the family dies, and the login session.
      const reuse = await tokenRequest(k.kerne.http, { grant_type: 'refresh_token', refresh_token: r1, client_id: 'kerne-web' });
      assert.equal(reuse.status, 400);
      assert.equal(reuse.json.error, 'invalid_grant');
      const afterTheft = await tokenRequest(k.kerne.http, { grant_type: 'refresh_token', refresh_token: r3, client_id: 'kerne-web' });
      assert.equal(afterTheft.json.error, 'invalid_grant');
      const page = await b.get(authorizeUrl({ challenge }));
      assert.equal(page.statusCode, 200, 'the SSO session ended: the login form again');
    });

    test('logout ends the SSO session and its refresh tokens; revoke ends a family', async () => {
      const b = nextBrowser();
      const { verifier, challenge } = pkcePair();
      const { code } = await logIn(b, 'karen', PASSWORD, { challenge });
      const tokens = await tokenRequest(k.kerne.http, { grant_type: 'authorization_code', code, redirect_uri: WEB_REDIRECT, client_id: 'kerne-web', code_verifier: verifier });
      const out = await b.get(`/oauth2/logout?client_id=kerne-web&post_logout_redirect_uri=${encodeURIComponent(`${ISSUER}/app/`)}&state=s1`);
      assert.equal(out.statusCode, 302);
      assert.equal(out.headers.location, 'http://localhost/app/?state=s1');
      assert.equal(b.jar.cookies.get('kerne_sso'), undefined, 'cookie cleared');
      const refresh = await tokenRequest(k.kerne.http, { grant_type: 'refresh_token', refresh_token: String(tokens.json.refresh_token), client_id: 'kerne-web' });
      assert.equal(refresh.json.error, 'invalid_grant');
      const evil = await b.get(`/oauth2/logout?client_id=kerne-web&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`);
      assert.equal(evil.statusCode, 200, 'unregistered target: a page, no redirect');
      assert.match(evil.body, /Du er logget ud/);

      const b2 = nextBrowser();
      const pair = pkcePair();
      const second = await logIn(b2, 'karen', PASSWORD, { challenge: pair.challenge });
      const t2 = await tokenRequest(k.kerne.http, { grant_type: 'authorization_code', code: second.code, redirect_uri: WEB_REDIRECT, client_id: 'kerne-web', code_verifier: pair.verifier });
      const revoke = await k.kerne.http.inject({
        method: 'POST',
        url: '/oauth2/revoke',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ token: String(t2.json.refresh_token), client_id: 'kerne-web' }).toString(),
      });
      assert.equal(revoke.statusCode, 200);
      const afterRevoke = await tokenRequest(k.kerne.http, { grant_type: 'refresh_token', refresh_token: String(t2.json.refresh_token), client_id: 'kerne-web' });
      assert.equal(afterRevoke.json.error, 'invalid_grant');
    });

    test('client credentials: secret checked, system scopes only, limited to the registration', async () => {
      await k.kerne.identity.clients.add({ clientId: 'lab-system', secret: 'lab-secret-0123456789', scopes: ['system/*.read', 'system/Observation.cruds'], grantTypes: ['client_credentials'] });
      const basic = basicAuth('lab-system', 'lab-secret-0123456789');

      const all = await tokenRequest(k.kerne.http, { grant_type: 'client_credentials' }, { authorization: basic });
      assert.equal(all.status, 200, JSON.stringify(all.json));
      assert.equal(all.json.scope, 'system/*.read system/Observation.cruds');
      assert.equal(all.json.refresh_token, undefined);
      assert.equal(all.json.id_token, undefined);
      const claims = decodeJwt(String(all.json.access_token));
      assert.equal(claims.sub, 'lab-system');
      assert.equal(claims.fhirUser, undefined);
      const me = await whoami(String(all.json.access_token));
      assert.equal(me.json.kind, 'system');
      assert.deepEqual(me.json.memberships, [{ role: 'integration' }]);
      assert.equal(me.json.display, 'lab-system');

      const narrowed = await tokenRequest(k.kerne.http, { grant_type: 'client_credentials', scope: 'system/*.*' }, { authorization: basic });
      assert.equal(narrowed.json.scope, 'system/*.read system/Observation.*');
      const post = await tokenRequest(k.kerne.http, { grant_type: 'client_credentials', scope: 'system/Patient.read', client_id: 'lab-system', client_secret: 'lab-secret-0123456789' });
      assert.equal(post.status, 200);
      assert.equal(post.json.scope, 'system/Patient.read');
      const user = await tokenRequest(k.kerne.http, { grant_type: 'client_credentials', scope: 'user/*.* openid' }, { authorization: basic });
      assert.equal(user.status, 400);
      assert.equal(user.json.error, 'invalid_scope');

      const wrong = await tokenRequest(k.kerne.http, { grant_type: 'client_credentials' }, { authorization: basicAuth('lab-system', 'wrong-secret-0123456789') });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.json.error, 'invalid_client');
      assert.match(String(wrong.headers['www-authenticate']), /^Basic realm="kerne"/);
      const wrongPost = await tokenRequest(k.kerne.http, { grant_type: 'client_credentials', client_id: 'lab-system', client_secret: 'nope' });
      assert.equal(wrongPost.status, 401);
      const none = await tokenRequest(k.kerne.http, { grant_type: 'client_credentials' });
      assert.equal(none.status, 401);
      const publicClient = await tokenRequest(k.kerne.http, { grant_type: 'client_credentials', client_id: 'kerne-web' });
      assert.equal(publicClient.json.error, 'unauthorized_client');
      const both = await tokenRequest(k.kerne.http, { grant_type: 'client_credentials', client_secret: 'x' }, { authorization: basic });
      assert.equal(both.json.error, 'invalid_request');
      const grant = await tokenRequest(k.kerne.http, { grant_type: 'password' }, { authorization: basic });
      assert.equal(grant.json.error, 'unsupported_grant_type');
      const json = await k.kerne.http.inject({ method: 'POST', url: '/oauth2/token', headers: { 'content-type': 'application/json', authorization: basic }, payload: '{"grant_type":"client_credentials"}' });
      assert.equal(json.statusCode, 400);
      assert.equal(JSON.parse(json.body).error, 'invalid_request');
    });

    test('memberships come from active PractitionerRoles of the practitioner', async () => {
      const repo = k.kerne.repo;
      const doc = (await repo.create({ resourceType: 'Practitioner', name: [{ text: 'Line Skov' }] })).stored.id;
      const other = `Organization/${(await repo.create({ resourceType: 'Organization', name: 'Akut' })).stored.id}`;
      const role = (code: string, extra: Record<string, unknown> = {}) =>
        repo.create({ resourceType: 'PractitionerRole', practitioner: { reference: `Practitioner/${doc}` }, code: [{ coding: [{ system: KERNE_ROLE_SYSTEM, code }] }], ...extra } as never);
      await role('sygeplejerske', { organization: { reference: unit }, active: true });
      await role('afdelingsledelse', { organization: { reference: other } });
      await role('laege', { organization: { reference: other }, active: false });
      await role('portoer', { period: { end: '2001-01-01' } });
      await role('not-a-role');
      await repo.create({ resourceType: 'PractitionerRole', practitioner: { reference: `Practitioner/${doc}` }, code: [{ coding: [{ system: 'http://other', code: 'laege' }] }] } as never);
      const token = (await k.kerne.identity.issueAccessToken({ subject: 'line', fhirUser: `Practitioner/${doc}`, scope: 'user/*.*', clientId: 'kerne-web' })).token;
      const me = await whoami(token);
      assert.equal(me.json.display, 'Line Skov');
      assert.deepEqual(
        [...me.json.memberships].sort((a, b) => a.role.localeCompare(b.role)),
        [
          { role: 'afdelingsledelse', unit: other },
          { role: 'sygeplejerske', unit },
        ],
      );
    });
  });
}
