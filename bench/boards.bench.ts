/**
 * `npm run bench:boards`: live ward boards, fan-out latency from a write to N open board streams
 * (see bench/README.md).
 *
 * Two `kerne start` processes (A and B, `--dev-no-auth` on loopback, NATS JetStream between them) on
 * a fresh PostgreSQL database with the demo data (`--demo` on A: Demo Sygehus, ward MED1 with its
 * ~24 beds and patients), dropped at the end. One service task on MED1 (POST /api/logistics/tasks)
 * carries a marker in its description ("kbm-000001", …), which the board row shows.
 *
 * For N in BENCH_CLIENTS (default 100,1000): N simulated screens open MED1's board stream on node A
 * (`GET …/board/stream?screen=list`, SSE over plain node:http with an Agent allowing N sockets; the
 * same board, screen and caller, so they share one view); node A's RSS (VmRSS) before and after they
 * connect gives the memory per client. Then BENCH_WRITES writes (PUT /fhir/Task/<id> with the next
 * marker), spaced BENCH_SPACING_MS apart (and never before every client has the previous one), first
 * through node A ("one node"), then through node B ("two nodes": the change reaches A by NATS). For
 * every (write, client) pair: the time from just before the write request is sent to the moment
 * the client has received the whole board event whose task shows that marker (or a later one).
 * Reported: p50 / p99 / max over all pairs, per N and topology; the median over writes of the first
 * and the last client's latency; the write's own response time; the CPU used meanwhile.
 *
 * Environment: BENCH_CLIENTS (default "100,1000"), BENCH_WRITES (default 20), BENCH_WARMUP (default 2
 * writes per run, not counted), BENCH_SPACING_MS (default 300), BENCH_PG_URL, BENCH_KEEP=1 (as for
 * bench:fhir), BENCH_NATS_URL (default nats://127.0.0.1:4222).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  KEEP, OTHER_LOAD_LIMIT, PG_URL, REPO, envNumber, fmtInt, httpRequest, log, median, pgAdmin, runBench, sleep, startServer, writeReport, type Server, type Store,
} from './fhir.bench.ts';

// ---------------------------------------------------------------------------------------------
// Configuration

const RESULTS = path.join(REPO, 'bench', 'results', 'boards-latest.md');
const CLIENTS = (process.env.BENCH_CLIENTS ?? '100,1000').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const WRITES = Math.round(envNumber('BENCH_WRITES', 20));
const WARMUP = Math.round(envNumber('BENCH_WARMUP', 2));
const SPACING_MS = envNumber('BENCH_SPACING_MS', 300);
/** BENCH_VERBOSE=1 logs every write's first, median and last client. */
const VERBOSE = process.env.BENCH_VERBOSE === '1';
const NATS_URL = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
/** The issue's target: p99 under 250 ms at 1,000 clients. */
const TARGET_P99_MS = 250;
const TARGET_CLIENTS = 1000;
/** A client that has not received a write's board after this long counts as lost. */
const DELIVERY_TIMEOUT_MS = 10_000;
/** Streams opened at once while connecting (each costs the server one board load). */
const CONNECT_PARALLEL = 8;
const CLK_TCK = 100;

/** The marker in the task's description, as the board's JSON shows it: `"description":"kbm-000001"`. */
const MARK = 'kbm-';
const DIGITS = 6;
const PREFIX = Buffer.from(`"description":"${MARK}`);
const SEP = Buffer.from('\n\n');
const BOARD_EVENT = Buffer.from('event: board');
const TAIL = PREFIX.length + DIGITS + 2;
const markText = (seq: number) => `${MARK}${String(seq).padStart(DIGITS, '0')}`;

// ---------------------------------------------------------------------------------------------
// Small helpers

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : '–');

function procStatus(pid: number, key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? NaN);
}
/** comm and utime + stime (clock ticks) of every process, from /proc/<pid>/stat. */
function allProcessTicks(): Map<number, { comm: string; ticks: number }> {
  const out = new Map<number, { comm: string; ticks: number }>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      out.set(Number(e), { comm: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone
    }
  }
  return out;
}

interface CpuUse {
  a: number;
  b: number;
  driver: number;
  postgres: number;
  nats: number;
  other: number;
  /** The biggest other processes, e.g. "node 0.80, tsc 0.20". */
  otherTop: string;
  machine: number;
}

