/**
 * AuditWriter: group commit for the audit log, off the request path. A request hands in its entries
 * (`enqueue`) and is answered at once; whatever queued while the previous append ran goes into the
 * next one, in one statement, so one commit serves many requests and a read costs no commit wait.
 *
 * It fails closed: while the log cannot be written (the append failed and has not succeeded again
 * for `unavailableAfterMs`, or the backlog passed `maxBacklog` entries), `enqueue` refuses with a 503
 * and no patient data leaves. Failed appends are retried, in order, nothing dropped. `flush` (at
 * shutdown, before "min log" and the review are read) waits until everything handed in is written.
 * What a crash of this process (SIGKILL, power) loses is the batch in flight: the last few
 * milliseconds' entries.
 */
import type { Db } from '../db/index.ts';
import { FhirError, IssueType } from '../errors/index.ts';
import { appendAuditEvents, type AuditEntry } from './append.ts';

export interface AuditWriterOptions {
  /** Refuse new entries after appends have failed for this long (default 2 s). */
  readonly unavailableAfterMs?: number;
  /** Refuse new entries while this many wait to be written (default 50,000). */
  readonly maxBacklog?: number;
  /**
   * Collect entries this long before an append when few are waiting (default 10 ms): the response
   * does not wait for it, and one append then serves many requests even at low concurrency.
   */
  readonly lingerMs?: number;
  /** Wait this long before retrying a failed append (default 250 ms). */
  readonly retryMs?: number;
  readonly onError?: (err: unknown) => void;
}

/** With this many entries waiting, an append starts without lingering. */
const LINGER_UNTIL = 64;

interface Waiting {
  readonly entries: readonly AuditEntry[];
  readonly written?: () => void;
}

export class AuditWriter {
  readonly #db: Db;
  readonly #unavailableAfterMs: number;
  readonly #maxBacklog: number;
  readonly #retryMs: number;
  readonly #lingerMs: number;
  readonly #onError: (err: unknown) => void;
  #queue: Waiting[] = [];
  #queued = 0;
  #running: Promise<void> | undefined;
  #failingSince: number | undefined;
  #closing = false;
  /** Someone waits for the queue to be written (flush, close, record): no lingering. */
  #hurry = 0;
  #appended = 0;

  constructor(db: Db, options: AuditWriterOptions = {}) {
    this.#db = db;
    this.#unavailableAfterMs = options.unavailableAfterMs ?? 2_000;
    this.#maxBacklog = options.maxBacklog ?? 50_000;
    this.#retryMs = options.retryMs ?? 250;
    this.#lingerMs = options.lingerMs ?? 10;
    this.#onError = options.onError ?? (() => {});
  }

  /**
   * Hands entries in to be written shortly; throws a 503 FhirError while the log cannot be written,
   * except for entries of writes already committed (`committed`), which are always kept.
   */
  enqueue(entries: readonly AuditEntry[], options: { committed?: boolean } = {}): void {
    if (!options.committed) this.assertAvailable();
    this.#push({ entries });
  }

  /** Throws a 503 FhirError while the log cannot be written (before a write that will need its entry). */
  assertAvailable(): void {
    const failingFor = this.#failingSince === undefined ? 0 : Date.now() - this.#failingSince;
    if (failingFor >= this.#unavailableAfterMs || this.#queued >= this.#maxBacklog) {
      throw new FhirError(503, IssueType.transient, 'The audit log cannot be written at the moment, so no patient data is given out; try again shortly', undefined, { 'retry-after': '5' });
    }
  }

  /** Hands entries in and resolves once they are committed (for events that must be on record first). */
  async record(entries: readonly AuditEntry[]): Promise<void> {
    this.assertAvailable();
    this.#hurry++;
    try {
      await new Promise<void>((resolve) => this.#push({ entries, written: resolve }));
    } finally {
      this.#hurry--;
    }
  }

  /** Entries appended since start, and entries waiting (for metrics). */
  get appended(): number {
    return this.#appended;
  }
  get backlog(): number {
    return this.#queued;
  }

  /** Waits until everything handed in so far is written. */
  async flush(): Promise<void> {
    this.#hurry++;
    try {
      while (this.#running) await this.#running;
    } finally {
      this.#hurry--;
    }
  }

  /** Writes what is queued; if the store fails now, reports the entries it had to give up. */
  async close(): Promise<void> {
    this.#closing = true;
    await this.flush();
  }

  #push(waiting: Waiting): void {
    if (waiting.entries.length === 0) {
      waiting.written?.();
      return;
    }
    this.#queue.push(waiting);
    this.#queued += waiting.entries.length;
    this.#running ??= this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        if (this.#lingerMs > 0 && this.#hurry === 0 && this.#queued < LINGER_UNTIL) await new Promise((r) => setTimeout(r, this.#lingerMs));
        const batch = this.#queue;
        this.#queue = [];
        const entries = batch.flatMap((w) => w.entries);
        try {
          await appendAuditEvents(this.#db, entries);
        } catch (err) {
          if (this.#closing) {
            this.#onError(new Error(`${entries.length} audit entries could not be written at shutdown`, { cause: err }));
            this.#queued -= entries.length;
            for (const w of batch) w.written?.();
            continue;
          }
          // Keep the order: the failed batch goes back in front of what queued meanwhile.
          this.#queue = [...batch, ...this.#queue];
          this.#failingSince ??= Date.now();
          this.#onError(err);
          await new Promise((r) => setTimeout(r, this.#retryMs));
          continue;
        }
        this.#failingSince = undefined;
        this.#queued -= entries.length;
        this.#appended += entries.length;
        for (const w of batch) w.written?.();
      }
    } finally {
      this.#running = undefined;
    }
  }
}
