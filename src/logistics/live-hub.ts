/**
 * LiveHub: keeps open board streams current. Every open stream has a view key (which board, for
 * whom, how shown); a committed change on any node (the change bus: NATS across nodes) marks the
 * views stale, and shortly after, each view is computed once and sent to all of its streams when
 * it differs from what they have. So 1,000 screens on one ward cost one computation per change.
 */
import type { ChangeBus, ChangeEvent } from '../events/index.ts';

export interface LiveHubOptions {
  readonly bus: ChangeBus;
  /** Whether a change can alter a view (by its resource type, mostly). */
  readonly relevant: (e: ChangeEvent) => boolean;
  /** Wait this long after a change for more before recomputing (default 30 ms). */
  readonly settleMs?: number;
  readonly onError?: (err: unknown, key: string) => void;
}

/** One open stream: receives the view's JSON text (identical for every stream of the view). */
export interface LiveClient {
  send(json: string): void;
  close(): void;
}

interface View {
  readonly load: () => Promise<unknown>;
  readonly clients: Set<LiveClient>;
  /** The last JSON sent, without its generatedAt, to skip unchanged updates. */
  last?: string;
}

export class LiveHub {
  readonly #views = new Map<string, View>();
  readonly #relevant: (e: ChangeEvent) => boolean;
  readonly #settleMs: number;
  readonly #onError: (err: unknown, key: string) => void;
  readonly #unsubscribe: () => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #generation = 0;
  /** Views computed and messages sent (metrics, tests, the benchmark). */
  readonly stats = { computed: 0, sent: 0 };

  constructor(options: LiveHubOptions) {
    this.#relevant = options.relevant;
    this.#settleMs = options.settleMs ?? 30;
    this.#onError = options.onError ?? (() => {});
    this.#unsubscribe = options.bus.subscribe((e) => this.#changed(e));
  }

  get clientCount(): number {
    let n = 0;
    for (const v of this.#views.values()) n += v.clients.size;
    return n;
  }

  /**
   * Adds a stream to the view `key` (created with `load` when it is the first) and sends it the
   * `current` state (just loaded by the caller); returns the function that removes it.
   */
  join(key: string, load: () => Promise<unknown>, client: LiveClient, current: unknown, loadedAt = this.generation): () => void {
    let view = this.#views.get(key);
    if (!view) this.#views.set(key, (view = { load, clients: new Set() }));
    const json = JSON.stringify(current);
    view.clients.add(client);
    client.send(json);
    this.stats.sent++;
    view.last ??= withoutTimestamp(json);
    // A change arrived while `current` was loading: this stream may be behind, so recompute.
    if (loadedAt !== this.generation) {
      view.last = undefined;
      void this.refresh();
    }
    return () => {
      view.clients.delete(client);
      if (view.clients.size === 0 && this.#views.get(key) === view) this.#views.delete(key);
    };
  }

  /** Recomputes every view now (and sends what changed); resolves when done. */
  async refresh(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await Promise.all([...this.#views].map(([key, view]) => this.#recompute(key, view)));
      } while (this.#again);
    })().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Ends every stream (shutdown: open streams would keep the server from closing). */
  close(): void {
    this.#unsubscribe();
    clearTimeout(this.#timer);
    for (const view of this.#views.values()) for (const c of view.clients) c.close();
    this.#views.clear();
  }

  /** Counts relevant changes; a stream that loaded at an older generation may have missed one. */
  get generation(): number {
    return this.#generation;
  }

  #changed(e: ChangeEvent): void {
    if (!this.#relevant(e)) return;
    this.#generation++;
    if (this.#views.size === 0) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.refresh();
    }, this.#settleMs);
  }

  async #recompute(key: string, view: View): Promise<void> {
    if (view.clients.size === 0) return;
    try {
      const json = JSON.stringify(await view.load());
      this.stats.computed++;
      const stable = withoutTimestamp(json);
      if (stable === view.last) return;
      view.last = stable;
      for (const c of view.clients) {
        c.send(json);
        this.stats.sent++;
      }
    } catch (err) {
      this.#onError(err, key);
    }
  }
}

/** The JSON without its "generatedAt" (a view that only got older is not sent again). */
function withoutTimestamp(json: string): string {
  return json.replace(/"generatedAt":"[^"]*"/, '');
}