/** Cores used on average by node A, node B, this driver, PostgreSQL, NATS and everything else, from start() to stop(). */
function cpuMeter(a: number, b: number): { stop(): CpuUse } {
  const t0 = performance.now();
  const before = allProcessTicks();
  const machine0 = machineBusyTicks();
  return {
    stop() {
      const secs = (performance.now() - t0) / 1000;
      const cores = (ticks: number) => ticks / CLK_TCK / secs;
      const use = { a: 0, b: 0, driver: 0, postgres: 0, nats: 0, other: 0 };
      const others = new Map<string, number>();
      for (const [pid, p] of allProcessTicks()) {
        const d = p.ticks - (before.get(pid)?.ticks ?? 0);
        if (d <= 0) continue;
        const role = pid === a ? 'a' : pid === b ? 'b' : pid === process.pid ? 'driver' : p.comm === 'postgres' ? 'postgres' : p.comm === 'nats-server' ? 'nats' : 'other';
        use[role] += d;
        if (role === 'other') others.set(p.comm, (others.get(p.comm) ?? 0) + d);
      }
      return {
        a: cores(use.a), b: cores(use.b), driver: cores(use.driver), postgres: cores(use.postgres), nats: cores(use.nats), other: cores(use.other),
        otherTop: [...others].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([k, v]) => `${k} ${cores(v).toFixed(2)}`).join(', '),
        machine: cores(machineBusyTicks() - machine0),
      };
    },
  };
}
const cpuText = (c: CpuUse) => `${c.a.toFixed(2)} / ${c.b.toFixed(2)} / ${c.driver.toFixed(2)} / ${c.postgres.toFixed(2)} / ${c.nats.toFixed(2)} / ${c.other.toFixed(2)}${c.other >= OTHER_LOAD_LIMIT ? ` (${c.otherTop})` : ''}; machine ${c.machine.toFixed(2)}`;
/**
 * Node A runs with --expose-gc and a handler that, on SIGUSR2, collects garbage and prints its
 * process.memoryUsage() to its log (bench only), so that its memory can be read without the garbage
 * of the board loads that opening the streams left behind.
 */
const GC_ON_SIGNAL = `--expose-gc --import=data:text/javascript,${encodeURIComponent(
  'process.on("SIGUSR2",()=>{globalThis.gc();globalThis.gc();process.stderr.write("BENCH_MEMORY "+JSON.stringify(process.memoryUsage())+"\\n")})',
)}`;
interface MemorySample {
  rssKb: number;
  /** V8 heap used and memory outside it (Buffers, native), kB, after the collection. */
  heapKb: number;
  externalKb: number;
}
async function memoryAfterGc(server: Server): Promise<MemorySample> {
  const pid = server.child.pid!;
  const lines = () => readFileSync(server.logFile, 'utf8').split('\n').filter((l) => l.startsWith('BENCH_MEMORY '));
  const before = lines().length;
  process.kill(pid, 'SIGUSR2');
  await sleep(1500);
  const last = lines().slice(before).pop();
  if (!last) throw new Error(`node A printed no BENCH_MEMORY line after SIGUSR2; see ${server.logFile}`);
  const m = JSON.parse(last.slice('BENCH_MEMORY '.length)) as NodeJS.MemoryUsage;
  return { rssKb: procStatus(pid, 'VmRSS'), heapKb: m.heapUsed / 1024, externalKb: m.external / 1024 };
}

function openFilesLimit(pid: number | 'self'): number {
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  return m?.[1] === 'unlimited' ? Infinity : Number(m?.[1] ?? NaN);
}
const git = (args: string[]) => spawnSync('git', args, { cwd: REPO, encoding: 'utf8' }).stdout.trim();

async function json<T>(server: Server, method: string, urlPath: string, body?: unknown): Promise<T> {
  const r = await httpRequest(server.agent, server.port, method, urlPath, body === undefined ? undefined : JSON.stringify(body), { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) });
  if (r.status < 200 || r.status > 299) throw new Error(`${method} ${urlPath}: HTTP ${r.status}: ${r.text.slice(0, 500)}`);
  return JSON.parse(r.text) as T;
}

// ---------------------------------------------------------------------------------------------
// Simulated screens: one SSE stream each, scanned for the marker without parsing the JSON

class Screen {
  /** Arrival time (performance.now()) of the board showing each write, by marker number. */
  readonly arrivals = new Map<number, number>();
  boards = 0;
  latest = -1;
  #tail: Buffer = Buffer.alloc(0);
  #pending = -1;
  #boardInEvent = false;
  #req: http.ClientRequest | undefined;
  closed = false;

