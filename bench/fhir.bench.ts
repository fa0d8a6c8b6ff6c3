/**
 * `npm run bench:fhir`: the platform-core benchmark (see bench/README.md).
 *
 * For each store (PostgreSQL: a fresh database on 127.0.0.1:5432, dropped at the end; PGlite: a
 * fresh temporary --data-dir), with the Synthea set (../shared/data/synthea-r4):
 *   1. `kerne import <synthea>` as a child process, on a fresh store per run, at --concurrency 1
 *      and 16: resources/s by wall clock and by the importer's own summary, importer peak memory;
 *   2. `kerne start` as a child process (KERNE_LOG_LEVEL=warn) on the last imported store;
 *   3. with wrk (-t1, Lua scripts in bench/wrk/) at -c1 and -c16: read, token / date-range /
 *      chained search, update, create: requests/s and p50/p95/p99 latency;
 *   4. transaction Bundles over HTTP (the Synthea patient Bundles, ifNoneExist added to the
 *      administrative POSTs as the importer does) with a keep-alive node:http client at
 *      concurrency 1 and 16: resources/s;
 *   5. the server's memory: RSS after start (store loaded), RSS after the HTTP import, and peak
 *      (VmHWM) at the end.
 * Every figure is the median of BENCH_REPEAT runs. Non-2xx responses and socket errors are
 * counted; more than 1 % errors in any measurement fails the benchmark (exit code 1).
 *
 * Environment: BENCH_DURATION (s per run, default 5), BENCH_REPEAT (default 3), BENCH_STORES
 * (default "postgres,pglite"), BENCH_CONCURRENCY (default "1,16"), BENCH_IMPORT_REPEAT (fresh
 * imports per concurrency, default 1), BENCH_DATA (default ../shared/data/synthea-r4 from the
 * repository root), BENCH_PG_URL (maintenance database, default
 * postgres://postgres@127.0.0.1:5432/postgres), BENCH_OPS (comma list to run a subset:
 * import,bundle,read,token,date,chain,update,create), BENCH_KEEP=1 (keep the store afterwards).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// ---------------------------------------------------------------------------------------------
// Configuration

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const KERNE = path.join(REPO, 'bin', 'kerne.js');
const WRK_DIR = path.join(REPO, 'bench', 'wrk');
const RESULTS = path.join(REPO, 'bench', 'results', 'latest.md');
export const WRK = '/usr/bin/wrk';

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not '${raw}'`);
  return n;
}
function envList(name: string, fallback: string): string[] {
  return (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
}

export const DURATION = envNumber('BENCH_DURATION', 5);
export const REPEAT = Math.round(envNumber('BENCH_REPEAT', 3));
const IMPORT_REPEAT = Math.round(envNumber('BENCH_IMPORT_REPEAT', 1));
const STORES = envList('BENCH_STORES', 'postgres,pglite') as Array<'postgres' | 'pglite'>;
export const CONCURRENCY = envList('BENCH_CONCURRENCY', '1,16').map(Number);
export const DATA = path.resolve(REPO, process.env.BENCH_DATA ?? '../shared/data/synthea-r4');
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ALL_OPS = ['import', 'bundle', 'read', 'token', 'date', 'chain', 'update', 'create'] as const;
type Op = (typeof ALL_OPS)[number];
const OPS = new Set(envList('BENCH_OPS', ALL_OPS.join(',')) as Op[]);
export const KEEP = process.env.BENCH_KEEP === '1';
export const ERROR_LIMIT = 0.01;
const CLK_TCK = 100; // getconf CLK_TCK on Linux
/** Cores used by other processes above which a run is flagged as disturbed. */
export const OTHER_LOAD_LIMIT = 0.25;
/** Below this rate at concurrency 1 (warm-up), an operation is run once at c1 only. */
const SLOW_RATE = 5;

for (const s of STORES) if (s !== 'postgres' && s !== 'pglite') throw new Error(`BENCH_STORES: unknown store '${s}'`);
for (const c of CONCURRENCY) if (!Number.isInteger(c) || c < 1) throw new Error(`BENCH_CONCURRENCY: bad value ${c}`);

// ---------------------------------------------------------------------------------------------
// Small helpers

export const log = (msg: string): void => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
};
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtMs = (us: number) => (us / 1000).toFixed(us < 10_000 ? 2 : 1);

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** kB values of VmRSS / VmHWM from /proc/<pid>/status (undefined when the process is gone). */
function procMemory(pid: number): { rssKb: number; hwmKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return undefined;
  }
}
export const cpuText = (c: CpuSplit) =>
  `CPU cores: server ${c.server.toFixed(2)}, postgres ${c.postgres.toFixed(2)}, load gen ${c.loadgen.toFixed(2)}, other ${c.other.toFixed(2)}${c.other > OTHER_LOAD_LIMIT ? ` (${c.otherTop})` : ''}, machine ${c.machine.toFixed(2)}`;
const mb = (kb: number) => `${fmtInt(kb / 1024)} MB`;

