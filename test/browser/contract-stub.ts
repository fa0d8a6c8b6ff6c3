/**
 * A stand-in for the Kerne server's side of the web app's contract (OIDC code + PKCE, /api/me,
 * patient search and read with break-the-glass, the audit lists), serving the real web app build
 * through the real webAppPlugin. It checks what the app sends as strictly as the server should
 * (PKCE S256, state, redirect URI, bearer tokens, no CPR number in any URL), so the app can be
 * tested in a browser before the identity provider and access control are integrated.
 */
import { createHash, randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { webAppPlugin } from '../../src/web/index.ts';

const PASSWORD = 'kerne-demo-1';
const CPR = 'urn:oid:1.2.208.176.1.2';
const ACCESS = 'https://kerne.dk/fhir/CodeSystem/access';
const MED1 = { unit: 'Organization/med1', unitName: 'Medicinsk afdeling M1' };

export interface StubUser {
  kind: 'user' | 'patient';
  display: string;
  role: string;
  memberships: { role: string; unit?: string; unitName?: string }[];
  patient?: string;
  careFor: string[];
}

export const STUB_USERS: Record<string, StubUser> = {
  sygeplejerske: { kind: 'user', display: 'Line Skov', role: 'sygeplejerske', memberships: [{ role: 'sygeplejerske', ...MED1 }], careFor: ['p-karen'] },
  afdelingsledelse: { kind: 'user', display: 'Anne Holm', role: 'afdelingsledelse', memberships: [{ role: 'afdelingsledelse', ...MED1 }], careFor: ['p-karen'] },
  portoer: { kind: 'user', display: 'Ole Berg', role: 'portoer', memberships: [{ role: 'portoer' }], careFor: [] },
  administrator: { kind: 'user', display: 'Ida Krog', role: 'administrator', memberships: [{ role: 'administrator' }], careFor: [] },
  patient: { kind: 'patient', display: 'Henrik Jensen', role: 'patient', memberships: [{ role: 'patient' }], patient: 'p-henrik', careFor: ['p-henrik'] },
};

const patient = (id: string, given: string, family: string, cpr: string, gender: string, birthDate: string) => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: CPR, value: cpr }],
  name: [{ use: 'official', family, given: [given] }],
  gender,
  birthDate,
  address: [{ line: ['Skovvej 3'], city: 'Aarhus' }],
});

export const STUB_PATIENTS = [
  patient('p-karen', 'Karen', 'Jensen', '0702551234', 'female', '1955-02-07'),
  patient('p-henrik', 'Henrik', 'Jensen', '1203671235', 'male', '1967-03-12'),
  patient('p-mette', 'Mette', 'Hansen', '2811804562', 'female', '1980-11-28'),
];

const ALLERGIES: Record<string, string[]> = { 'p-karen': ['Penicillin'], 'p-henrik': [] };
const FLAGS: Record<string, string[]> = { 'p-karen': ['Faldrisiko'] };

const outcome = (status: number, code: string, diagnostics: string, coding?: { system: string; code: string }) => ({
  status,
  body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics, ...(coding ? { details: { coding: [coding] } } : {}) }] },
});

/** What extra routes (e.g. logistics-stub.ts) get from the stub: the signed-in user of a request, and its error replies. */
export interface StubApi {
  who(req: FastifyRequest): [string, StubUser] | undefined;
  unauthorized(reply: FastifyReply): FastifyReply;
  send(reply: FastifyReply, o: { status: number; body: unknown }): FastifyReply;
  outcome(status: number, code: string, diagnostics: string): { status: number; body: unknown };
}

export interface ContractStub {
  readonly origin: string;
  /** Every request URL (path and query) the stub saw. */
  readonly urls: string[];
  /** Form bodies of POST /fhir/Patient/_search. */
  readonly searches: Record<string, string>[];
  readonly counts: { refreshes: number; logins: number; logouts: number };
  /** Makes every issued access token invalid (the next API call answers 401). */
  revokeAccessTokens(): void;
  close(): Promise<void>;
}

