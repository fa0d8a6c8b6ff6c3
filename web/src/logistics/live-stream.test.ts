import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, isFatalStatus, MAX_BACKOFF_MS, openLiveStream, type LiveStatus } from './live-stream.ts';

interface Doc {
  n: number;
}
const isDoc = (x: unknown): x is Doc => typeof x === 'object' && x !== null && typeof (x as Doc).n === 'number';

/** A streaming response that sends the chunks, then ends (or stays open until aborted). */
function sse(chunks: string[], options: { keepOpen?: boolean; signal?: AbortSignal } = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      if (!options.keepOpen) controller.close();
      else options.signal?.addEventListener('abort', () => controller.error(new Error('aborted')));
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

const until = async (what: string, ok: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('live stream with reconnect', () => {
  it('backs off 1, 2, 4 … s up to 30 s, with jitter down to half', () => {
    assert.equal(backoffDelay(0, () => 1), 1000, 'first retry within a second');
    assert.equal(backoffDelay(0, () => 0), 500, 'jitter halves at most');
    assert.equal(backoffDelay(3, () => 1), 8000, 'doubles each attempt');
    assert.equal(backoffDelay(20, () => 1), MAX_BACKOFF_MS, 'capped');
    assert.equal(isFatalStatus(403), true, '403 is final');
    assert.equal(isFatalStatus(429), false, '429 is retried');
    assert.equal(isFatalStatus(503), false, '503 is retried');
  });

  it('applies events, reconnects when the stream ends, and stops on close', async () => {
    const data: number[] = [];
    const statuses: LiveStatus[] = [];
    const attempts: number[] = [];
    let connects = 0;
    const stream = openLiveStream<Doc>({
      events: ['board'],
      accept: isDoc,
      backoff: (n) => {
        attempts.push(n);
        return 5;
      },
      onData: (d) => data.push(d.n),
      onStatus: (s) => statuses.at(-1) !== s && statuses.push(s),
      onFatal: () => assert.fail('no fatal error expected'),
      connect: async (signal) => {
        connects++;
        if (connects === 1) return sse(['event: board\ndata: {"n"', ':1}\n\n: keep-alive\n\nevent: other\ndata: {"n":99}\n\ndata: {"n":98}\n\n']);
        if (connects === 2) throw new TypeError('network down');
        if (connects === 3) return new Response('oops', { status: 503 });
        return sse(['event: board\ndata: not json\n\nevent: board\ndata: {"x":1}\n\nevent: board\ndata: {"n":2}\n\n'], { keepOpen: true, signal });
      },
    });
    await until('the second document', () => data.length === 2);
    assert.deepEqual(data, [1, 2], 'only board events with valid data are applied');
    assert.deepEqual(statuses, ['connecting', 'live', 'reconnecting', 'live'], 'live, interrupted, live again');
    assert.deepEqual(attempts, [0, 1, 2], 'the back-off grows while attempts fail');
    stream.close();
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(connects, 4, 'no reconnect after close');
    assert.deepEqual(statuses.at(-1), 'live', 'no status after close');
  });

  it('reconnects when the stream goes quiet longer than the idle timeout', async () => {
    let connects = 0;
    const data: number[] = [];
    const stream = openLiveStream<Doc>({
      events: '*',
      accept: isDoc,
      idleTimeoutMs: 30,
      backoff: () => 1,
      onData: (d) => data.push(d.n),
      onStatus: () => undefined,
      onFatal: () => assert.fail('no fatal error expected'),
      connect: async (signal) => {
        connects++;
        return sse([`data: {"n":${connects}}\n\n`], { keepOpen: true, signal });
      },
    });
    await until('a reconnect after silence', () => connects >= 2);
    stream.close();
    assert.deepEqual(data.slice(0, 2), [1, 2], 'the state sent on each connection is applied');
  });

  it('stops for good on a client error and reports it', async () => {
    let connects = 0;
    const statuses: LiveStatus[] = [];
    let fatal: unknown;
    openLiveStream<Doc>({
      events: '*',
      accept: isDoc,
      backoff: () => 1,
      onData: () => assert.fail('no data expected'),
      onStatus: (s) => statuses.push(s),
      onFatal: (e) => (fatal = e),
      toError: async (res) => new Error(`HTTP ${res.status}: ${await res.text()}`),
      connect: async () => {
        connects++;
        return new Response('Ingen adgang', { status: 403 });
      },
    });
    await until('the fatal error', () => fatal !== undefined);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(connects, 1, 'no retry after 403');
    assert.equal((fatal as Error).message, 'HTTP 403: Ingen adgang', 'the error comes from toError');
    assert.deepEqual(statuses, ['connecting', 'failed'], 'status failed');
  });
});
