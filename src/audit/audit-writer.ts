/**
 * AuditWriter: group commit for the audit log. Requests hand in their entries and wait; whatever
 * queued while the previous append ran goes into the next one, in one statement. A request is
 * answered only after its entries are durable, and one append per batch keeps the cost per request
 * small under load.
 */
import type { Db } from '../db/index.ts';
import { appendAuditEvents, type AuditEntry } from './append.ts';

interface Waiting {
  readonly entries: readonly AuditEntry[];
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

export class AuditWriter {
  readonly #db: Db;
  #queue: Waiting[] = [];
  #running: Promise<void> | undefined;
  #appended = 0;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Resolves when the entries are in the log (committed); rejects when they could not be written. */
  record(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ entries, resolve, reject });
      this.#running ??= this.#drain();
    });
  }

  /** Entries appended since start (for metrics). */
  get appended(): number {
    return this.#appended;
  }

  /** Waits until everything handed in so far is written. */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        const entries = batch.flatMap((w) => w.entries);
        try {
          await appendAuditEvents(this.#db, entries);
          this.#appended += entries.length;
          for (const w of batch) w.resolve();
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.#running = undefined;
    }
  }
}
