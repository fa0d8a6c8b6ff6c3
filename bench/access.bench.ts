/**
 * `npm run bench:access`: what access control and the audit cost (see bench/README.md).
 *
 * One PostgreSQL store (a fresh database, loaded with `kerne import` from the Synthea set, dropped at
 * the end) and two `kerne start` processes on it: "on" (access control and audit, the default) and
 * "off" (KERNE_ACCESS_CONTROL=false, which Kerne allows on loopback only; bearer tokens are still
 * verified). Both have KERNE_HOST=127.0.0.1, the same KERNE_ISSUER (so a token works on both) and
 * KERNE_ACCESS_TOKEN_TTL=3600.
 *
 * Setup, through the real interfaces: `kerne client add` and a client_credentials token (system);
 * with it, over the FHIR API, a unit (Organization), a Practitioner, a PractitionerRole (laege in the
 * unit) and an in-progress Encounter in the unit for each of BENCH_RELATED patients (the care
 * relation); `kerne user add` for that Practitioner and a user token by the authorization code flow
 * with PKCE through the login page.
 *
 * Measured with wrk (-t1, bench/wrk/get.lua, the token in BENCH_AUTHORIZATION) at each concurrency,
 * for the user token and the system token: reads (GET Observation/<id> of the related patients) and
 * token searches (Observation?patient=<id>&code=<system>|<code>). Runs alternate on, off, on, off, …
 * with one server under load at a time; each figure is the median of BENCH_REPEAT runs; the overhead
 * is (off - on) / off of the throughput and should stay under 15 %. The audit_log row count is taken
 * around every run: on, about one row per request; off, none. More than 1 % non-2xx responses fails
 * the benchmark (exit code 1).
 *
 * Environment: BENCH_DURATION (s per run, default 5), BENCH_REPEAT (default 3), BENCH_CONCURRENCY
 * (default "1,16"), BENCH_RELATED (patients with a care relation, default 30), BENCH_DATA,
 * BENCH_PG_URL, BENCH_KEEP=1 (as for bench:fhir).
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  CONCURRENCY,
  DATA,
  DURATION,
  ERROR_LIMIT,
  KEEP,
  KERNE,
  REPEAT,
  REPO,
  WRK,
  checkErrors,
  childEnv,
  cleanup,
  cpuText,
  drain,
  envNumber,
  failed as rowsFailed,
  missingPrerequisite,
  OTHER_LOAD_LIMIT,
  pgAdmin,
  runBench,
  writeReport,
  fmtInt,
  fmtMs,
  httpRequest,
  log,
  median,
  runImport,
  startServer,
  wrkRun,
  type Row,
  type Run,
  type Server,
  type Store,
} from './fhir.bench.ts';

// ---------------------------------------------------------------------------------------------
// Configuration

const RESULTS = path.join(REPO, 'bench', 'results', 'access-latest.md');
const RELATED = Math.round(envNumber('BENCH_RELATED', 30));
/** The issue's limit on the throughput lost to access control and audit. */
const MAX_OVERHEAD = 0.15;
/** Both servers sign and expect this issuer, so that one token works on both. */
const ISSUER = 'http://127.0.0.1';
const ROLE_SYSTEM = 'https://kerne.dk/fhir/CodeSystem/role';
const SYSTEM_CLIENT = { id: 'bench', secret: 'bench-secret-123', scope: 'system/*.*' };
const USER = { username: 'bench-laege', password: 'bench-password-123', scope: 'openid fhirUser user/*.*' };
const WEB_CLIENT = 'kerne-web';
/** A patient needs this many Observations to be picked for the care relations. */
const MIN_OBSERVATIONS = 10;
/** Search queries per related patient: its most frequent Observation codes. */
const CODES_PER_PATIENT = 3;
/**
 * For diagnosis only: synchronous_commit for the bench database (e.g. "off"), to see how much of the
 * overhead is the wait for the audit's commit. Not a production setting: a crash could lose audit rows.
 */
