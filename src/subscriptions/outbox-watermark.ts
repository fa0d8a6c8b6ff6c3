/**
 * The outbox watermark: the highest outbox seq below which every row is final (committed or never to
 * appear). Outbox seqs are allocated before commit, so seq 7 can be visible while seq 6 is still in
 * flight; a cursor that jumped past 6 would lose it. A gap is waited out until every transaction that
 * was running when it was first seen has ended (pg_current_snapshot xmin passes that snapshot's xmax);
 * then the missing seqs are either visible or were rolled back.
 * @see https://www.postgresql.org/docs/current/functions-info.html#FUNCTIONS-PG-SNAPSHOT
 */
import type { Queryable } from '../db/index.ts';

const PAGE = 5000;

export class OutboxWatermark {
  readonly #q: Queryable;
  #safe: bigint | undefined;
  #gap: { from: bigint; xmax: bigint } | undefined;

  constructor(q: Queryable) {
    this.#q = q;
  }

  /** Moves the watermark as far as it safely goes and returns it (a decimal string). */
  async advance(): Promise<string> {
    let safe: bigint = this.#safe ?? (await this.#start());
    try {
      for (;;) {
        const rows: { seq: string; xmin: string; xmax: string }[] = await this.#q.query(
          `SELECT seq::text, pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax
           FROM outbox WHERE seq > $1 ORDER BY outbox.seq LIMIT ${PAGE}`,
          [safe.toString()],
        );
        if (rows.length === 0) return safe.toString();
        const xmin = BigInt(rows[0]!.xmin);
        const xmax = BigInt(rows[0]!.xmax);
        for (const r of rows) {
          const seq = BigInt(r.seq);
          const expected = safe + 1n;
          if (seq !== expected) {
            const gap = this.#gap;
            const settled = gap !== undefined && gap.from === expected && xmin >= gap.xmax;
            if (!settled) {
              if (gap?.from !== expected) this.#gap = { from: expected, xmax };
              return safe.toString();
            }
            this.#gap = undefined; // every transaction that could have held the missing seqs has ended
          }
          safe = seq;
        }
        if (rows.length < PAGE) return safe.toString();
      }
    } finally {
      this.#safe = safe;
    }
  }

  /** Starts at the lowest delivery cursor (all below it was handled), else at the newest outbox row. */
  async #start(): Promise<bigint> {
    const rows = await this.#q.query<{ s: string | null }>(
      `SELECT coalesce((SELECT min(cursor) FROM subscription_delivery WHERE active), (SELECT max(seq) FROM outbox), 0)::text AS s`,
    );
    return BigInt(rows[0]?.s ?? '0');
  }
}
