/**
 * The outbox relay: after each commit it reads unpublished outbox rows in order, hands them to the
 * change bus, and marks them published. Rows left by a crash are published at the next start.
 * Several nodes may run it: rows are claimed with FOR UPDATE SKIP LOCKED.
 */
import type { Db } from '../db/index.ts';
import type { ChangeEvent, CommitListener } from './change.ts';
import type { ChangeBus } from './change-bus.ts';

const BATCH = 500;

export class OutboxRelay implements CommitListener {
  readonly #db: Db;
  readonly #bus: ChangeBus;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  readonly #onError: (err: unknown) => void;

  constructor(db: Db, bus: ChangeBus, options: { pollMs?: number; onError?: (err: unknown) => void } = {}) {
    this.#db = db;
    this.#bus = bus;
    this.#onError = options.onError ?? (() => {});
    const pollMs = options.pollMs ?? 1000;
    // A safety net for rows committed by a node that died before relaying them.
    this.#timer = setInterval(() => this.committed(), pollMs);
    this.#timer.unref();
  }

  /** Called after every commit that wrote outbox rows; coalesces bursts into one drain. */
  committed(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    // A failed publish (NATS down) leaves the rows unpublished; the poll tries again.
    this.#running = this.#drain().catch(this.#onError).finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.committed();
      }
    });
  }

  /** Waits until everything committed so far has been published. */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
    await this.#drain();
  }

  async backlog(): Promise<number> {
    const rows = await this.#db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE NOT published');
    return rows[0]?.n ?? 0;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    while (this.#running) await this.#running.catch(() => {});
  }

  async #drain(): Promise<void> {
    for (;;) {
      const published = await this.#db.transaction(async (tx) => {
        const rows = await tx.query<{ seq: string; type: string; id: string; version_id: number; action: ChangeEvent['action']; at: string }>(
          `SELECT seq, type, id, version_id, action, at FROM outbox WHERE NOT published ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        );
        if (rows.length === 0) return 0;
        const events: ChangeEvent[] = rows.map((r) => ({
          seq: r.seq,
          type: r.type,
          id: r.id,
          versionId: r.version_id,
          action: r.action,
          at: new Date(r.at).toISOString(),
        }));
        await this.#bus.publish(events);
        await tx.query('UPDATE outbox SET published = true WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
        return rows.length;
      });
      if (published < BATCH) return;
    }
  }
}