  open(agent: http.Agent, port: number, urlPath: string, onFirstBoard: () => void, onError: (err: Error) => void): void {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        onError(new Error(`stream: HTTP ${res.statusCode}`));
        res.resume();
        return;
      }
      res.on('data', (chunk: Buffer) => {
        const before = this.boards;
        this.#scan(chunk, performance.now());
        if (before === 0 && this.boards > 0) onFirstBoard();
      });
      res.on('close', () => (this.closed = true));
      res.on('error', () => (this.closed = true));
    });
    req.on('error', (err) => {
      this.closed = true;
      if (this.boards === 0) onError(err);
    });
    this.#req = req;
  }

  close(): void {
    this.#req?.destroy();
  }

  /** Finds event ends (blank line) and markers in the bytes; a board event counts when its end has arrived. */
  #scan(chunk: Buffer, now: number): void {
    const buf = this.#tail.length ? Buffer.concat([this.#tail, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const end = buf.indexOf(SEP, pos);
      const segEnd = end === -1 ? buf.length : end;
      if (!this.#boardInEvent) {
        const b = buf.indexOf(BOARD_EVENT, pos);
        if (b !== -1 && b < segEnd) this.#boardInEvent = true;
      }
      for (let m = buf.indexOf(PREFIX, pos); m !== -1 && m < segEnd; m = buf.indexOf(PREFIX, m + 1)) {
        const d = m + PREFIX.length;
        if (d + DIGITS <= buf.length) this.#pending = Math.max(this.#pending, Number(buf.toString('latin1', d, d + DIGITS)));
      }
      if (end === -1) break;
      if (this.#boardInEvent) {
        this.boards++;
        if (this.#pending > this.latest) {
          for (let s = this.latest + 1; s <= this.#pending; s++) this.arrivals.set(s, now);
          this.latest = this.#pending;
        }
      }
      this.#pending = -1;
      this.#boardInEvent = false;
      pos = end + SEP.length;
    }
    // Keep the last bytes of an unfinished event: a marker or a blank line may straddle chunks.
    this.#tail = Buffer.from(buf.subarray(Math.max(pos, buf.length - TAIL)));
  }
}