const SYNCHRONOUS_COMMIT = process.env.BENCH_SYNCHRONOUS_COMMIT;
if (SYNCHRONOUS_COMMIT !== undefined && !['on', 'off', 'local', 'remote_write', 'remote_apply'].includes(SYNCHRONOUS_COMMIT)) {
  throw new Error(`BENCH_SYNCHRONOUS_COMMIT: unknown value '${SYNCHRONOUS_COMMIT}'`);
}

const MODES = ['on', 'off'] as const;
type Mode = (typeof MODES)[number];
const SERVER_ENV: Record<Mode, Record<string, string>> = {
  on: { KERNE_ACCESS_CONTROL: 'true' },
  off: { KERNE_ACCESS_CONTROL: 'false' },
};
const COMMON_ENV = { KERNE_HOST: '127.0.0.1', KERNE_ISSUER: ISSUER, KERNE_ACCESS_TOKEN_TTL: '3600', KERNE_LOG_LEVEL: 'warn' };

type TokenKind = 'user' | 'system';
interface Workload {
  label: string;
  token: TokenKind;
  input: string;
}

let setupFailed = false;
const notes: string[] = [];
const fail = (message: string) => {
  setupFailed = true;
  log(`FAIL: ${message}`);
  notes.push(`**FAIL**: ${message}`);
};

// ---------------------------------------------------------------------------------------------
// The CLI, the FHIR API and the token endpoint

/** `kerne <args>` against the bench database; its stdout. */
function kerneCli(store: Store, args: string[]): string {
  const r = spawnSync(process.execPath, [KERNE, ...args], { cwd: REPO, env: childEnv(store), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`kerne ${args.join(' ')} failed (exit ${r.status ?? r.signal}): ${`${r.stderr}\n${r.stdout}`.trim().slice(0, 1500)}`);
  return r.stdout;
}

/** Parsed FHIR JSON, read loosely (a benchmark, not an API). */
type Json = any;

async function fhir(server: Server, token: string, method: string, urlPath: string, body?: unknown): Promise<Json> {
  const r = await httpRequest(server.agent, server.port, method, `/fhir/${urlPath}`, body === undefined ? undefined : JSON.stringify(body), { authorization: `Bearer ${token}` });
  if (r.status < 200 || r.status > 299) throw new Error(`${method} /fhir/${urlPath}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return r.text ? JSON.parse(r.text) : undefined;
}

const matchesOf = (bundle: Json): Json[] => (bundle.entry ?? []).filter((e: Json) => e.search?.mode !== 'include' && e.search?.mode !== 'outcome').map((e: Json) => e.resource);

/** The token endpoint's path, from the SMART configuration (its origin is the issuer, not this port). */
async function tokenPath(server: Server): Promise<string> {
  const r = await httpRequest(server.agent, server.port, 'GET', '/.well-known/smart-configuration', undefined, { accept: 'application/json' });
  if (r.status !== 200) throw new Error(`GET /.well-known/smart-configuration: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return new URL((JSON.parse(r.text) as { token_endpoint: string }).token_endpoint).pathname;
}

async function postToken(server: Server, form: Record<string, string>, headers: Record<string, string> = {}): Promise<string> {
  const r = await httpRequest(server.agent, server.port, 'POST', await tokenPath(server), new URLSearchParams(form).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    ...headers,
  });
  if (r.status !== 200) throw new Error(`POST token (${form.grant_type}): HTTP ${r.status} ${r.text.slice(0, 300)}`);
  const body = JSON.parse(r.text) as { access_token?: string; scope?: string };
  if (!body.access_token) throw new Error(`POST token (${form.grant_type}): no access_token in ${r.text.slice(0, 300)}`);
  log(`${form.grant_type} token granted, scope '${body.scope ?? '?'}'`);
  return body.access_token;
}

function systemToken(server: Server): Promise<string> {
  const basic = Buffer.from(`${encodeURIComponent(SYSTEM_CLIENT.id)}:${encodeURIComponent(SYSTEM_CLIENT.secret)}`).toString('base64');
  return postToken(server, { grant_type: 'client_credentials', scope: SYSTEM_CLIENT.scope }, { authorization: `Basic ${basic}` });
}

const unescapeHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1]!) : undefined;
};

