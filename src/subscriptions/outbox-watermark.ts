/**
 * The outbox watermark: the highest outbox seq below which every row is final (committed or never to
 * appear). Outbox seqs are allocated before commit, so seq 7 can be visible while seq 6 is still in
 * flight; a cursor that jumped past 6 would lose it. When a gap is first seen, the transactions then
 * running in this database (pg_stat_activity.backend_xid) are noted; once none of them is running any
 * more, the missing seqs are either visible or were rolled back. Transactions in other databases of
 * the cluster do not hold it back. PGlite has one connection, so a gap there is always a rollback.
 * This relies on the writer having an xid before it draws an outbox seq: write-versions.ts inserts
 * the resource row before the outbox rows of the same statement.
 * @see https://www.postgresql.org/docs/current/monitoring-stats.html#MONITORING-PG-STAT-ACTIVITY-VIEW
 */
import type { Db } from '../db/index.ts';

const PAGE = 5000;

const RUNNING_XIDS = `SELECT coalesce(array_agg(backend_xid::text), '{}') AS xids FROM pg_stat_activity
  WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()`;

export class OutboxWatermark {
  readonly #db: Db;
  #safe: bigint | undefined;
  #gap: { from: bigint; xids: string[] } | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Moves the watermark as far as it safely goes and returns it (a decimal string). */
  async advance(): Promise<string> {
    let safe: bigint = this.#safe ?? (await this.#start());
    try {
      for (;;) {
        const rows = await this.#db.query<{ seq: string }>(
          `SELECT seq::text AS seq FROM outbox WHERE seq > $1 ORDER BY outbox.seq LIMIT ${PAGE}`,
          [safe.toString()],
        );
        if (rows.length === 0) return safe.toString();
        for (const r of rows) {
          const seq = BigInt(r.seq);
          const expected = safe + 1n;
          if (seq !== expected && !(await this.#gapSettled(expected))) return safe.toString();
          safe = seq;
        }
        if (rows.length < PAGE) return safe.toString();
      }
    } finally {
      this.#safe = safe;
    }
  }

  /** True when every transaction that might still write the seqs from `from` on has ended. */
  async #gapSettled(from: bigint): Promise<boolean> {
    if (this.#db.kind === 'pglite') return true;
    const running = (await this.#db.query<{ xids: string[] }>(RUNNING_XIDS))[0]?.xids ?? [];
    if (this.#gap?.from !== from) {
      this.#gap = { from, xids: running };
      // Nothing running: the missing seq was rolled back, unless it committed since the read above.
      return running.length === 0 && (await this.#stillMissing(from));
    }
    const stillRunning = this.#gap.xids.some((x) => running.includes(x));
    if (stillRunning) return false;
    this.#gap = undefined;
    return true;
  }

  /** Re-reads after noting the running transactions: a seq committed in between closes the gap. */
  async #stillMissing(seq: bigint): Promise<boolean> {
    const rows = await this.#db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE seq = $1', [seq.toString()]);
    return rows[0]?.n === 0;
  }

  /** Starts at the lowest delivery cursor (all below it was handled), else at the newest outbox row. */
  async #start(): Promise<bigint> {
    const rows = await this.#db.query<{ s: string | null }>(
      `SELECT coalesce((SELECT min(cursor) FROM subscription_delivery WHERE active), (SELECT max(seq) FROM outbox), 0)::text AS s`,
    );
    return BigInt(rows[0]?.s ?? '0');
  }
}