export async function startContractStub(
  options: { accessTokenTtl?: number; routes?: (app: FastifyInstance, api: StubApi) => void | Promise<void> } = {},
): Promise<ContractStub> {
  const app: FastifyInstance = Fastify({ logger: false });
  let origin = '';
  const urls: string[] = [];
  const searches: Record<string, string>[] = [];
  const counts = { refreshes: 0, logins: 0, logouts: 0 };
  const codes = new Map<string, { user: string; challenge: string; redirectUri: string }>();
  const accessTokens = new Map<string, string>();
  const refreshTokens = new Map<string, string>();
  const grants = new Map<string, { patient: string; expiresAt: string }[]>();
  const audit: { recorded: string; user: string; patient: string; action: string; breakTheGlass: boolean; reason?: string; expiresAt?: string }[] = [];
  const ttl = options.accessTokenTtl ?? 900;

  await app.register(formbody);
  app.addHook('onRequest', async (req, reply) => {
    urls.push(req.url);
    // A strict policy: the app must work without inline scripts or styles.
    reply.header('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:; frame-src 'self' blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'");
    if (req.url.startsWith('/fhir') && /\d{6}-?\d{4}/.test(req.url)) {
      const o = outcome(400, 'security', 'CPR numbers must not be sent in URLs');
      return reply.code(o.status).type('application/fhir+json').send(o.body);
    }
  });
  await app.register(webAppPlugin, {});

  // ---- OIDC ----
  app.get('/oauth2/authorize', async (req, reply) => {
    const q = req.query as Record<string, string>;
    const problems = [
      q.response_type !== 'code' && 'response_type',
      q.client_id !== 'kerne-web' && 'client_id',
      q.redirect_uri !== `${origin}/app/callback` && 'redirect_uri',
      q.code_challenge_method !== 'S256' && 'code_challenge_method',
      !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? '') && 'code_challenge',
      !q.state && 'state',
      q.aud !== `${origin}/fhir` && 'aud',
      q.scope !== 'openid fhirUser offline_access user/*.* patient/*.read' && 'scope',
    ].filter(Boolean);
    if (problems.length) return reply.code(400).type('text/plain').send(`bad authorization request: ${problems.join(', ')}`);
    return reply.type('text/html; charset=utf-8').send(loginPage(q, req.url.includes('failed=1')));
  });

  app.post('/oauth2/authorize', async (req, reply) => {
    const f = req.body as Record<string, string>;
    const user = STUB_USERS[f.username ?? ''];
    if (!user || f.password !== PASSWORD) return reply.type('text/html; charset=utf-8').code(401).send(loginPage(f, true));
    const code = token();
    codes.set(code, { user: f.username!, challenge: f.code_challenge!, redirectUri: f.redirect_uri! });
    counts.logins++;
    return reply.redirect(`${f.redirect_uri}?${new URLSearchParams({ code, state: f.state ?? '' }).toString()}`, 302);
  });

  app.post('/oauth2/token', async (req, reply) => {
    const f = req.body as Record<string, string>;
    const fail = (error: string) => reply.code(400).send({ error });
    if (f.client_id !== 'kerne-web') return fail('invalid_client');
    let username: string | undefined;
    if (f.grant_type === 'authorization_code') {
      const c = codes.get(f.code ?? '');
      codes.delete(f.code ?? '');
      if (!c || c.redirectUri !== f.redirect_uri) return fail('invalid_grant');
      if (createHash('sha256').update(f.code_verifier ?? '').digest('base64url') !== c.challenge) return fail('invalid_grant');
      username = c.user;
    } else if (f.grant_type === 'refresh_token') {
      username = refreshTokens.get(f.refresh_token ?? '');
      refreshTokens.delete(f.refresh_token ?? '');
      if (!username) return fail('invalid_grant');
      counts.refreshes++;
    } else return fail('unsupported_grant_type');
    const user = STUB_USERS[username]!;
    const access = token();
    const refresh = token();
    accessTokens.set(access, username);
    refreshTokens.set(refresh, username);
    return {
      access_token: access,
      token_type: 'Bearer',
      refresh_token: refresh,
      expires_in: ttl,
      scope: 'openid fhirUser offline_access user/*.* patient/*.read',
      id_token: 'stub.id.token',
      fhirUser: user.patient ? `Patient/${user.patient}` : 'Practitioner/stub',
      ...(user.patient ? { patient: user.patient } : {}),
    };
  });

  app.get('/oauth2/logout', async (req, reply) => {
    const q = req.query as Record<string, string>;
    if (q.post_logout_redirect_uri !== `${origin}/app/`) return reply.code(400).send('bad post_logout_redirect_uri');
    counts.logouts++;
    return reply.redirect(q.post_logout_redirect_uri, 302);
  });

  // ---- the API, with bearer tokens ----
  const who = (req: FastifyRequest): [string, StubUser] | undefined => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const name = m ? accessTokens.get(m[1]!) : undefined;
    return name ? [name, STUB_USERS[name]!] : undefined;
  };
  const send = (reply: FastifyReply, o: { status: number; body: unknown }) => reply.code(o.status).type('application/fhir+json').send(o.body);
  const unauthorized = (reply: FastifyReply) => send(reply.header('WWW-Authenticate', 'Bearer error="invalid_token"'), outcome(401, 'login', 'Log ind igen'));
  const hasAccess = (name: string, user: StubUser, id: string) =>
    user.careFor.includes(id) || (grants.get(name) ?? []).some((g) => g.patient === id && Date.parse(g.expiresAt) > Date.now());
  const record = (name: string, patientId: string, action: string, extra: { breakTheGlass?: boolean; reason?: string; expiresAt?: string } = {}) =>
    audit.push({ recorded: new Date().toISOString(), user: name, patient: patientId, action, breakTheGlass: extra.breakTheGlass ?? false, ...extra });

  app.get('/api/me', async (req, reply) => {
    const w = who(req);
    if (!w) return unauthorized(reply);
    const [, u] = w;
    return { kind: u.kind, display: u.display, fhirUser: u.patient ? `Patient/${u.patient}` : 'Practitioner/stub', ...(u.patient ? { patient: u.patient } : {}), memberships: u.memberships, scopes: ['openid', 'fhirUser'] };
  });

  app.post('/fhir/Patient/_search', async (req, reply) => {
    const w = who(req);
    if (!w) return unauthorized(reply);
    const [name, user] = w;
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return send(reply, outcome(415, 'not-supported', 'form body expected'));
    const f = req.body as Record<string, string>;
    searches.push(f);
    const matches = STUB_PATIENTS.filter((p) => {
      if (f.identifier) return `${CPR}|${p.identifier[0]!.value}` === f.identifier;
      const words = (f.name ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const parts = [...p.name[0]!.given, p.name[0]!.family].map((s) => s.toLowerCase());
      return words.length > 0 && words.every((w2) => parts.some((part) => part.startsWith(w2)));
    });
    const entry = matches.map((p) => {
      if (hasAccess(name, user, p.id)) return { resource: p, search: { mode: 'match' } };
      const { address: _address, ...reduced } = p;
      return { resource: { ...reduced, meta: { tag: [{ system: ACCESS, code: 'no-care-relation' }] } }, search: { mode: 'match' } };
    });
    for (const p of matches) record(name, p.id, 'search');
    return reply.type('application/fhir+json').send({ resourceType: 'Bundle', type: 'searchset', total: entry.length, entry });
  });

  app.get('/fhir/Patient/:id', async (req, reply) => {
    const w = who(req);
    if (!w) return unauthorized(reply);
    const [name, user] = w;
    const { id } = req.params as { id: string };
    const p = STUB_PATIENTS.find((x) => x.id === id);
    if (!p) return send(reply, outcome(404, 'not-found', `Patient/${id} findes ikke`));
    if (!hasAccess(name, user, id)) {
      if (user.kind !== 'user') return send(reply, outcome(403, 'forbidden', 'Ingen adgang'));
      return send(reply, outcome(403, 'forbidden', 'Ingen behandlingsrelation til patienten', { system: ACCESS, code: 'break-the-glass-possible' }));
    }
    record(name, id, 'read');
    return reply.type('application/fhir+json').send(p);
  });

  const listFor = (kind: 'AllergyIntolerance' | 'Flag') => async (req: FastifyRequest, reply: FastifyReply) => {
    const w = who(req);
    if (!w) return unauthorized(reply);
    const q = req.query as Record<string, string>;
    const expected = kind === 'AllergyIntolerance' ? q['clinical-status'] === 'active' : q.status === 'active';
    if (!q.patient || !expected) return send(reply, outcome(400, 'invalid', 'patient and active status expected'));
    if (!hasAccess(w[0], w[1], q.patient)) return send(reply, outcome(403, 'forbidden', 'Ingen adgang'));
    const texts = (kind === 'AllergyIntolerance' ? ALLERGIES : FLAGS)[q.patient] ?? [];
    const entry = texts.map((text, i) => ({ resource: { resourceType: kind, id: `${kind}-${q.patient}-${i}`, code: { text }, ...(kind === 'Flag' ? { status: 'active' } : {}) } }));
    return reply.type('application/fhir+json').send({ resourceType: 'Bundle', type: 'searchset', total: entry.length, entry });
  };
  app.get('/fhir/AllergyIntolerance', listFor('AllergyIntolerance'));
  app.get('/fhir/Flag', listFor('Flag'));

  app.post('/api/break-the-glass', async (req, reply) => {
    const w = who(req);
    if (!w) return unauthorized(reply);
    const body = req.body as { patient?: string; reason?: string };
    if (!body?.patient || !STUB_PATIENTS.some((p) => p.id === body.patient)) return send(reply, outcome(400, 'invalid', 'Ukendt patient'));
    if ((body.reason ?? '').trim().length < 10) return send(reply, outcome(400, 'invalid', 'Begrundelsen skal være mindst 10 tegn'));
    const expiresAt = new Date(Date.now() + 2 * 3600_000).toISOString();
    grants.set(w[0], [...(grants.get(w[0]) ?? []), { patient: body.patient, expiresAt }]);
    record(w[0], body.patient, 'break-the-glass', { breakTheGlass: true, reason: body.reason!.trim(), expiresAt });
    return reply.code(201).send({ patient: body.patient, expiresAt });
  });

  app.get('/api/audit/mine', async (req, reply) => {
    const w = who(req);
    if (!w) return unauthorized(reply);
    if (w[1].kind !== 'patient') return send(reply, outcome(403, 'forbidden', 'Kun for patienter'));
    const btgUsers = new Set(audit.filter((a) => a.breakTheGlass && a.patient === w[1].patient).map((a) => a.user));
    const entries = audit
      .filter((a) => a.patient === w[1].patient && a.user !== w[0])
      .map((a) => {
        const u = STUB_USERS[a.user]!;
        const reason = a.breakTheGlass ? a.reason : undefined;
        return { recorded: a.recorded, who: u.display, role: u.role, unit: u.memberships[0]?.unitName, action: a.action, breakTheGlass: a.breakTheGlass || (btgUsers.has(a.user) && a.action === 'read'), ...(reason ? { reason } : {}) };
      });
    return { entries };
  });

  app.get('/api/audit/break-the-glass', async (req, reply) => {
    const w = who(req);
    if (!w) return unauthorized(reply);
    if (!w[1].memberships.some((m) => m.role === 'afdelingsledelse')) return send(reply, outcome(403, 'forbidden', 'Kun for afdelingsledelsen'));
    const entries = audit
      .filter((a) => a.breakTheGlass)
      .map((a) => {
        const u = STUB_USERS[a.user]!;
        const p = STUB_PATIENTS.find((x) => x.id === a.patient)!;
        return { recorded: a.recorded, who: u.display, role: u.role, unit: u.memberships[0]?.unitName, patient: { id: p.id, name: `${p.name[0]!.given[0]} ${p.name[0]!.family}` }, reason: a.reason!, expiresAt: a.expiresAt };
      });
    return { entries };
  });

  if (options.routes) await options.routes(app, { who, unauthorized, send, outcome });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    urls,
    searches,
    counts,
    revokeAccessTokens: () => accessTokens.clear(),
    close: () => app.close(),
  };
}

const token = () => randomBytes(24).toString('base64url');

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A login page like the server's: a form with labelled username and password, the request's parameters hidden. */
function loginPage(params: Record<string, string>, failed: boolean): string {
  const hidden = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'aud']
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(params[k] ?? '')}">`)
    .join('\n');
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Log ind – Kerne</title></head><body><main>
<h1>Log ind på Kerne</h1>
${failed ? '<p role="alert">Forkert brugernavn eller adgangskode.</p>' : ''}
<form method="post" action="/oauth2/authorize">
${hidden}
<p><label for="username">Brugernavn</label><br><input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">Adgangskode</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Log ind</button></p>
</form></main></body></html>`;
}