/** comm and utime + stime (clock ticks) of a process, from /proc/<pid>/stat (undefined when gone). */
function procStat(pid: number): { comm: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** busy ticks of the whole machine, from /proc/stat. */
function machineBusyTicks(): number {
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return v.reduce((a, b) => a + b, 0) - (v[3] ?? 0) - (v[4] ?? 0);
}

export interface CpuSplit {
  /** cores used on average: the Kerne process (or the importer) */
  server: number;
  /** PostgreSQL: the bench database's backends and the cluster's background processes */
  postgres: number;
  /** wrk, or this driver */
  loadgen: number;
  /** everything else (other users of the machine) */
  other: number;
  /** the whole machine, from /proc/stat */
  machine: number;
  /** the biggest "other" processes, e.g. "node 0.8, postgres(other db) 0.3" */
  otherTop: string;
}

type Role = 'server' | 'postgres' | 'loadgen' | 'other';

/**
 * CPU used by each party during a measurement: polls every process's ticks (every 500 ms, so that
 * processes that exit meanwhile, like the importer's PostgreSQL backends, are still counted up to
 * their last sample) and classifies it.
 */
class CpuMeter {
  private readonly t0 = performance.now();
  private readonly machine0 = machineBusyTicks();
  private readonly procs = new Map<number, { role: Role; label: string; first: number; last: number }>();
  private readonly timer: NodeJS.Timeout;
  constructor(
    private serverPid: number,
    private readonly dbName: string | undefined,
    private loadgenPid = process.pid,
  ) {
    this.poll(true);
    this.timer = setInterval(() => this.poll(false), 500);
  }
  setServer(pid: number): void {
    this.serverPid = pid;
  }
  setLoadgen(pid: number): void {
    this.loadgenPid = pid;
  }
  private classify(pid: number, comm: string): { role: Role; label: string } {
    if (pid === this.serverPid) return { role: 'server', label: 'server' };
    if (pid === this.loadgenPid || pid === process.pid) return { role: 'loadgen', label: comm };
    if (comm === 'postgres') {
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        // gone
      }
      // client backends show "postgres: <cluster>: user db host(port) state"
      const isClient = /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(cmdline);
      if (!isClient || (this.dbName && cmdline.includes(` ${this.dbName} `))) return { role: 'postgres', label: 'postgres' };
      return { role: 'other', label: 'postgres (other databases)' };
    }
    return { role: 'other', label: comm };
  }
  private poll(initial: boolean): void {
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.charCodeAt(0) > 57) continue; // not a pid
      const pid = Number(e);
      const st = procStat(pid);
      if (!st) continue;
      const known = this.procs.get(pid);
      if (known) known.last = st.ticks;
      else this.procs.set(pid, { ...this.classify(pid, st.comm), first: initial ? st.ticks : 0, last: st.ticks });
    }
  }
  stop(): CpuSplit {
    this.poll(false);
    clearInterval(this.timer);
    const secs = (performance.now() - this.t0) / 1000;
    const cores = (ticks: number) => ticks / CLK_TCK / secs;
    const byRole: Record<Role, number> = { server: 0, postgres: 0, loadgen: 0, other: 0 };
    const others = new Map<string, number>();
    for (const p of this.procs.values()) {
      const d = p.last - p.first;
      byRole[p.role] += d;
      if (p.role === 'other' && d > 0) others.set(p.label, (others.get(p.label) ?? 0) + d);
    }
    return {
      server: cores(byRole.server),
      postgres: cores(byRole.postgres),
      loadgen: cores(byRole.loadgen),
      other: cores(byRole.other),
      machine: cores(machineBusyTicks() - this.machine0),
      otherTop: [...others].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${cores(v).toFixed(2)}`).join(', '),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP client (keep-alive; used for setup and for transaction Bundles)

interface HttpResult {
  status: number;
  text: string;
}

export function httpRequest(agent: http.Agent, port: number, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        agent,
        headers: {
          accept: 'application/fhir+json',
          ...(body !== undefined ? { 'content-type': 'application/fhir+json', 'content-length': Buffer.byteLength(body) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(300_000, () => req.destroy(new Error(`timeout: ${method} ${urlPath}`)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// The data set: what to search for, and the Bundles to POST

interface FhirBundle {
  resourceType: 'Bundle';
  type?: string;
  entry?: Array<{ fullUrl?: string; resource?: Record<string, unknown> & { resourceType: string }; request?: { method?: string; url?: string; ifNoneExist?: string } }>;
}

const ADMINISTRATIVE = new Set(['Organization', 'Practitioner', 'Location', 'PractitionerRole']);

/** The importer's de-duplication rule (src/import/administrative.ts), restated here: ifNoneExist on administrative POSTs. */
function addIfNoneExist(bundle: FhirBundle): FhirBundle {
  for (const e of bundle.entry ?? []) {
    const r = e.resource;
    if (!r || !ADMINISTRATIVE.has(r.resourceType) || !e.request || e.request.ifNoneExist) continue;
    if (e.request.method !== 'POST' || (e.request.url ?? '').replace(/\?.*$/, '').includes('/')) continue;
    const ids = (r.identifier as Array<{ system?: string; value?: string }> | undefined) ?? [];
    const id = ids.find((i) => typeof i.system === 'string' && i.system !== '' && typeof i.value === 'string' && i.value !== '');
    if (!id) continue;
    const esc = (s: string) => s.replace(/[\\|,$]/g, (c) => `\\${c}`);
    e.request.ifNoneExist = `identifier=${esc(id.system!)}|${esc(id.value!)}`;
  }
  return bundle;
}

interface DataSet {
  files: number;
  resources: number;
  /** Patient Bundles, serialised, for the HTTP import. */
  bundles: Array<{ name: string; body: string; entries: number }>;
  /** LOINC codes of Observations, most frequent first. */
  codes: Array<{ code: string; count: number }>;
  /** Months (YYYY-MM) of Observation effective dates, most frequent first. */
  months: Array<{ month: string; count: number }>;
  /** Patient family names with their Observation counts. */
  families: Array<{ family: string; observations: number }>;
}

function loadDataSet(): DataSet {
  const names = readdirSync(DATA).filter((f) => f.endsWith('.json')).sort();
  const codes = new Map<string, number>();
  const months = new Map<string, number>();
  const families = new Map<string, number>();
  const bundles: DataSet['bundles'] = [];
  let resources = 0;
  for (const name of names) {
    const bundle = JSON.parse(readFileSync(path.join(DATA, name), 'utf8')) as FhirBundle;
    const entries = bundle.entry ?? [];
    resources += entries.length;
    let family: string | undefined;
    let observations = 0;
    for (const e of entries) {
      const r = e.resource as Record<string, any> | undefined;
      if (!r) continue;
      if (r.resourceType === 'Patient') family = r.name?.[0]?.family;
      if (r.resourceType === 'Observation') {
        observations++;
        for (const c of r.code?.coding ?? []) if (c.system === 'http://loinc.org') codes.set(c.code, (codes.get(c.code) ?? 0) + 1);
        const d: unknown = r.effectiveDateTime ?? r.effectivePeriod?.start;
        if (typeof d === 'string') months.set(d.slice(0, 7), (months.get(d.slice(0, 7)) ?? 0) + 1);
      }
    }
    if (family) families.set(family, (families.get(family) ?? 0) + observations);
    if (entries.some((e) => e.resource?.resourceType === 'Patient')) {
      bundles.push({ name, body: JSON.stringify(addIfNoneExist(bundle)), entries: entries.length });
    }
  }
  const byCount = <K extends string>(m: Map<string, number>, key: K) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([k, count]) => ({ [key]: k, count }) as Record<K, string> & { count: number });
  return {
    files: names.length,
    resources,
    bundles,
    codes: byCount(codes, 'code'),
    months: byCount(months, 'month'),
    families: [...families].map(([family, observations]) => ({ family, observations })),
  };
}

// ---------------------------------------------------------------------------------------------
// Stores

export interface Store {
  kind: 'postgres' | 'pglite';
  /** Arguments and environment for `kerne import` / `kerne start`. */
  args: string[];
  env: Record<string, string>;
  dbName?: string;
  dataDir?: string;
  drop(): Promise<void>;
}

let storeSeq = 0;
const liveStores = new Set<Store>();

export async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function freshStore(kind: 'postgres' | 'pglite', tmp: string): Promise<Store> {
  storeSeq++;
  let store: Store;
  if (kind === 'postgres') {
    const dbName = `kerne_bench_${process.pid}_${storeSeq}`;
    await pgAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    store = {
      kind,
      // flags as well as environment: src/config/config.ts lets an absent flag override the environment
      args: ['--database-url', url.toString()],
      env: { DATABASE_URL: url.toString() },
      dbName,
      drop: async () => {
        liveStores.delete(store);
        if (KEEP) return log(`kept database ${dbName}`);
        await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
      },
    };
  } else {
    const dataDir = path.join(tmp, `pglite-${storeSeq}`);
    store = {
      kind,
      args: ['--data-dir', dataDir],
      env: {},
      dataDir,
      drop: async () => {
        liveStores.delete(store);
        if (KEEP) return log(`kept data folder ${dataDir}`);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  liveStores.add(store);
  return store;
}

export function childEnv(store: Store): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KERNE_LOG_LEVEL: 'warn', ...store.env };
  if (store.kind === 'pglite') delete env.DATABASE_URL;
  delete env.KERNE_PORT;
  delete env.KERNE_DATA_DIR;
  return env;
}

// ---------------------------------------------------------------------------------------------
// Measurements

export interface Run {
  rate: number;
  p50Us: number;
  p95Us: number;
  p99Us: number;
  requests: number;
  errors: number;
  firstError?: string;
  cpu?: CpuSplit;
  note?: string;
}

export interface Row {
  operation: string;
  concurrency: number;
  unit: 'req/s' | 'resources/s';
  runs: Run[];
  note?: string;
}

export let failed = false;
export function checkErrors(row: Row): void {
  const req = row.runs.reduce((a, r) => a + r.requests, 0);
  const err = row.runs.reduce((a, r) => a + r.errors, 0);
  if (req === 0 || err / req > ERROR_LIMIT) {
    failed = true;
    const sample = row.runs.find((r) => r.firstError)?.firstError ?? '';
    if (req === 0) log(`FAIL: ${row.operation} at concurrency ${row.concurrency}: no request completed within the run (wrk --timeout 10s)`);
    else log(`FAIL: ${row.operation} at concurrency ${row.concurrency}: ${err} errors in ${req} requests${sample ? `; first: ${sample}` : ''}`);
  }
}

/** `kerne import <DATA>` on a fresh store; returns the store (left for the caller to keep or drop). */
export async function runImport(kind: 'postgres' | 'pglite', tmp: string, concurrency: number): Promise<{ store: Store; run: Run; importerPeakKb: number; summary: string }> {
  const store = await freshStore(kind, tmp);
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [KERNE, 'import', DATA, '--concurrency', String(concurrency), '--log-level', 'warn', ...store.args], {
    cwd: REPO,
    env: childEnv(store),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  let peakKb = 0;
  const meter = new CpuMeter(child.pid!, store.dbName); // the importer process plays the server's part here
  const poll = setInterval(() => {
    const m = procMemory(child.pid!);
    if (m && Number.isFinite(m.hwmKb)) peakKb = Math.max(peakKb, m.hwmKb); // a zombie has no Vm* lines
  }, 100);
  const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearInterval(poll);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = meter.stop();
  const summary = out.trim().split('\n')[0] ?? '';
  const match = /Imported ([\d,]+) files?: ([\d,]+) bundles, ([\d,]+) resources in ([\d.]+) s \(([\d,]+) resources\/s\)/.exec(summary);
  const resources = match ? Number(match[3]!.replace(/,/g, '')) : 0;
  const failures = code !== 0 || !/No failures\./.test(out);
  if (failures) {
    log(`kerne import exited with ${code}:\n${out.slice(0, 2000)}\n${err.slice(-2000)}`);
  }
  const run: Run = {
    rate: resources / secs,
    p50Us: NaN,
    p95Us: NaN,
    p99Us: NaN,
    requests: resources || 1,
    errors: failures ? Math.max(1, resources) : 0,
    firstError: failures ? `exit ${code}: ${(out + err).slice(0, 300)}` : undefined,
    cpu,
    note: match ? `importer: ${match[5]}/s in ${match[4]} s` : 'no summary',
  };
  log(`kerne import --concurrency ${concurrency} (${kind}): ${fmtInt(resources)} resources in ${secs.toFixed(1)} s = ${fmtInt(run.rate)}/s wall clock; ${summary}; ${cpuText(cpu)}`);
  return { store, run, importerPeakKb: peakKb, summary };
}

export interface Server {
  child: ChildProcess;
  port: number;
  agent: http.Agent;
  logFile: string;
  stop(): Promise<void>;
}

export async function startServer(store: Store, tmp: string): Promise<Server> {
  const port = await freePort();
  const logFile = path.join(tmp, `server-${store.kind}-${port}.log`);
  const logStream = createWriteStream(logFile);
  const mllp = store.args.some((a) => a.startsWith('--mllp-port')) ? [] : ['--mllp-port=-1']; // benchmarks that do not send device messages
  const child = spawn(process.execPath, [KERNE, 'start', '--port', String(port), '--log-level', 'warn', ...mllp, ...store.args], {
    cwd: REPO,
    env: childEnv(store),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(logStream);
  child.stderr!.pipe(logStream);
  let exited: number | null | undefined;
  child.on('exit', (c) => (exited = c));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`kerne start exited (${exited}); see ${logFile}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`kerne start: no /healthz after 180 s; see ${logFile}`);
    try {
      const r = await httpRequest(agent, port, 'GET', '/healthz');
      if (r.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  const server: Server = {
    child,
    port,
    agent,
    logFile,
    async stop() {
      agent.destroy();
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await new Promise<void>((r) => (exited !== undefined ? r() : child.once('exit', () => r())));
      clearTimeout(t);
    },
  };
  liveServers.add(server);
  return server;
}
const liveServers = new Set<Server>();

/** One wrk run; the BENCH_RESULT line from bench/wrk/common.lua's done(). */
export async function wrkRun(server: Server, dbName: string | undefined, script: string, connections: number, seconds: number, input?: string): Promise<Run> {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', path.join(WRK_DIR, script), `http://127.0.0.1:${server.port}`];
  if (input) args.push('--', input);
  const meter = new CpuMeter(server.child.pid!, dbName);
  const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  meter.setLoadgen(child.pid!);
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  const cpu = meter.stop();
  const line = /^BENCH_RESULT (\{.*\})$/m.exec(out)?.[1];
  if (code !== 0 || !line) throw new Error(`wrk ${args.join(' ')} failed (${code}):\n${out}\n${err}`);
  const r = JSON.parse(line) as { requests: number; rps: number; p50_us: number; p95_us: number; p99_us: number; non2xx: number; socket_errors: number; timeouts: number };
  const firstError = /^BENCH_FIRST_ERROR (.*)$/m.exec(out)?.[1];
  return {
    rate: r.rps,
    p50Us: r.p50_us,
    p95Us: r.p95_us,
    p99Us: r.p99_us,
    requests: r.requests,
    errors: r.non2xx + r.socket_errors + r.timeouts,
    firstError,
    cpu,
  };
}

/**
 * Waits until the server has finished what the load generator left in flight (a closed connection
 * does not cancel a running request): on PostgreSQL until the bench database has no active query,
 * then until one read round-trips (on PGlite that read queues behind the backlog). Returns seconds.
 */
export async function drain(server: Server, store: Store, probePath: string): Promise<number> {
  const t0 = performance.now();
  const limitMs = 300_000;
  if (store.dbName) {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      while (performance.now() - t0 < limitMs) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
          [store.dbName],
        );
        if ((rows[0]?.n ?? 0) === 0) break;
        await sleep(100);
      }
    } finally {
      await client.end();
    }
  }
  await httpRequest(server.agent, server.port, 'GET', probePath);
  const secs = (performance.now() - t0) / 1000;
  if (secs > 1) log(`the server was still busy ${secs.toFixed(1)} s after the load stopped (requests left in flight)`);
  return secs;
}