/**
 * A user token the way a browser gets one: GET /oauth2/authorize (code, PKCE S256) → the login page
 * (its form: a hidden CSRF field and the pending request; its CSRF cookie) → POST the form with the
 * username, password and cookies → redirect to the callback with ?code= → POST /oauth2/token.
 */
async function userToken(server: Server): Promise<string> {
  const origin = `http://127.0.0.1:${server.port}`;
  const redirectUri = `${ISSUER}/app/callback`;
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('hex');
  const cookies = new Map<string, string>();
  const step = async (target: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) => {
    const url = new URL(target, origin);
    const res = await fetch(`${origin}${url.pathname}${url.search}`, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      cookies.set(pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1));
    }
    return { res, text: await res.text() };
  };
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: WEB_CLIENT,
    redirect_uri: redirectUri,
    scope: USER.scope,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  let page = await step(`/oauth2/authorize?${query}`);
  for (let hops = 0; page.res.status >= 300 && page.res.status < 400 && hops < 5; hops++) {
    page = await step(page.res.headers.get('location') ?? '/');
  }
  if (page.res.status !== 200) throw new Error(`GET /oauth2/authorize: HTTP ${page.res.status}, expected the login page: ${page.text.slice(0, 300)}`);
  const form = /<form\b[^>]*>/i.exec(page.text)?.[0];
  const action = form && attr(form, 'action');
  if (!action) throw new Error(`the login page has no form with an action: ${page.text.slice(0, 500)}`);
  const fields = new URLSearchParams();
  for (const [input] of page.text.matchAll(/<input\b[^>]*>/gi)) {
    const name = attr(input, 'name');
    if (name && attr(input, 'type') === 'hidden') fields.set(name, attr(input, 'value') ?? '');
  }
  fields.set('username', USER.username);
  fields.set('password', USER.password);
  log(`login form: POST ${action} with ${[...fields.keys()].join(', ')}; cookies ${[...cookies.keys()].join(', ') || '(none)'}`);
  const login = await step(action, { method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const location = login.res.headers.get('location');
  if (login.res.status < 300 || login.res.status > 399 || !location) throw new Error(`POST ${action}: HTTP ${login.res.status}, expected a redirect to the callback: ${login.text.slice(0, 500)}`);
  const back = new URL(location, origin);
  const code = back.searchParams.get('code');
  if (!code || back.searchParams.get('state') !== state) throw new Error(`the login redirected to ${location}, without a code for this state`);
  return postToken(server, { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: WEB_CLIENT, code_verifier: verifier });
}

// ---------------------------------------------------------------------------------------------
// The user's care relations, and the inputs for wrk

interface Related {
  unit: string;
  practitioner: string;
  /** The related patients' Observations: ids, and the queries to search them by patient and code. */
  observationIds: string[];
  queries: string[];
  /** An Observation of a patient without a care relation (the on/off sanity check). */
  unrelatedObservation: string;
}

/** Picks BENCH_RELATED patients with Observations and gives each an in-progress Encounter in a new unit. */
async function setUpCareRelations(server: Server, token: string): Promise<Related> {
  const tag = `bench-${process.pid}`;
  const unit = (await fhir(server, token, 'POST', 'Organization', { resourceType: 'Organization', active: true, name: 'Bench: medicinsk afdeling', identifier: [{ system: 'urn:kerne:bench', value: tag }] })).id as string;
  const practitioner = (await fhir(server, token, 'POST', 'Practitioner', { resourceType: 'Practitioner', active: true, name: [{ family: 'Benchlæge', given: ['Bente'] }], identifier: [{ system: 'urn:kerne:bench', value: tag }] })).id as string;
  await fhir(server, token, 'POST', 'PractitionerRole', {
    resourceType: 'PractitionerRole',
    active: true,
    practitioner: { reference: `Practitioner/${practitioner}` },
    organization: { reference: `Organization/${unit}` },
    code: [{ coding: [{ system: ROLE_SYSTEM, code: 'laege' }] }],
  });

  const patients = matchesOf(await fhir(server, token, 'GET', 'Patient?_count=1000&_elements=id')).map((p: Json) => p.id as string).sort();
  const observationIds: string[] = [];
  const queries: string[] = [];
  let picked = 0;
  let unrelatedObservation: string | undefined;
  for (const patient of patients) {
    const observations = matchesOf(await fhir(server, token, 'GET', `Observation?patient=${patient}&_count=1000&_elements=code`));
    if (picked >= RELATED) {
      unrelatedObservation ??= observations[0]?.id;
      if (unrelatedObservation) break;
      continue;
    }
    if (observations.length < MIN_OBSERVATIONS) continue;
    const codes = new Map<string, number>();
    for (const o of observations) {
      const c = (o.code?.coding ?? [])[0] as { system?: string; code?: string } | undefined;
      // plain codes only, so that the query line needs no escaping
      if (c?.system && c.code && /^[A-Za-z0-9:/._-]+$/.test(c.system) && /^[A-Za-z0-9._-]+$/.test(c.code)) codes.set(`${c.system}|${c.code}`, (codes.get(`${c.system}|${c.code}`) ?? 0) + 1);
    }
    const top = [...codes].sort((a, b) => b[1] - a[1]).slice(0, CODES_PER_PATIENT);
    if (top.length === 0) continue;
    await fhir(server, token, 'POST', 'Encounter', {
      resourceType: 'Encounter',
      status: 'in-progress',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
      subject: { reference: `Patient/${patient}` },
      serviceProvider: { reference: `Organization/${unit}` },
      period: { start: new Date().toISOString() },
    });
    observationIds.push(...observations.map((o: Json) => o.id as string));
    queries.push(...top.map(([code]) => `Observation?patient=${patient}&code=${code}`));
    picked++;
  }
  if (picked < RELATED) throw new Error(`only ${picked} patients have ${MIN_OBSERVATIONS} or more Observations (BENCH_RELATED=${RELATED})`);
  if (!unrelatedObservation) throw new Error('no patient without a care relation is left for the sanity check (lower BENCH_RELATED)');
  log(`care relations: unit Organization/${unit}, Practitioner/${practitioner}, ${picked} patients with an in-progress Encounter, ${observationIds.length} Observations, ${queries.length} search queries`);
  return { unit, practitioner, observationIds, queries, unrelatedObservation };
}

/**
 * Checks the inputs on both servers with both tokens: every search query (HTTP 200, the user sees
 * what the system client sees) and a sample of the reads. Then that the switch works: the user may
 * not read an unrelated patient's Observation with access control on, and may with it off.
 */
async function verifyInputs(servers: Record<Mode, Server>, tokens: Record<TokenKind, string>, related: Related): Promise<string> {
  const problems: string[] = [];
  let matches = 0;
  for (const q of related.queries) {
    const counts: string[] = [];
    for (const mode of MODES) {
      for (const kind of ['user', 'system'] as const) {
        try {
          counts.push(`${mode}/${kind} ${matchesOf(await fhir(servers[mode], tokens[kind], 'GET', q)).length}`);
        } catch (e) {
          problems.push((e as Error).message);
        }
      }
    }
    const n = new Set(counts.map((c) => c.split(' ')[1]));
    if (n.size !== 1 || n.has('0')) problems.push(`${q}: ${counts.join(', ')} matches`);
    matches += Number(counts[0]?.split(' ')[1] ?? 0);
  }
  const step = Math.max(1, Math.floor(related.observationIds.length / 50));
  for (let i = 0; i < related.observationIds.length; i += step) {
    for (const mode of MODES) {
      for (const kind of ['user', 'system'] as const) {
        await fhir(servers[mode], tokens[kind], 'GET', `Observation/${related.observationIds[i]}`).catch((e: Error) => problems.push(e.message));
      }
    }
  }
  if (problems.length) fail(`${problems.length} problems with the inputs, e.g. ${problems.slice(0, 3).join(' | ')}`);
  else log(`inputs checked on both servers with both tokens: ${related.queries.length} queries (${fmtInt(matches)} matches, the same for user and system), ${Math.ceil(related.observationIds.length / step)} sample reads`);

  const statusOf = async (mode: Mode) =>
    (await httpRequest(servers[mode].agent, servers[mode].port, 'GET', `/fhir/Observation/${related.unrelatedObservation}`, undefined, { authorization: `Bearer ${tokens.user}` })).status;
  const [on, off] = [await statusOf('on'), await statusOf('off')];
  const sanity = `the user token on an Observation of a patient without a care relation: HTTP ${on} with access control on, HTTP ${off} with it off`;
  if (on === 200 || off !== 200) fail(`access control does not seem to switch: ${sanity}`);
  else log(`sanity: ${sanity}`);
  return sanity;
}

/**
 * What one durable commit costs on this machine (one-row INSERTs into a scratch table, one at a time):
 * every audited request waits for the commit of the batch its AuditEvent is in.
 */
async function commitLatency(store: Store): Promise<string> {
  const client = new pg.Client({ connectionString: store.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('CREATE TABLE bench_commit_probe (n int)');
    const ms: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await client.query('INSERT INTO bench_commit_probe VALUES ($1)', [i]);
      ms.push(performance.now() - t0);
    }
    await client.query('DROP TABLE bench_commit_probe');
    const setting = (await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit;
    ms.sort((a, b) => a - b);
    return `one-row INSERT with its commit (synchronous_commit=${setting}), one at a time: p50 ${ms[100]!.toFixed(2)} ms, p90 ${ms[180]!.toFixed(2)} ms`;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface Pair {
  workload: Workload;
  concurrency: number;
  rows: Record<Mode, Row>;
  /** audit_log rows appended during each run (counted after the run's requests have drained). */
  audit: Record<Mode, number[]>;
}

async function measure(servers: Record<Mode, Server>, store: Store, tokens: Record<TokenKind, string>, workloads: Workload[]): Promise<Pair[]> {
  const audit = new pg.Client({ connectionString: store.env.DATABASE_URL });
  await audit.connect();
  const auditRows = async () => Number((await audit.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]!.n);
  const cMax = Math.max(...CONCURRENCY);
  const pairs: Pair[] = [];
  try {
    for (const w of workloads) {
      // the token for wrk: bench/wrk/common.lua reads it from the environment
      process.env.BENCH_AUTHORIZATION = `Bearer ${tokens[w.token]}`;
      for (const mode of MODES) {
        log(`${w.label} (${w.token} token): warm-up, access control ${mode}`);
        await wrkRun(servers[mode], store.dbName, 'get.lua', 1, Math.min(2, DURATION), w.input);
        if (cMax > 1) await wrkRun(servers[mode], store.dbName, 'get.lua', cMax, 1, w.input);
        await drain(servers[mode], store, '/healthz');
      }
      for (const c of CONCURRENCY) {
        const operation = (mode: Mode) => `${w.label} (${w.token} token), access control ${mode}`;
        const pair: Pair = {
          workload: w,
          concurrency: c,
          rows: { on: { operation: operation('on'), concurrency: c, unit: 'req/s', runs: [] }, off: { operation: operation('off'), concurrency: c, unit: 'req/s', runs: [] } },
          audit: { on: [], off: [] },
        };
        pairs.push(pair);
        for (let i = 0; i < REPEAT; i++) {
          for (const mode of MODES) {
            const before = await auditRows();
            const run = await wrkRun(servers[mode], store.dbName, 'get.lua', c, DURATION, w.input);
            const drained = await drain(servers[mode], store, '/healthz');
            await auditWritten(servers[mode]);
            if (drained > 1) run.note = `busy ${drained.toFixed(0)} s after the run`;
            const appended = (await auditRows()) - before;
            pair.rows[mode].runs.push(run);
            pair.audit[mode].push(appended);
            log(`${operation(mode)} -c${c} run ${i + 1}: ${fmtInt(run.rate)} req/s, p50 ${fmtMs(run.p50Us)} ms, p99 ${fmtMs(run.p99Us)} ms, errors ${run.errors}/${run.requests}, audit rows +${fmtInt(appended)}; ${cpuText(run.cpu!)}`);
          }
        }
        for (const mode of MODES) checkErrors(pair.rows[mode]);
      }
    }
  } finally {
    delete process.env.BENCH_AUTHORIZATION;
    await audit.end();
  }
  return pairs;
}

/** Waits until the server's audit writer has written what it was handed (kerne_audit_backlog 0 at /metrics). */
async function auditWritten(server: Server): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    if (/^kerne_audit_backlog 0$/m.test(text)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the audit backlog did not drain within 5 s after a run');
}

// ---------------------------------------------------------------------------------------------
// Report

const rateOf = (row: Row) => median(row.runs.map((r) => r.rate));
const overheadOf = (p: Pair) => (rateOf(p.rows.off) - rateOf(p.rows.on)) / rateOf(p.rows.off);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function renderPairs(pairs: Pair[]): string {
  const lines = [
    '| workload | token | c | on: req/s | off: req/s | overhead | p50 ms on / off | p99 ms on / off | errors on / off | audit rows per request on / off | runs on (req/s) | runs off (req/s) | CPU ms per request, server + postgres: on / off | other load (cores) on / off |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|',
  ];
  for (const p of pairs) {
    const { on, off } = p.rows;
    const both = (f: (r: Row) => string) => `${f(on)} / ${f(off)}`;
    const lat = (pick: (r: Run) => number) => (r: Row) => fmtMs(median(r.runs.map(pick)));
    const sum = (r: Row, pick: (x: Run) => number) => r.runs.reduce((a, x) => a + pick(x), 0);
    const errors = (r: Row) => `${fmtInt(sum(r, (x) => x.errors))}${sum(r, (x) => x.errors) > ERROR_LIMIT * sum(r, (x) => x.requests) ? ' **FAIL**' : ''}`;
    const perRequest = (mode: Mode) => (p.audit[mode].reduce((a, b) => a + b, 0) / Math.max(1, sum(p.rows[mode], (x) => x.requests))).toFixed(3);
    // CPU time per request: a figure that other load on the machine disturbs less than the rate
    const perReq = (r: Row, pick: (x: Run) => number) => median(r.runs.map((x) => (pick(x) / x.rate) * 1000)).toFixed(2);
    const cpu = (r: Row) => `${perReq(r, (x) => x.cpu!.server)} + ${perReq(r, (x) => x.cpu!.postgres)}`;
    const other = (r: Row) => median(r.runs.map((x) => x.cpu!.other)).toFixed(2);
    const runs = (r: Row) => r.runs.map((x) => fmtInt(x.rate) + (x.note ? ` (${x.note})` : '')).join(', ');
    const overhead = overheadOf(p);
    lines.push(
      `| ${p.workload.label} | ${p.workload.token} | ${p.concurrency} | **${fmtInt(rateOf(on))}** | **${fmtInt(rateOf(off))}** | ${overhead < MAX_OVERHEAD ? pct(overhead) : `**${pct(overhead)}**`} | ${both(lat((x) => x.p50Us))} | ${both(lat((x) => x.p99Us))} | ${both(errors)} | ${perRequest('on')} / ${perRequest('off')} | ${runs(on)} | ${runs(off)} | ${both(cpu)} | ${both(other)} |`,
    );
  }
  return lines.join('\n');
}

function verdict(pairs: Pair[]): string {
  if (pairs.length === 0) return '**Verdict: not measured.**';
  const worst = pairs.reduce((a, b) => (overheadOf(b) > overheadOf(a) ? b : a));
  const over = pairs.filter((p) => !(overheadOf(p) < MAX_OVERHEAD));
  const name = (p: Pair) => `${p.workload.label}, ${p.workload.token} token, c${p.concurrency}`;
  const auditOk = pairs.every((p) => p.audit.off.every((n) => n === 0) && p.audit.on.every((n, i) => n >= p.rows.on.runs[i]!.requests));
  const other = median(pairs.flatMap((p) => MODES.flatMap((m) => p.rows[m].runs.map((r) => r.cpu!.other))));
  return [
    ...(other > OTHER_LOAD_LIMIT
      ? [
          `**The machine was not quiet**: other processes used ${other.toFixed(2)} of its ${os.cpus().length} cores during a typical run. The alternation keeps on and off comparable, but the rates are lower and noisier than on a quiet machine; the CPU time per request is the steadier figure.`,
          '',
        ]
      : []),
    over.length === 0
      ? `**Verdict: met.** The overhead of access control and audit stays under ${pct(MAX_OVERHEAD)} of the throughput in all ${pairs.length} measurements (the most: ${pct(overheadOf(worst))}, ${name(worst)}).`
      : `**Verdict: missed.** The overhead is ${pct(MAX_OVERHEAD)} or more in ${over.length} of ${pairs.length} measurements: ${over.map((p) => `${name(p)} ${pct(overheadOf(p))}`).join('; ')}.`,
    '',
    auditOk
      ? 'Audit: with access control on, every run appended at least one audit_log row per completed request (the few extra are the requests still in flight when wrk stopped); with it off, none.'
      : '**Audit: some "on" run appended fewer audit_log rows than it completed requests, or some "off" run appended rows (see the table).**',
  ].join('\n');
}

function environmentLines(): string[] {
  const git = (args: string[]) => spawnSync('git', args, { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  const cpu = os.cpus();
  return [
    `- commit ${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain']) ? ' (with uncommitted changes)' : ''}; Node.js ${process.version}; ${spawnSync(WRK, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim() ?? ''}`,
    `- machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${fmtInt(os.totalmem() / 2 ** 20)} MB RAM, shared by the servers, PostgreSQL and wrk; load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  const missing = missingPrerequisite();
  if (missing !== undefined) return missing;
  const started = Date.now();
  const envLines = environmentLines();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kerne-bench-access-'));
  let pairs: Pair[] = [];
  const facts: string[] = [];
  try {
    // 1. the store: a fresh database loaded with kerne import; the system client
    log(`kerne import ${DATA} into a fresh PostgreSQL database`);
    const { store, run: imported, summary } = await runImport('postgres', tmp, 2);
    if (imported.errors > 0) throw new Error(`kerne import failed: ${imported.firstError ?? summary}`);
    facts.push(`- store: PostgreSQL database ${store.dbName}, loaded by \`kerne import\` (${summary})`);
    if (SYNCHRONOUS_COMMIT !== undefined) {
      await pgAdmin((c) => c.query(`ALTER DATABASE ${store.dbName} SET synchronous_commit = ${SYNCHRONOUS_COMMIT}`));
      facts.push(`- **diagnosis run: synchronous_commit=${SYNCHRONOUS_COMMIT} for the bench database (BENCH_SYNCHRONOUS_COMMIT); not a production setting**`);
    }
    kerneCli(store, ['client', 'add', '--id', SYSTEM_CLIENT.id, '--secret', SYSTEM_CLIENT.secret, '--scope', SYSTEM_CLIENT.scope]);

    // 2. both servers on it, idle while the other is measured
    const servers = {} as Record<Mode, Server>;
    for (const mode of MODES) {
      servers[mode] = await startServer({ ...store, env: { ...store.env, ...COMMON_ENV, ...SERVER_ENV[mode] } }, tmp);
      log(`server with access control ${mode} on port ${servers[mode].port}`);
    }

    // 3. the care relations and the tokens
    const system = await systemToken(servers.on);
    const related = await setUpCareRelations(servers.on, system);
    kerneCli(store, ['user', 'add', '--username', USER.username, '--password', USER.password, '--practitioner', `Practitioner/${related.practitioner}`]);
    const tokens: Record<TokenKind, string> = { system, user: await userToken(servers.on) };
    const sanity = await verifyInputs(servers, tokens, related);
    const commit = await commitLatency(store);
    log(`commit latency: ${commit}`);
    facts.push(
      `- user \`${USER.username}\`: Practitioner/${related.practitioner}, PractitionerRole laege in the unit Organization/${related.unit}; care relations: an in-progress Encounter in the unit for each of ${RELATED} patients; token by the authorization code flow (PKCE) through the login page, scope \`${USER.scope}\``,
      `- system client \`${SYSTEM_CLIENT.id}\` (\`kerne client add\`), client_credentials token, scope \`${SYSTEM_CLIENT.scope}\``,
      `- inputs: reads of the related patients' ${fmtInt(related.observationIds.length)} Observations (drawn at random); ${related.queries.length} token searches \`Observation?patient=<id>&code=<system>|<code>\` (each patient's ${CODES_PER_PATIENT} most frequent codes), checked beforehand on both servers with both tokens (HTTP 200, the same matches)`,
      `- sanity: ${sanity}`,
      `- PostgreSQL commit latency: ${commit} (every audited request waits for the commit of its AuditEvent's batch)`,
    );

    // 4. the measurements
    const inputs = (name: string, lines: string[]) => {
      const f = path.join(tmp, name);
      writeFileSync(f, `${lines.join('\n')}\n`);
      return f;
    };
    const reads = inputs('observation-reads.txt', related.observationIds.map((id) => `Observation/${id}`));
    const searches = inputs('observation-searches.txt', related.queries);
    const workloads: Workload[] = (['user', 'system'] as const).flatMap((token) => [
      { label: 'read: GET Observation/id', token, input: reads },
      { label: 'search: Observation?patient=&code=', token, input: searches },
    ]);
    pairs = await measure(servers, store, tokens, workloads);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  } finally {
    await cleanup();
    if (!KEEP) rmSync(tmp, { recursive: true, force: true });
  }
  const failed = setupFailed || rowsFailed;
  const md = [
    `# Kerne access control and audit benchmark (\`npm run bench:access\`), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    ...envLines,
    ...facts,
    `- "on": access control and audit (the default); "off": \`KERNE_ACCESS_CONTROL=false\` (bearer tokens still verified, no scope or role check, no care-relation filter, no audit); two \`kerne start\` processes on the same database, \`KERNE_HOST=127.0.0.1\`, \`KERNE_ISSUER=${ISSUER}\``,
    `- wrk -t1 at c${CONCURRENCY.join(' and c')}; each figure: the median of ${REPEAT} runs of ${DURATION} s, alternating on, off, on, off, … with one server under load at a time; warm-up per workload and server: 2 s at c1 and 1 s at c${Math.max(...CONCURRENCY)}; after each run the driver waits until the server has finished what was in flight and its audit writer has written its backlog (kerne_audit_backlog 0 at /metrics), then counts the audit_log rows`,
    '- overhead = (off − on) / off of the median throughput; the issue asks for less than 15 %',
    `- total time ${((Date.now() - started) / 60000).toFixed(1)} min`,
    '',
    renderPairs(pairs),
    '',
    verdict(pairs),
    '',
    ...notes.map((n) => `- ${n}`),
    failed ? '\n**FAILED: some measurement had more than 1 % errors or could not run (see the log).**\n' : '',
  ].join('\n');
  writeReport(RESULTS, md);
  return failed ? 1 : 0;
}

runBench(main);
