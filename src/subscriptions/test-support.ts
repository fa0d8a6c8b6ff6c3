/** Test helpers for the Subscription tests: a recording HTTP receiver, a websocket client, polling, and Kerne on a chosen store. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { createKerne, type Kerne, type KerneOverrides } from '../app.ts';
import { loadConfig } from '../config/index.ts';

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

/** An HTTP endpoint that records every POST; `fail(n)` makes the next n answer 503. */
export async function startReceiver() {
  const received: Received[] = [];
  let failures = 0;
  let refused = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        refused++;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body, at: Date.now() });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    refusedCount: () => refused,
    fail(n: number) {
      failures = n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A websocket client that records every message. */
export async function openSocket(url: string) {
  const ws = new WebSocket(url);
  const messages: unknown[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, messages, close: () => new Promise<void>((r) => (ws.readyState === ws.CLOSED ? r() : (ws.once('close', () => r()), ws.close()))) };
}

export async function until<T>(what: string, fn: () => T | Promise<T>, ms = 10_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Kerne on an open store, listening on a free loopback port; `url` is its FHIR base. These tests are
 * about delivery, not login: they run with --dev-no-auth (every request a local integration, audited).
 */
export async function startKerne(overrides: KerneOverrides, config: Record<string, unknown> = {}): Promise<{ kerne: Kerne; url: string; origin: string }> {
  const kerne = await createKerne(loadConfig({ logLevel: 'silent', devNoAuth: true, ...config }, {}), overrides);
  await kerne.http.listen({ port: 0, host: '127.0.0.1' });
  const { port } = kerne.http.server.address() as AddressInfo;
  return { kerne, url: `http://127.0.0.1:${port}/fhir`, origin: `http://127.0.0.1:${port}` };
}

/** A FHIR JSON request over real HTTP. */
export async function fhir(method: string, url: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/fhir+json' } : {},
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Creates a Subscription and waits until the server has activated it. */
export async function createActiveSubscription(base: string, sub: Record<string, unknown>): Promise<any> {
  const created = await fhir('POST', `${base}/Subscription`, { resourceType: 'Subscription', status: 'requested', reason: 'test', ...sub });
  if (created.status !== 201) throw new Error(`Subscription create failed: ${created.status} ${JSON.stringify(created.json)}`);
  return until('the Subscription to become active', async () => {
    const r = await fhir('GET', `${base}/Subscription/${created.json.id}`);
    if (r.json.status === 'error') throw new Error(`Subscription went to error: ${r.json.error}`);
    return r.json.status === 'active' ? r.json : undefined;
  });
}