async function openScreens(n: number, port: number, urlPath: string): Promise<{ screens: Screen[]; agent: http.Agent; seconds: number }> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: n + 16 });
  const screens: Screen[] = [];
  const t0 = performance.now();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    let done = 0;
    const start = () => {
      if (next >= n) return;
      const s = new Screen();
      screens.push(s);
      next++;
      s.open(agent, port, urlPath, () => {
        done++;
        if (done === n) resolve();
        else start();
      }, reject);
    };
    for (let i = 0; i < Math.min(CONNECT_PARALLEL, n); i++) start();
  });
  return { screens, agent, seconds: (performance.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Measurement

interface Result {
  clients: number;
  topology: 'one node' | 'two nodes';
  /** Latency of every (write, client) pair, ms. */
  latencies: number[];
  lost: number;
  /** Per write: the first and the last client's latency, and the write's own response time. */
  first: number[];
  last: number[];
  writeMs: number[];
  cpu: CpuUse | undefined;
  /** Board events per client during the run (writes + warm-ups, and any extra). */
  boardsPerClient: number;
}

let seq = 0;

async function runWrites(screens: Screen[], writer: Server, task: Record<string, unknown>, topology: Result['topology'], a: Server, b: Server): Promise<Result> {
  const res: Result = { clients: screens.length, topology, latencies: [], lost: 0, first: [], last: [], writeMs: [], cpu: undefined, boardsPerClient: 0 };
  const boards0 = screens.reduce((s, c) => s + c.boards, 0);
  let meter: ReturnType<typeof cpuMeter> | undefined;
  for (let i = 0; i < WARMUP + WRITES; i++) {
    if (i === WARMUP) meter = cpuMeter(a.child.pid!, b.child.pid!);
    const mark = ++seq;
    const body = JSON.stringify({ ...task, description: markText(mark) });
    const t0 = performance.now();
    const w = await httpRequest(writer.agent, writer.port, 'PUT', `/fhir/Task/${task.id as string}`, body);
    const writeMs = performance.now() - t0;
    if (w.status !== 200) throw new Error(`PUT Task: HTTP ${w.status}: ${w.text.slice(0, 300)}`);
    const deadline = t0 + DELIVERY_TIMEOUT_MS;
    while (screens.some((s) => s.latest < mark) && performance.now() < deadline) await sleep(5);
    const wait = t0 + SPACING_MS - performance.now();
    if (wait > 0) await sleep(wait);
    if (i < WARMUP) continue;
    const lat: number[] = [];
    for (const s of screens) {
      const at = s.arrivals.get(mark);
      if (at === undefined) res.lost++;
      else lat.push(at - t0);
    }
    lat.sort((x, y) => x - y);
    res.latencies.push(...lat);
    res.first.push(lat[0] ?? NaN);
    res.last.push(lat[lat.length - 1] ?? NaN);
    res.writeMs.push(writeMs);
    if (VERBOSE) log(`  write ${mark}: ${ms(writeMs)} ms; first ${ms(lat[0] ?? NaN)}, p50 ${ms(percentile(lat, 50))}, last ${ms(lat[lat.length - 1] ?? NaN)} ms`);
  }
  res.cpu = meter?.stop();
  res.latencies.sort((x, y) => x - y);
  res.boardsPerClient = (screens.reduce((s, c) => s + c.boards, 0) - boards0) / screens.length;
  const p = (q: number) => ms(percentile(res.latencies, q));
  log(`N=${screens.length} ${topology}: p50 ${p(50)} ms, p99 ${p(99)} ms, max ${p(100)} ms; lost ${res.lost}; last client (median over writes) ${ms(median(res.last))} ms; write ${ms(median(res.writeMs))} ms; CPU cores A / B / driver / postgres / nats / other: ${res.cpu ? cpuText(res.cpu) : '–'}`);
  return res;
}

function machineBusyTicks(): number {
  const v = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return v.reduce((x, y) => x + y, 0) - (v[3] ?? 0) - (v[4] ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Main

interface Memory {
  clients: number;
  before: MemorySample;
  after: MemorySample;
  connectSeconds: number;
}

async function main(): Promise<number> {
  const started = Date.now();
  const loadAtStart = os.loadavg();
  const maxClients = Math.max(...CLIENTS);
  const need = maxClients + 256;
  if (openFilesLimit('self') < need) {
    process.stderr.write(`The open-files limit (ulimit -n ${openFilesLimit('self')}) is below ${need} for ${maxClients} clients; raise it (ulimit -n 4096) or set BENCH_CLIENTS lower.\n`);
    return 2;
  }
  const dbName = `kerne_bench_${process.pid}_boards`;
  await pgAdmin((c) => c.query(`CREATE DATABASE ${dbName}`));
  const dbUrl = new URL(PG_URL);
  dbUrl.pathname = `/${dbName}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kerne-bench-boards-'));
  const dropDb = async () => {
    if (KEEP) return log(`kept database ${dbName}`);
    await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  };
  process.once('SIGINT', () => void dropDb().catch(() => {}));
  const store: Store = {
    kind: 'postgres',
    // flags as well as environment: src/config/config.ts lets an absent flag override the environment
    args: ['--database-url', dbUrl.toString(), '--nats-url', NATS_URL, '--dev-no-auth'],
    env: { DATABASE_URL: dbUrl.toString(), NATS_URL },
    dbName,
    drop: dropDb,
  };
  const servers: Server[] = [];
  try {
    log(`database ${dbName}; starting node A with the demo data`);
    const a = await startServer({ ...store, args: [...store.args, '--demo'], env: { ...store.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${GC_ON_SIGNAL}`.trim() } }, tmp);
    servers.push(a);
    const b = await startServer(store, tmp);
    servers.push(b);
    for (const s of servers) {
      const limit = openFilesLimit(s.child.pid!);
      if (limit < need) throw new Error(`the server's open-files limit is ${limit}, below ${need}`);
    }
    log(`node A on port ${a.port} (pid ${a.child.pid}), node B on port ${b.port} (pid ${b.child.pid})`);

    // The ward, a patient on it, and the task that carries the marker.
    const { wards } = await json<{ wards: { id: string; name: string; kind: string }[] }>(a, 'GET', '/api/logistics/wards');
    const ward = wards.find((w) => w.name === 'Medicinsk afsnit M1') ?? wards.find((w) => w.kind === 'ward');
    if (!ward) throw new Error('no ward in the demo data');
    const boardPath = `/api/logistics/wards/${ward.id}/board?screen=list`;
    const board0 = await json<{ rows: { encounterId?: string; patient?: unknown }[] }>(a, 'GET', boardPath);
    const encounterId = board0.rows.find((r) => r.patient && r.encounterId)?.encounterId;
    if (!encounterId) throw new Error(`no patient on ${ward.name}`);
    const created = await json<{ id: string }>(a, 'POST', '/api/logistics/tasks', { kind: 'transport', wardId: ward.id, encounterId, destination: 'Røntgen', description: markText(++seq) });
    const task = await json<Record<string, unknown>>(a, 'GET', `/fhir/Task/${created.id}`);
    const boardText = (await httpRequest(a.agent, a.port, 'GET', boardPath)).text;
    if (!boardText.includes(`"description":"${markText(seq)}"`)) throw new Error('the board does not show the marker task');
    const boardBytes = Buffer.byteLength(boardText);
    log(`ward ${ward.name} (${board0.rows.length} rows, board ${fmtInt(boardBytes)} bytes); marker task Task/${created.id}`);

    const results: Result[] = [];
    const memory: Memory[] = [];
    for (const n of CLIENTS) {
      const before = await memoryAfterGc(a);
      const { screens, agent, seconds } = await openScreens(n, a.port, `${boardPath.replace('/board?', '/board/stream?')}`);
      const after = await memoryAfterGc(a);
      memory.push({ clients: n, before, after, connectSeconds: seconds });
      log(`${n} streams open in ${seconds.toFixed(1)} s; node A RSS ${fmtInt(before.rssKb / 1024)} → ${fmtInt(after.rssKb / 1024)} MB (${((after.rssKb - before.rssKb) / n).toFixed(1)} kB per client; V8 heap ${((after.heapKb - before.heapKb) / n).toFixed(1)} kB per client)`);
      try {
        results.push(await runWrites(screens, a, task, 'one node', a, b));
        results.push(await runWrites(screens, b, task, 'two nodes', a, b));
      } finally {
        for (const s of screens) s.close();
        agent.destroy();
      }
      await sleep(500);
      const gone = screens.filter((s) => !s.closed).length;
      if (gone) log(`${gone} streams still open after close`);
    }

    const md = report({ results, memory, loadAtStart, boardBytes, ward: ward.name, rows: board0.rows.length, minutes: (Date.now() - started) / 60_000, a, b });
    writeReport(RESULTS, md);
    const lost = results.reduce((n, r) => n + r.lost, 0);
    if (lost) log(`FAIL: ${lost} (write, client) pairs not delivered within ${DELIVERY_TIMEOUT_MS / 1000} s`);
    return lost ? 1 : 0;
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    await dropDb().catch((err: unknown) => log(`could not drop ${dbName}: ${String(err)}`));
    if (KEEP) log(`kept the server logs in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

function report(o: { results: Result[]; memory: Memory[]; loadAtStart: number[]; boardBytes: number; ward: string; rows: number; minutes: number; a: Server; b: Server }): string {
  const cpu = os.cpus();
  const dirty = git(['status', '--porcelain']) ? ' (with uncommitted changes)' : '';
  const lines = [
    `# Kerne live ward boards: fan-out latency (\`npm run bench:boards\`), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- commit ${git(['rev-parse', '--short', 'HEAD'])}${dirty}; Node.js ${process.version}`,
    `- machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${fmtInt(os.totalmem() / 2 ** 20)} MB RAM, shared by both servers, PostgreSQL, NATS and this driver (all simulated screens); load average at start ${o.loadAtStart.map((x) => x.toFixed(2)).join(' ')}`,
    `- two \`kerne start\` processes (A, B) with \`--dev-no-auth\` (loopback; access control and audit at their defaults) on one fresh PostgreSQL database with \`--demo\`, NATS JetStream between them (${NATS_URL}); board: ${o.ward} (${o.rows} rows, ${fmtInt(o.boardBytes)} bytes of JSON per event), \`screen=list\``,
    '',
    '| clients | writes through | p50 ms | p99 ms | max ms | lost | first client ms (median) | last client ms (median) | write response ms (median) | board events per client | CPU cores: A / B / driver / PostgreSQL / NATS / other |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...o.results.map((r) => {
      const p = (q: number) => ms(percentile(r.latencies, q));
      const p99 = percentile(r.latencies, 99);
      const bold = r.clients === TARGET_CLIENTS ? (x: string) => `**${x}**` : (x: string) => x;
      return `| ${fmtInt(r.clients)} | ${r.topology === 'one node' ? 'A (one node)' : 'B (two nodes)'} | ${p(50)} | ${bold(ms(p99))} | ${p(100)} | ${r.lost} | ${ms(median(r.first))} | ${ms(median(r.last))} | ${ms(median(r.writeMs))} | ${r.boardsPerClient.toFixed(1)} | ${r.cpu ? cpuText(r.cpu) : '–'} |`;
    }),
    '',
    '| clients | node A RSS before | with the clients | **RSS per client** | V8 heap used per client | external per client | time to open all streams |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...o.memory.map((m) => {
      const per = (k: keyof MemorySample) => `${((m.after[k] - m.before[k]) / m.clients).toFixed(1)} kB`;
      return `| ${fmtInt(m.clients)} | ${fmtInt(m.before.rssKb / 1024)} MB | ${fmtInt(m.after.rssKb / 1024)} MB | **${per('rssKb')}** | ${per('heapKb')} | ${per('externalKb')} | ${m.connectSeconds.toFixed(1)} s |`;
    }),
    '',
    `**Method.** The simulated screens are SSE streams (\`GET …/board/stream?screen=list\`) over plain \`node:http\` in this driver process (one Agent allowing N sockets, ${CONNECT_PARALLEL} streams opened at a time, each waiting for its first board), all on node A, the same board, screen and caller, so they share one view that node A computes once per change. A write is \`PUT /fhir/Task/<id>\` of one service task on the ward with a new marker in its description (\`kbm-000001\`, …), which the board row shows; ${WRITES} writes per row after ${WARMUP} warm-up writes, each sent ${SPACING_MS} ms or more after the previous one and never before every client had the previous one. A write's latency for a client is the time from just before the write request is sent to the moment the client has received the complete board event (up to its blank line) that shows the marker or a later one (the bytes are scanned for the marker; no JSON parsing in the driver). p50, p99 and max are over all (write, client) pairs of a row (nearest rank); "first/last client" are the earliest and latest client of each write, as the median over the writes; lost = pairs not delivered within ${DELIVERY_TIMEOUT_MS / 1000} s. "A (one node)": writes through node A, whose change still travels through NATS back to A; "B (two nodes)": writes through node B, the change reaches A by NATS. The latency includes the write itself (the response time column), the outbox relay, NATS, the hub's 30 ms settle time, one board computation and the fan-out; the driver receives all N streams on the same 2 cores, so the spread between the first and the last client includes the driver's own work (its CPU column). Memory: node A's VmRSS (/proc/<pid>/status) with the N clients connected minus before they connected, divided by N; each read 1.5 s after a full garbage collection (node A runs with \`--expose-gc\` and a bench-only SIGUSR2 handler that calls \`gc()\` and prints \`process.memoryUsage()\`), so that the garbage of the N initial board loads does not count; beside it the same difference of V8's heapUsed and of external memory. RSS also moves with what V8 and the allocator keep committed, so it is the coarser figure; memory kept after the previous N's clients left can make the larger N's figure somewhat low. CPU: cores used on average during the counted writes, from /proc/<pid>/stat: node A, node B, this driver, PostgreSQL (all its processes), nats-server, and everything else (named when it is ${OTHER_LOAD_LIMIT} cores or more: other load on the machine disturbs the figures).`,
    '',
    ...(o.results.some((r) => r.cpu && r.cpu.other >= OTHER_LOAD_LIMIT)
      ? [`**The machine was not quiet**: other processes used ${OTHER_LOAD_LIMIT} cores or more during ${o.results.filter((r) => r.cpu && r.cpu.other >= OTHER_LOAD_LIMIT).length} of ${o.results.length} rows (named in the CPU column); those latencies are higher and noisier than on a quiet machine, while node A's CPU per write is the steadier figure.`, '']
      : []),
    `Target (the logistics issue): p99 under ${TARGET_P99_MS} ms at ${fmtInt(TARGET_CLIENTS)} clients on these 2-core machines.`,
    ...o.results
      .filter((r) => r.clients === TARGET_CLIENTS)
      .map((r) => `- ${r.topology}: p99 ${ms(percentile(r.latencies, 99))} ms: **${percentile(r.latencies, 99) < TARGET_P99_MS && r.lost === 0 ? 'met' : 'missed'}**`),
    '',
    `Total time ${o.minutes.toFixed(1)} min.`,
    '',
  ];
  return lines.join('\n');
}

// Run only as the script itself.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runBench(main);
