/**
 * `npm run bench:journal`: Danish journal search latency on PostgreSQL for records of 200 and 2,000
 * documents (issue 6's target: p95 under 100 ms at 2,000), see bench/README.md.
 *
 * An in-process Kerne on a fresh PostgreSQL database; one synthetic record per size from the seeded
 * generator (src/journal/eval: notes in Danish with negations, stopped drugs, distractors), loaded as
 * a transaction Bundle and indexed from the change bus. Then BENCH_QUERIES (default 200) searches
 * per size, cycling through realistic queries (the record's own findings and drugs, negated phrases,
 * compound parts, words that are not there): the index query alone (the SQL), and the whole API
 * request through HTTP in-process (access check of the patient and of every source shown, audit).
 * Reported: p50 and p95 per size and path, and the load + index time; then BENCH_OVERVIEWS (default
 * 100) overview builds per size through the API (target p95 under 500 ms).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createKerne } from '../src/app.ts';
import { loadConfig } from '../src/config/index.ts';
import { generateEvalRecord } from '../src/journal/eval/index.ts';
import { searchPassages } from '../src/journal/index.ts';
import { PG_URL, REPO, envNumber, log, writeReport } from './fhir.bench.ts';

const RESULTS = path.join(REPO, 'bench', 'results', 'journal-latest.md');
const SIZES = (process.env.BENCH_SIZES ?? '200,2000').split(',').map((v) => Number(v.trim())).filter((n) => n >= 12);
const QUERIES = Math.round(envNumber('BENCH_QUERIES', 200));
const TARGET_P95_MS = 100;
/** The overview ("Overblik"): builds per record size through the API, and its target. */
const OVERVIEWS = Math.round(envNumber('BENCH_OVERVIEWS', 100));
const OVERVIEW_TARGET_P95_MS = 500;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (v: number) => v.toFixed(v < 10 ? 1 : 0);

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `kerne_bench_journal_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    if (process.env.BENCH_KEEP !== '1') await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const overviewRows: string[] = [];
  for (const size of SIZES) {
    await withDatabase(async (databaseUrl) => {
      const kerne = await createKerne(loadConfig({ databaseUrl, logLevel: 'silent' }, {}));
      try {
        const token = (await kerne.identity.issueAccessToken({ subject: 'bench', scope: 'system/*.*', clientId: 'bench' })).token;
        const { bundle, truth } = generateEvalRecord({ seed: 7 + size, documents: size, now: new Date() });
        const t0 = performance.now();
        const res = await kerne.http.inject({ method: 'POST', url: '/fhir', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' }, payload: JSON.stringify(bundle) });
        if (res.statusCode !== 200) throw new Error(`loading the record: ${res.statusCode} ${res.body.slice(0, 500)}`);
        await kerne.relay.flush();
        await kerne.journal.indexer.idle();
        const loadSeconds = (performance.now() - t0) / 1000;
        const [patient] = await kerne.db.query<{ id: string; passages: string }>(
          `SELECT patient_id AS id, count(*)::text AS passages FROM journal_passage GROUP BY patient_id ORDER BY count(*) DESC LIMIT 1`,
        );
        if (!patient) throw new Error('nothing was indexed');
        const queries = [
          ...truth.negatedFindings.map((f) => `ikke ${f.term}`),
          ...truth.negatedFindings.map((f) => f.term),
          ...truth.activeMedication.map((m) => m.name),
          ...truth.stoppedMedication.map((m) => `${m.name} seponeret`),
          'allergi', 'feber', 'ikke feber', 'lungeemboli', 'blodfortyndende', 'CT-svar', 'afventer', 'zebrafisk',
        ].filter((q) => q.trim().length >= 2);
        const sql: number[] = [];
        const api: number[] = [];
        for (let i = 0; i < QUERIES; i++) {
          const q = queries[i % queries.length]!;
          let s = performance.now();
          await searchPassages(kerne.db, patient.id, q, { limit: 40 });
          sql.push(performance.now() - s);
          s = performance.now();
          const r = await kerne.http.inject({ method: 'GET', url: `/api/journal/patients/${patient.id}/search?q=${encodeURIComponent(q)}`, headers: { authorization: `Bearer ${token}` } });
          api.push(performance.now() - s);
          if (r.statusCode !== 200) throw new Error(`search '${q}': ${r.statusCode} ${r.body.slice(0, 300)}`);
        }
        sql.sort((a, b) => a - b);
        api.sort((a, b) => a - b);
        log(`${size} documents: ${patient.passages} passages; index p50 ${ms(percentile(sql, 50))} ms p95 ${ms(percentile(sql, 95))} ms; API p50 ${ms(percentile(api, 50))} ms p95 ${ms(percentile(api, 95))} ms`);
        rows.push(`| ${size.toLocaleString('en-US')} | ${Number(patient.passages).toLocaleString('en-US')} | ${loadSeconds.toFixed(1)} s | ${ms(percentile(sql, 50))} / ${ms(percentile(sql, 95))} ms | ${ms(percentile(api, 50))} / **${ms(percentile(api, 95))}** ms |`);
        if (size >= 2000) rows.push(`|  |  |  | target p95 < ${TARGET_P95_MS} ms at 2,000 documents: **${percentile(api, 95) < TARGET_P95_MS ? 'met' : 'missed'}** |  |`);

        // The overview: the whole GET …/overview request (loads through the caller's repository, builds, records the visit), and the build time it reports.
        const whole: number[] = [];
        const built: number[] = [];
        let cold = 0;
        for (let i = -1; i < OVERVIEWS; i++) {
          const s = performance.now();
          const r = await kerne.http.inject({ method: 'GET', url: `/api/journal/patients/${patient.id}/overview`, headers: { authorization: `Bearer ${token}` } });
          const elapsed = performance.now() - s;
          if (r.statusCode !== 200) throw new Error(`overview: ${r.statusCode} ${r.body.slice(0, 300)}`);
          if (i < 0) {
            cold = elapsed; // the first call (cold caches and query plans) is reported apart
            continue;
          }
          whole.push(elapsed);
          built.push((JSON.parse(r.body) as { buildMs: number }).buildMs);
        }
        whole.sort((a, b) => a - b);
        built.sort((a, b) => a - b);
        log(`${size} documents: overview API p50 ${ms(percentile(whole, 50))} ms p95 ${ms(percentile(whole, 95))} ms (buildMs p95 ${ms(percentile(built, 95))} ms)`);
        overviewRows.push(`| ${size.toLocaleString('en-US')} | ${ms(cold)} ms | ${ms(percentile(built, 50))} / ${ms(percentile(built, 95))} ms | ${ms(percentile(whole, 50))} / **${ms(percentile(whole, 95))}** ms | ${percentile(whole, 95) < OVERVIEW_TARGET_P95_MS ? 'met' : 'missed'} |`);
      } finally {
        await kerne.close();
      }
    });
  }
  const md = [
    '# bench:journal (latest run)',
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} CPUs, Node ${process.version}, PostgreSQL at ${new URL(PG_URL).host}. ${QUERIES} searches per record size, cycling through the record's own findings and drugs, negated phrases, compound parts and words that are not there.`,
    '',
    '| documents | passages | load + index | index query p50 / p95 | API p50 / p95 (access check, audit) |',
    '|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `## Overview (Overblik): ${OVERVIEWS} builds per record size through GET /api/journal/patients/:id/overview (target p95 < ${OVERVIEW_TARGET_P95_MS} ms)`,
    '',
    '| documents | first call (cold) | buildMs p50 / p95 (load + build) | API p50 / p95 (incl. visit record, JSON) | target |',
    '|---:|---:|---:|---:|---|',
    ...overviewRows,
    '',
  ].join('\n');
  writeReport(RESULTS, md);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
