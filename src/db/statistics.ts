/**
 * Planner statistics. PostgreSQL's autovacuum keeps them; PGlite has no autovacuum, so without this
 * its planner guesses (a date-range search took seconds). Kerne runs ANALYZE after bulk imports on
 * both, and on PGlite also at start and whenever the store changed since the last run.
 */
import type { Db } from './db.ts';

export async function analyze(db: Db): Promise<void> {
  await db.exec('ANALYZE');
}

/** On PGlite: ANALYZE now and then every `intervalMs` if anything was written. Returns a stop function. */
export function keepStatisticsFresh(db: Db, intervalMs = 120_000, onError: (err: unknown) => void = () => {}): () => void {
  if (db.kind !== 'pglite') return () => {};
  let lastSeq: string | undefined;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const [row] = await db.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM outbox');
      const seq = row?.seq ?? '0';
      if (seq !== lastSeq) {
        await analyze(db);
        lastSeq = seq;
      }
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
