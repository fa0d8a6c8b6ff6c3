/**
 * A live JSON feed over server-sent events: opens the stream (through a connect function that
 * adds the bearer token), applies each event whose data passes the guard, and reconnects with
 * exponential back-off (with jitter) when the stream ends, fails or goes quiet longer than the
 * server's keep-alive allows. A client error (4xx) is final: retrying would not help.
 * Free of app and DOM imports, so it is tested under Node with Response and ReadableStream.
 */
import { readEventStream, SseParser } from './sse.ts';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'failed';

export interface LiveStreamOptions<T> {
  /** Opens the stream (fetch with the token); must pass the signal on. */
  connect(signal: AbortSignal): Promise<Response>;
  /** Event names to apply; '*' takes every event (a stream that carries one kind of JSON). */
  readonly events: readonly string[] | '*';
  /** Checks the parsed data before it is applied. */
  accept(data: unknown): data is T;
  onData(data: T): void;
  onStatus(status: LiveStatus): void;
  /** A response retrying cannot fix (4xx other than 408/429); the stream stops. */
  onFatal(error: unknown): void;
  /** Turns an error response into the error given to onFatal (e.g. the OperationOutcome). */
  toError?(res: Response): Promise<unknown>;
  /** Reconnect when nothing (not even a keep-alive comment) came for this long. Default 45 s (the server comments every 15 s). */
  readonly idleTimeoutMs?: number;
  /** The delay before reconnect attempt n (0-based). Default backoffDelay. */
  backoff?(attempt: number): number;
}

export interface LiveStream {
  close(): void;
  /** Skips the back-off wait (e.g. when the browser comes back online). */
  reconnectNow(): void;
}

export const MAX_BACKOFF_MS = 30_000;

/** 1 s, 2 s, 4 s … up to 30 s, each with jitter down to half, so many screens do not reconnect in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Whether an HTTP status means "do not try again". */
export const isFatalStatus = (status: number): boolean => status >= 400 && status < 500 && status !== 408 && status !== 429;

export function openLiveStream<T>(options: LiveStreamOptions<T>): LiveStream {
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  const backoff = options.backoff ?? ((n: number) => backoffDelay(n));
  let closed = false;
  let attempt = 0;
  let first = true;
  let controller: AbortController | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const status = (s: LiveStatus) => {
    if (!closed) options.onStatus(s);
  };
  const clearIdle = () => {
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    idleTimer = undefined;
  };
  const armIdle = (c: AbortController) => {
    clearIdle();
    idleTimer = setTimeout(() => c.abort(), idleTimeoutMs);
  };
  const wants = (name: string) => options.events === '*' || options.events.includes(name);

  const run = async (): Promise<void> => {
    retryTimer = undefined;
    if (closed) return;
    const c = new AbortController();
    controller = c;
    if (first) status('connecting');
    first = false;
    try {
      armIdle(c);
      const res = await options.connect(c.signal);
      if (!res.ok) {
        const error = options.toError ? await options.toError(res) : new Error(`${res.status} ${res.statusText}`);
        if (isFatalStatus(res.status)) {
          clearIdle();
          status('failed');
          if (!closed) options.onFatal(error);
          closed = true;
          return;
        }
        throw error;
      }
      if (!res.body) throw new Error('The stream has no body');
      const parser = new SseParser({
        onComment: () => armIdle(c),
        onEvent: (e) => {
          armIdle(c);
          if (closed || !wants(e.event)) return;
          let data: unknown;
          try {
            data = JSON.parse(e.data);
          } catch {
            return;
          }
          if (!options.accept(data)) return;
          attempt = 0;
          status('live');
          options.onData(data);
        },
      });
      await readEventStream(res.body, parser, c.signal);
    } catch {
      // Network failure, abort or server error: reconnect below unless closed.
    } finally {
      clearIdle();
    }
    if (closed) return;
    status('reconnecting');
    retryTimer = setTimeout(() => void run(), backoff(attempt++));
  };

  void run();
  return {
    close() {
      closed = true;
      clearIdle();
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      controller?.abort();
    },
    reconnectNow() {
      if (closed || retryTimer === undefined) return;
      clearTimeout(retryTimer);
      void run();
    },
  };
}
