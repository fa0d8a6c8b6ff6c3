/**
 * Planner statistics. PGlite has no autovacuum, so without this its planner guesses (a date-range
 * search took seconds); PostgreSQL's autovacuum analyzes a table only after 10 % of it changed and
 * then within a minute, which is too late when device readings grow the store by thousands of rows
 * a second: a patient's vitals search then scanned every reading with the code (0.7 s instead of
 * 9 ms). Kerne runs ANALYZE after bulk imports, and while running whenever the store has grown by a
 * fifth since the last time (at least 2,000 rows; PGlite: on any change), one node at a time.
 */
import type { Db } from './db.ts';

export async function analyze(db: Db): Promise<void> {
  await db.exec('ANALYZE');
}

/** The tables a growing store changes: resources and their search indexes. */
const STORE_TABLES = 'resource, sp_token, sp_string, sp_date, sp_number, sp_quantity, sp_reference, sp_uri';
/** pg_try_advisory_lock key: several nodes share one database; one analyzes. */
const ANALYZE_LOCK = 7_340_002;

export interface StatisticsOptions {
  /** How often to check (default: 10 s on PostgreSQL, 120 s on PGlite). */
  readonly intervalMs?: number;
  /** PostgreSQL: rows written since the last ANALYZE, as a share of the resources, that call for another (default 0.2). */
  readonly growth?: number;
  /** PostgreSQL: and at least this many (default 2,000). */
  readonly minimumRows?: number;
}

/** Keeps the planner's statistics fresh while Kerne runs; returns a stop function. */
export function keepStatisticsFresh(db: Db, options: StatisticsOptions = {}, onError: (err: unknown) => void = () => {}): () => void {
  const pglite = db.kind === 'pglite';
  const intervalMs = options.intervalMs ?? (pglite ? 120_000 : 10_000);
  let lastSeq: number | undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const [row] = await db.query<{ seq: string | null; resources: number | null }>(
        `SELECT (SELECT max(seq) FROM outbox)::text AS seq, (SELECT reltuples FROM pg_class WHERE relname = 'resource')::float8 AS resources`,
      );
      const seq = Number(row?.seq ?? 0);
      if (pglite) {
        if (seq !== lastSeq) await analyze(db);
        lastSeq = seq;
        return;
      }
      if (lastSeq === undefined) {
        lastSeq = seq; // autovacuum looked after what was there at start
        return;
      }
      const threshold = Math.max(options.minimumRows ?? 2_000, (options.growth ?? 0.2) * Math.max(0, row?.resources ?? 0));
      if (seq - lastSeq < threshold) return;
      await db.transaction(async (tx) => {
        const [lock] = await tx.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [ANALYZE_LOCK]);
        if (lock?.locked) await tx.exec(`ANALYZE ${STORE_TABLES}`);
      });
      lastSeq = seq;
    } catch (err) {
      onError(err);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
