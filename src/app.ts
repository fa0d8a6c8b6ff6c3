/**
 * Kerne's composition root: what starts, in which order, and how it stops. Read this first.
 */
import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { KerneConfig } from './config/index.ts';
import { migrate, openDb, type Db } from './db/index.ts';
import { toFhirError } from './errors/index.ts';
import { InProcessChangeBus, OutboxRelay, type ChangeBus } from './events/index.ts';
import { loadFhirDefinitions } from './fhir/definitions/index.ts';
import { FhirRepository, type SearchPort } from './fhir/repository/index.ts';
import { FHIR_JSON, fhirRestPlugin } from './fhir/rest/index.ts';
import type { ResourceValidator } from './fhir/validation/validator.ts';
import { metricsPlugin } from './ops/index.ts';

export const KERNE_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Kerne {
  readonly config: KerneConfig;
  readonly http: FastifyInstance;
  readonly db: Db;
  readonly repo: FhirRepository;
  readonly bus: ChangeBus;
  readonly relay: OutboxRelay;
  /** Stops accepting requests, lets in-flight ones finish, flushes the outbox, closes the store. */
  close(): Promise<void>;
}

/** What the composition root wires in; tests may pass their own store. */
export interface KerneParts {
  readonly db?: Db;
  readonly search: SearchPort;
  readonly validator: ResourceValidator;
}

export async function createKerne(config: KerneConfig, parts: KerneParts): Promise<Kerne> {
  // 1. Definitions and storage
  loadFhirDefinitions();
  const db = parts.db ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  await migrate(db);

  // 2. Change events: outbox → bus
  const bus: ChangeBus = new InProcessChangeBus();
  const relay = new OutboxRelay(db, bus);

  // 3. The repository: every read and write goes through it
  const repo = new FhirRepository({ db, validator: parts.validator, search: parts.search, commits: relay });

  // 4. HTTP
  const http = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    forceCloseConnections: false,
    return503OnClosing: true,
  });
  http.setErrorHandler((err, req, reply) => {
    const e = toFhirError(err);
    if (e.status >= 500) req.log.error({ err }, 'request failed');
    reply.code(e.status).type(FHIR_JSON).send(JSON.stringify(e.outcome));
  });
  http.setNotFoundHandler((req, reply) => {
    reply.code(404).type(FHIR_JSON).send(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', details: { text: `No route ${req.method} ${req.url.split('?')[0]}` } }] }));
  });
  await http.register(metricsPlugin, { db, eventBacklog: () => relay.backlog() });
  http.get('/healthz', async () => ({ status: 'ok' }));
  await http.register(fhirRestPlugin, { prefix: '/fhir', repo, baseUrl: config.baseUrl, version: KERNE_VERSION, subscriptionChannels: [] });

  relay.committed(); // publish what an earlier run left in the outbox

  let closing: Promise<void> | undefined;
  return {
    config,
    http,
    db,
    repo,
    bus,
    relay,
    close() {
      closing ??= (async () => {
        await http.close();
        await relay.flush().catch(() => {});
        await relay.stop();
        await bus.close();
        await db.close();
      })();
      return closing;
    },
  };
}
