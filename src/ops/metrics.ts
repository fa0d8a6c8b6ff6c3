/** Prometheus metrics at /metrics: requests and latency per FHIR interaction, database pool, event and audit backlogs, the device inbox. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/index.ts';

export interface MetricsOptions {
  readonly db: Db;
  /** Number of committed changes not yet published (the outbox backlog). */
  readonly eventBacklog: () => Promise<number>;
  /** Audit entries handed in and not yet written. */
  readonly auditBacklog: () => number;
  /** The device inbox's counts since start (messages by outcome, readings by where they went, open connections). */
  readonly devices?: () => DeviceInboxStats;
}

export interface DeviceInboxStats {
  readonly messages: Readonly<Record<string, number>>;
  readonly readings: Readonly<Record<string, number>>;
  readonly connections: number;
}

/** Not encapsulated (fastify-plugin): its hook must see every route. */
export const metricsPlugin = fp(async function metrics(app: FastifyInstance, options: MetricsOptions): Promise<void> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kerne_' });
  const requests = new Counter({
    name: 'kerne_http_requests_total',
    help: 'HTTP requests by FHIR interaction and status code',
    labelNames: ['interaction', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'kerne_http_request_duration_seconds',
    help: 'HTTP request latency by FHIR interaction',
    labelNames: ['interaction'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const pool = new Gauge({ name: 'kerne_db_pool_connections', help: 'Database pool connections by state', labelNames: ['state'] as const, registers: [registry] });
  const backlog = new Gauge({ name: 'kerne_event_backlog', help: 'Committed changes not yet published', registers: [registry] });
  const auditBacklog = new Gauge({ name: 'kerne_audit_backlog', help: 'Audit entries not yet written to the audit log', registers: [registry] });

  const devices = options.devices;
  if (devices) {
    const counter = (name: string, help: string, label: string, pick: (s: DeviceInboxStats) => Readonly<Record<string, number>>) =>
      new Counter({
        name, help, labelNames: [label], registers: [registry],
        collect() {
          this.reset();
          for (const [value, n] of Object.entries(pick(devices()))) this.inc({ [label]: value }, n);
        },
      });
    counter('kerne_device_messages_total', 'HL7 v2 device messages by outcome (accepted, duplicate, rejected, error)', 'outcome', (s) => s.messages);
    counter('kerne_device_readings_total', 'Device readings by destination (charted, held: no patient, aside: not plausible)', 'destination', (s) => s.readings);
    new Gauge({ name: 'kerne_device_connections', help: 'Open MLLP connections', registers: [registry], collect() { this.set(devices().connections); } });
  }

  app.addHook('onResponse', async (req, reply) => {
    const interaction = interactionOf(req.method, req.url);
    requests.inc({ interaction, status: String(reply.statusCode) });
    latency.observe({ interaction }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', async (_req, reply) => {
    const s = options.db.stats();
    pool.set({ state: 'total' }, s.total);
    pool.set({ state: 'idle' }, s.idle);
    pool.set({ state: 'waiting' }, s.waiting);
    backlog.set(await options.eventBacklog().catch(() => -1));
    auditBacklog.set(options.auditBacklog());
    reply.type(registry.contentType).send(await registry.metrics());
  });
});

/** Names the FHIR interaction of a request from its method and path shape (bounded label values). */
export function interactionOf(method: string, url: string): string {
  const path = url.split('?')[0] ?? '';
  if (!path.startsWith('/fhir')) return path === '/metrics' || path === '/healthz' ? path.slice(1) : 'other';
  const seg = path.slice(5).split('/').filter(Boolean);
  const [type, id, op, vid] = seg;
  if (!type) return method === 'POST' ? 'batch-transaction' : 'other';
  if (type === 'metadata') return 'capabilities';
  if (type === '_history') return 'history-system';
  if (id === undefined) {
    return ({ GET: 'search-type', POST: 'create', PUT: 'conditional-update', DELETE: 'conditional-delete' } as Record<string, string>)[method] ?? 'other';
  }
  if (id === '_search') return 'search-type';
  if (id === '_history') return 'history-type';
  if (op === '_history') return vid ? 'vread' : 'history-instance';
  if (op) return 'operation';
  return ({ GET: 'read', HEAD: 'read', PUT: 'update', PATCH: 'patch', DELETE: 'delete' } as Record<string, string>)[method] ?? 'other';
}