/** POSTs transaction Bundles from a queue (cycling through the set) with `concurrency` in flight. */
async function bundleRun(server: Server, dbName: string | undefined, bundles: DataSet['bundles'], concurrency: number, seconds: number, startAt: number): Promise<Run & { next: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const meter = new CpuMeter(server.child.pid!, dbName);
  const t0 = performance.now();
  const minBundles = 2 * concurrency;
  let next = startAt;
  let dispatched = 0;
  let resources = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const worker = async () => {
    while (performance.now() - t0 < seconds * 1000 || dispatched < minBundles) {
      const b = bundles[next++ % bundles.length]!;
      dispatched++;
      const s = performance.now();
      try {
        const r = await httpRequest(agent, server.port, 'POST', '/fhir', b.body, { prefer: 'return=minimal' });
        latencies.push((performance.now() - s) * 1000);
        if (r.status >= 200 && r.status < 300) resources += b.entries;
        else {
          errors++;
          firstError ??= `${r.status} ${b.name}: ${r.text.slice(0, 300)}`;
        }
      } catch (e) {
        errors++;
        firstError ??= `${b.name}: ${(e as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = (performance.now() - t0) / 1000;
  const cpu = meter.stop();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rate: resources / secs,
    p50Us: percentile(latencies, 50),
    p95Us: percentile(latencies, 95),
    p99Us: percentile(latencies, 99),
    requests: dispatched,
    errors,
    firstError,
    cpu,
    note: `${dispatched} bundles`,
    next,
  };
}

// ---------------------------------------------------------------------------------------------
// Setup against the running server: ids, verified queries

function countMatches(text: string): number {
  const b = JSON.parse(text) as { entry?: Array<{ search?: { mode?: string } }> };
  return (b.entry ?? []).filter((e) => e.search?.mode !== 'include' && e.search?.mode !== 'outcome').length;
}

/** Keeps the queries that return exactly 20 matches (HTTP 200); logs the others. */
async function verifiedQueries(server: Server, label: string, candidates: string[], limit: number): Promise<string[]> {
  const ok: string[] = [];
  const problems: string[] = [];
  const t0 = performance.now();
  for (const q of candidates) {
    if (ok.length >= limit) break;
    // slow searches: stop checking candidates after 20 s (keeping those found)
    if (ok.length > 0 && performance.now() - t0 > 20_000) {
      log(`${label}: checking candidates takes long (${((performance.now() - t0) / 1000).toFixed(0)} s so far); using the ${ok.length} found`);
      break;
    }
    const r = await httpRequest(server.agent, server.port, 'GET', `/fhir/${q}`);
    if (r.status !== 200) problems.push(`${q} → HTTP ${r.status} ${r.text.slice(0, 200)}`);
    else {
      const n = countMatches(r.text);
      if (n === 20) ok.push(q);
      else problems.push(`${q} → ${n} entries`);
    }
  }
  if (problems.length) log(`${label}: ${problems.length} candidate queries left out, e.g. ${problems.slice(0, 3).join(' | ')}`);
  log(`${label}: ${ok.length} queries, each returning 20 results, e.g. ${ok[0] ?? '(none)'}`);
  return ok;
}

async function fetchPatientIds(server: Server): Promise<string[]> {
  const r = await httpRequest(server.agent, server.port, 'GET', '/fhir/Patient?_count=1000&_elements=id');
  if (r.status !== 200) throw new Error(`GET Patient?_count=1000: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  const b = JSON.parse(r.text) as { entry?: Array<{ resource?: { id?: string } }> };
  return (b.entry ?? []).map((e) => e.resource?.id).filter((id): id is string => typeof id === 'string');
}

/** Creates `n` Patients for the update benchmark, in one transaction Bundle; returns their ids. */
async function createUpdateTargets(server: Server, n: number): Promise<string[]> {
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: Array.from({ length: n }, (_, i) => ({
      request: { method: 'POST', url: 'Patient' },
      resource: { resourceType: 'Patient', identifier: [{ system: 'urn:kerne:bench', value: `u-${process.pid}-${i}` }], name: [{ family: 'Benchupdate', given: [`U${i}`] }], gender: 'female', birthDate: '1980-01-01' },
    })),
  };
  const r = await httpRequest(server.agent, server.port, 'POST', '/fhir', JSON.stringify(bundle));
  if (r.status !== 200) throw new Error(`creating ${n} Patients for the update benchmark: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  const b = JSON.parse(r.text) as { entry?: Array<{ response?: { location?: string } }> };
  const ids = (b.entry ?? []).map((e) => /Patient\/([^/]+)/.exec(e.response?.location ?? '')?.[1]).filter((id): id is string => !!id);
  if (ids.length !== n) throw new Error(`creating Patients for the update benchmark: ${ids.length} of ${n} locations in the response`);
  return ids;
}

// ---------------------------------------------------------------------------------------------
// One store

interface StoreReport {
  kind: 'postgres' | 'pglite';
  rows: Row[];
  memory: string[];
  notes: string[];
  peakKb?: number;
}

async function benchStore(kind: 'postgres' | 'pglite', data: DataSet, tmp: string, report: StoreReport): Promise<void> {
  const rows = new Map<string, Row>();
  const row = (operation: string, concurrency: number, unit: Row['unit']) => {
    const key = `${operation}@${concurrency}`;
    let r = rows.get(key);
    if (!r) {
      r = { operation, concurrency, unit, runs: [] };
      rows.set(key, r);
      report.rows.push(r);
    }
    return r;
  };

  // 1. kerne import, fresh store per run; the last store is kept for the server
  let store: Store | undefined;
  if (OPS.has('import')) {
    let importerPeakKb = 0;
    for (const c of CONCURRENCY) {
      for (let i = 0; i < IMPORT_REPEAT; i++) {
        if (store) await store.drop();
        const result = await runImport(kind, tmp, c);
        store = result.store;
        importerPeakKb = Math.max(importerPeakKb, result.importerPeakKb);
        row('import: `kerne import`', c, 'resources/s').runs.push(result.run);
      }
    }
    report.memory.push(`\`kerne import\` process peak (VmHWM): ${mb(importerPeakKb)}`);
  } else {
    store = (await runImport(kind, tmp, 2)).store;
  }
  try {
    // 2. the server
    // The platform-core figures: no authentication, access control or audit (their cost is bench:access's).
    const server = await startServer({ ...store!, args: [...store!.args, '--dev-no-auth'], env: { ...store!.env, KERNE_ACCESS_CONTROL: 'false' } }, tmp);
    const pid = server.child.pid!;
    try {
      const atStart = procMemory(pid)!;
      report.memory.push(`server RSS after start on the loaded store: ${mb(atStart.rssKb)}`);

      // 3. inputs for wrk, verified against the server
      const inputs = path.join(tmp, `inputs-${kind}`);
      mkdirSync(inputs, { recursive: true });
      const file = (name: string, lines: string[]) => {
        const f = path.join(inputs, name);
        writeFileSync(f, `${lines.join('\n')}\n`);
        return f;
      };
      const patientIds = await fetchPatientIds(server);
      log(`${patientIds.length} Patient ids for the read benchmark`);
      const updateIds = OPS.has('update') ? await createUpdateTargets(server, 1000) : [];
      const tokenQ = OPS.has('token')
        ? await verifiedQueries(server, 'token search', data.codes.filter((c) => c.count >= 20).map((c) => `Observation?code=http://loinc.org|${c.code}&_count=20`), 10)
        : [];
      const dateQ = OPS.has('date')
        ? await verifiedQueries(
            server,
            'date-range search',
            data.months.filter((m) => m.count >= 40).map(({ month }) => {
              const [y, mo] = month.split('-').map(Number) as [number, number];
              const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
              return `Observation?date=ge${month}-01&date=lt${next}-01&_count=20`;
            }),
            24,
          )
        : [];
      const families = data.families.filter((f) => f.observations >= 40).map((f) => encodeURIComponent(f.family));
      let chainQ: string[] = [];
      if (OPS.has('chain')) {
        chainQ = await verifiedQueries(server, 'chained search', families.map((f) => `Observation?subject:Patient.name=${f}&_count=20`), 40);
        if (chainQ.length === 0) {
          report.notes.push('`subject:Patient.name` returned nothing usable; the chained search used `patient.name`.');
          chainQ = await verifiedQueries(server, 'chained search (patient.name)', families.map((f) => `Observation?patient.name=${f}&_count=20`), 40);
        }
      }

      // 4. wrk measurements: reads and searches first (on the store as imported), then writes
      const plan: Array<{ op: Op; label: string; script: string; input?: string }> = [
        { op: 'read', label: 'read: GET Patient/id', script: 'get.lua', input: file('patient-reads.txt', patientIds.map((id) => `Patient/${id}`)) },
        { op: 'token', label: 'search: token (Observation?code=, 20 results)', script: 'get.lua', input: tokenQ.length ? file('token.txt', tokenQ) : undefined },
        { op: 'date', label: 'search: date range (Observation?date=ge&date=lt, 20 results)', script: 'get.lua', input: dateQ.length ? file('date.txt', dateQ) : undefined },
        { op: 'chain', label: 'search: chained (Observation?subject:Patient.name=, 20 results)', script: 'get.lua', input: chainQ.length ? file('chain.txt', chainQ) : undefined },
        { op: 'update', label: 'update: PUT Patient/id', script: 'update.lua', input: updateIds.length ? file('update-ids.txt', updateIds) : undefined },
        { op: 'create', label: 'create: POST Patient', script: 'create.lua' },
      ];
      const probe = `/fhir/Patient/${patientIds[0] ?? 'none'}`;
      const cMax = Math.max(...CONCURRENCY);
      for (const p of plan) {
        if (!OPS.has(p.op)) continue;
        if (p.script !== 'create.lua' && !p.input) {
          failed = true;
          log(`FAIL: ${p.label}: no verified input (see above); not measured`);
          report.notes.push(`${p.label}: NOT MEASURED (no query returned 20 results; see the log).`);
          continue;
        }
        // warm-up at c1; an operation slower than SLOW_RATE is measured once at c1 only (at c16 its
        // backlog would take minutes to drain)
        log(`${p.label}: warm-up`);
        const warm = await wrkRun(server, store!.dbName, p.script, 1, Math.min(2, DURATION), p.input);
        await drain(server, store!, probe);
        const slow = warm.rate < SLOW_RATE;
        if (slow) log(`${p.label}: only ${warm.rate.toFixed(1)} req/s at c1 in the warm-up: one run at c1, higher concurrency skipped`);
        else if (cMax > 1) {
          await wrkRun(server, store!.dbName, p.script, cMax, 1, p.input);
          await drain(server, store!, probe);
        }
        for (const c of CONCURRENCY) {
          const r = row(p.label, c, 'req/s');
          if (slow && c > 1) {
            r.note = `not run: under ${SLOW_RATE} req/s at concurrency 1`;
            continue;
          }
          for (let i = 0; i < (slow ? 1 : REPEAT); i++) {
            const run = await wrkRun(server, store!.dbName, p.script, c, DURATION, p.input);
            const drained = await drain(server, store!, probe);
            if (drained > 1) run.note = `busy ${drained.toFixed(0)} s after the run`;
            r.runs.push(run);
            log(`${p.label} -c${c} run ${i + 1}: ${fmtInt(run.rate)} req/s, p50 ${fmtMs(run.p50Us)} ms, p99 ${fmtMs(run.p99Us)} ms, errors ${run.errors}/${run.requests}; ${cpuText(run.cpu!)}`);
          }
          checkErrors(r);
        }
      }

      // 5. transaction Bundles over HTTP (last: they add a copy of the patients each time)
      if (OPS.has('bundle')) {
        let next = 0;
        for (const c of CONCURRENCY) {
          const r = row('import: transaction Bundles over HTTP', c, 'resources/s');
          for (let i = 0; i < REPEAT; i++) {
            const run = await bundleRun(server, store!.dbName, data.bundles, c, DURATION, next);
            next = run.next;
            await drain(server, store!, probe);
            r.runs.push(run);
            log(`transaction Bundles -c${c} run ${i + 1}: ${fmtInt(run.rate)} resources/s (${run.note}), p50 ${fmtMs(run.p50Us)} ms, errors ${run.errors}; ${cpuText(run.cpu!)}`);
          }
          checkErrors(r);
        }
        const after = procMemory(pid)!;
        report.memory.push(`server RSS after the HTTP transaction imports: ${mb(after.rssKb)}`);
      }

      const end = procMemory(pid)!;
      report.peakKb = end.hwmKb;
      report.memory.push(`server peak memory (VmHWM at the end): **${mb(end.hwmKb)}**`);
      const logText = readFileSync(server.logFile, 'utf8').trim();
      if (logText) report.notes.push(`server log (warn and above) had ${logText.split('\n').length} lines; first: \`${logText.split('\n')[0]!.slice(0, 300)}\``);
    } catch (err) {
      const exited = server.child.exitCode !== null || server.child.signalCode !== null;
      const tail = readFileSync(server.logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
      report.notes.push(`**FAILED**: ${(err as Error).message}${exited ? ` (the server process had exited: code ${server.child.exitCode}, signal ${server.child.signalCode})` : ''}`);
      if (tail) report.notes.push(`server log tail:\n\n\`\`\`\n${tail}\n\`\`\`\n`);
      throw err;
    } finally {
      await server.stop();
      liveServers.delete(server);
    }
  } finally {
    await store?.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const ROW_ORDER = ['import: `kerne import`', 'import: transaction', 'create', 'read', 'update', 'search: token', 'search: date', 'search: chained'];

function renderStore(r: StoreReport): string {
  // the issue's order
  r.rows.sort((a, b) => ROW_ORDER.findIndex((o) => a.operation.startsWith(o)) - ROW_ORDER.findIndex((o) => b.operation.startsWith(o)) || a.concurrency - b.concurrency);
  const lines = [
    `### ${r.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)'}`,
    '',
    '| operation | concurrency | rate (median) | p50 ms | p95 ms | p99 ms | errors | runs (rate) | CPU cores: server / postgres / load gen / other |',
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  for (const row of r.rows) {
    if (row.runs.length === 0) {
      lines.push(`| ${row.operation} | ${row.concurrency} | ${row.note ?? 'not run'} | | | | | | |`);
      continue;
    }
    const rates = row.runs.map((x) => x.rate);
    const med = (f: (x: Run) => number) => median(row.runs.map(f));
    const lat = (f: (x: Run) => number) => (Number.isNaN(med(f)) ? '–' : fmtMs(med(f)));
    const req = row.runs.reduce((a, x) => a + x.requests, 0);
    const err = row.runs.reduce((a, x) => a + x.errors, 0);
    let cpu = row.runs[0]?.cpu ? `${med((x) => x.cpu!.server).toFixed(2)} / ${med((x) => x.cpu!.postgres).toFixed(2)} / ${med((x) => x.cpu!.loadgen).toFixed(2)} / ${med((x) => x.cpu!.other).toFixed(2)}` : '';
    const noisy = row.runs.filter((x) => (x.cpu?.other ?? 0) > OTHER_LOAD_LIMIT);
    if (noisy.length) cpu += ` (other load in ${noisy.length} run(s): ${noisy[0]!.cpu!.otherTop})`;
    const errText = req === 0 ? '**no request completed**' : `${fmtInt(err)} / ${fmtInt(req)}${err / req > ERROR_LIMIT ? ' **FAIL**' : ''}`;
    const notes = row.runs.map((x) => x.note).filter(Boolean);
    lines.push(
      `| ${row.operation} | ${row.concurrency} | **${fmtInt(median(rates))}** ${row.unit} | ${lat((x) => x.p50Us)} | ${lat((x) => x.p95Us)} | ${lat((x) => x.p99Us)} | ${errText} | ${rates.map(fmtInt).join(', ')}${notes.length ? ` (${notes.join('; ')})` : ''} | ${cpu} |`,
    );
  }
  lines.push('', ...r.memory.map((m) => `- ${m}`));
  if (r.notes.length) lines.push(...r.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

function renderTargets(r: StoreReport): string {
  const get = (prefix: string, c: number) => r.rows.find((x) => x.operation.startsWith(prefix) && x.concurrency === c);
  const cMax = Math.max(...CONCURRENCY);
  const rate = (x: Row | undefined) => (x ? median(x.runs.map((y) => y.rate)) : NaN);
  const check = (label: string, value: number, ok: boolean, shown: string) => `| ${label} | ${Number.isNaN(value) ? 'not measured' : shown} | ${Number.isNaN(value) ? '–' : ok ? 'met' : '**missed**'} |`;
  const best = (prefix: string) => {
    const v = CONCURRENCY.map((c) => rate(get(prefix, c))).filter((x) => !Number.isNaN(x));
    return v.length ? Math.max(...v) : NaN;
  };
  const bestImport = best('import: `kerne import`');
  const bestBundle = best('import: transaction');
  const lines = [`| target (${r.kind === 'postgres' ? 'PostgreSQL: the targets apply' : 'PGlite: for comparison'}) | measured | |`, '|---|---:|---|'];
  lines.push(check('import ≥ 2,000 resources/s (`kerne import`, best concurrency)', bestImport, bestImport >= 2000, `${fmtInt(bestImport)}/s`));
  lines.push(check('import ≥ 2,000 resources/s (HTTP transaction Bundles, best concurrency)', bestBundle, bestBundle >= 2000, `${fmtInt(bestBundle)}/s`));
  for (const [label, prefix, target] of [
    ['create ≥ 1,500/s', 'create', 1500],
    ['read ≥ 5,000/s', 'read', 5000],
    ['token search ≥ 3,000/s', 'search: token', 3000],
  ] as const) {
    const v = rate(get(prefix, cMax));
    lines.push(check(`${label} (c${cMax})`, v, v >= target, `${fmtInt(v)}/s`));
  }
  for (const row of r.rows.filter((x) => x.concurrency === cMax && x.unit === 'req/s')) {
    const p99 = median(row.runs.map((x) => x.p99Us));
    lines.push(check(`p99 < 50 ms at c${cMax}: ${row.operation}`, p99, p99 < 50_000, `${fmtMs(p99)} ms`));
  }
  const peak = r.peakKb ?? NaN;
  lines.push(check('server memory < 500 MB (VmHWM)', peak, peak < 500 * 1024, mb(peak)));
  return lines.join('\n');
}

function environmentLines(data: DataSet): string[] {
  const git = (args: string[]) => spawnSync('git', args, { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  const dirty = git(['status', '--porcelain']) ? ' (with uncommitted changes)' : '';
  const cpu = os.cpus();
  const wrkVersion = spawnSync(WRK, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim() ?? '';
  return [
    `- commit ${git(['rev-parse', '--short', 'HEAD'])}${dirty}; Node.js ${process.version}; ${wrkVersion}`,
    `- machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${fmtInt(os.totalmem() / 2 ** 20)} MB RAM; load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    `- the load generator (wrk -t1, or this driver's node:http client for Bundles) runs on the same machine as the server and PostgreSQL`,
    `- data: ${data.files} files, ${fmtInt(data.resources)} resources (${DATA}); HTTP Bundles: ${data.bundles.length} patient Bundles, \`Prefer: return=minimal\``,
    `- each figure: median of ${REPEAT} runs of ${DURATION} s (kerne import: ${IMPORT_REPEAT} fresh import(s) per concurrency); warm-up per operation: 2 s at c1, then 1 s at c${Math.max(...CONCURRENCY)}; after each run the driver waits until the server has finished the requests left in flight; an operation under ${SLOW_RATE} req/s at c1 is run once at c1 only`,
    `- CPU column: cores used on average during the run (server = the Kerne process, or the importer for \`kerne import\`; postgres = its backends for the bench database plus the cluster's background processes; load gen = wrk, or this driver for Bundles; other = everything else on the machine, flagged above ${OTHER_LOAD_LIMIT})`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Main

export async function cleanup(): Promise<void> {
  for (const s of liveServers) await s.stop().catch(() => {});
  for (const s of liveStores) await s.drop().catch(() => {});
}

/** Says what is missing (wrk, the data set) and gives exit code 2; undefined when all is there. */
export function missingPrerequisite(): number | undefined {
  if (!existsSync(WRK)) {
    process.stderr.write('wrk is not installed (expected /usr/bin/wrk). Install it with: apt-get install wrk\n');
    return 2;
  }
  if (!existsSync(DATA)) {
    process.stderr.write(`The Synthea data set is not at ${DATA} (set BENCH_DATA).\n`);
    return 2;
  }
  return undefined;
}

/** Writes a benchmark's report and prints it. */
export function writeReport(file: string, md: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, md);
  process.stdout.write(`${md}\n`);
  log(`written to ${path.relative(REPO, file)}`);
}

/** Runs a benchmark's main as the process's work: exits with its code; on SIGINT or a crash, stops the servers and drops the stores. */
export function runBench(main: () => Promise<number>): void {
  process.once('SIGINT', () => {
    log('interrupted: stopping servers and dropping stores');
    void cleanup().finally(() => process.exit(130));
  });
  main().then(
    (code) => process.exit(code),
    async (err: unknown) => {
      process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      await cleanup();
      process.exit(1);
    },
  );
}

async function main(): Promise<number> {
  const missing = missingPrerequisite();
  if (missing !== undefined) return missing;
  const started = Date.now();
  log(`loading ${DATA}`);
  const data = loadDataSet();
  log(`${data.files} files, ${fmtInt(data.resources)} resources, ${data.bundles.length} patient Bundles`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kerne-bench-'));
  const envLines = environmentLines(data);
  const reports: StoreReport[] = [];
  try {
    for (const kind of STORES) {
      log(`=== ${kind} ===`);
      const report: StoreReport = { kind, rows: [], memory: [], notes: [] };
      reports.push(report);
      try {
        await benchStore(kind, data, tmp, report);
      } catch (err) {
        failed = true;
        log(`FAIL: ${kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        if (!report.notes.some((n) => n.startsWith('**FAILED**'))) report.notes.push(`**FAILED**: ${(err as Error).message}`);
      }
    }
  } finally {
    await cleanup();
    if (!KEEP) rmSync(tmp, { recursive: true, force: true });
  }
  const md = [
    `# Kerne FHIR benchmark (\`npm run bench:fhir\`), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    ...envLines,
    `- total time ${((Date.now() - started) / 60000).toFixed(1)} min`,
    '',
    ...reports.flatMap((r) => [renderStore(r), '', renderTargets(r), '']),
    failed ? '**FAILED: some measurement had more than 1 % errors or could not run (see the log).**\n' : '',
  ].join('\n');
  writeReport(RESULTS, md);
  return failed ? 1 : 0;
}

// Run only as the script itself: bench/access.bench.ts imports the helpers above.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runBench(main);
