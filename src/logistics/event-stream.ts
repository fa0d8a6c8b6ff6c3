/**
 * Server-sent events on a Fastify reply: `event: <name>` + `data: <json>` blocks, a keep-alive
 * comment every 15 s, and a slow reader cut off rather than buffered without bound.
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LiveClient } from './live-hub.ts';

const KEEP_ALIVE_MS = 15_000;
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * The last message encoded, shared by every stream it goes to: LiveHub sends one view's JSON (the
 * same string) to all of its streams in one loop, so 1,000 screens cost one UTF-8 encoding of the
 * board rather than 1,000 (and a Buffer goes to each socket without another copy).
 */
let lastMessage: { event: string; json: string; bytes: Buffer } | undefined;
function encoded(event: string, json: string): Buffer {
  if (lastMessage?.json !== json || lastMessage.event !== event) lastMessage = { event, json, bytes: Buffer.from(`event: ${event}\ndata: ${json}\n\n`) };
  return lastMessage.bytes;
}

export interface EventStream extends LiveClient {
  /** Called once when the stream ends (client gone, or closed by us). */
  onClose(fn: () => void): void;
}

export function openEventStream(req: FastifyRequest, reply: FastifyReply, event: string): EventStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
  });
  res.write(': Kerne live stream\n\n');
  const closers: (() => void)[] = [];
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    // The reader is gone: free the socket too (otherwise it lingers until the keep-alive timeout).
    if (!res.destroyed) res.destroy();
    for (const fn of closers) fn();
  };
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  req.raw.on('close', finish);
  res.on('close', finish);
  return {
    send(json: string) {
      if (closed) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        req.log.warn('live stream reader too slow; closing it');
        res.destroy();
        return;
      }
      res.write(encoded(event, json));
    },
    close() {
      if (!closed) res.end();
      finish();
    },
    onClose(fn) {
      if (closed) fn();
      else closers.push(fn);
    },
  };
}
