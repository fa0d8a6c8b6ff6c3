/**
 * Kerne's composition root: what starts, in which order, and how it stops. Read this first.
 */
import { readFileSync } from 'node:fs';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { KerneConfig } from './config/index.ts';
import { migrate, openDb, type Db } from './db/index.ts';
import { toFhirError } from './errors/index.ts';
import { createChangeBus, OutboxRelay, readStoreId, type ChangeBus } from './events/index.ts';
import { loadFhirDefinitions } from './fhir/definitions/index.ts';
import { FhirRepository, readConformanceResources, type SearchPort } from './fhir/repository/index.ts';
import { FHIR_JSON, fhirRestPlugin } from './fhir/rest/index.ts';
import * as search from './fhir/search/index.ts';
import { createValidator, type Validator } from './fhir/validation/index.ts';
import { metricsPlugin } from './ops/index.ts';
import { createSubscriptions, type SubscriptionOptions, type Subscriptions } from './subscriptions/index.ts';

export const KERNE_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Kerne {
  readonly config: KerneConfig;
  readonly http: FastifyInstance;
  readonly db: Db;
  readonly repo: FhirRepository;
  readonly bus: ChangeBus;
  readonly relay: OutboxRelay;
  readonly subscriptions: Subscriptions;
  /** Stops accepting requests, lets in-flight ones finish, flushes the outbox, closes the store. */
  close(): Promise<void>;
}

/** The repository's neighbours: the search engine and the validator (with the store's installed profiles). */
export interface RepositoryParts {
  readonly search: SearchPort;
  readonly validator: Validator;
}

export async function createRepositoryParts(db: Db): Promise<RepositoryParts> {
  const validator = createValidator();
  validator.loadConformance(await readConformanceResources(db));
  const engine: SearchPort = {
    extractIndexRows: search.extractIndexRows,
    executeSearch: search.executeSearch,
    findMatchingIds: search.findMatchingIds,
    searchBundleJson: search.searchBundleJson,
    applySummaryAndElements: search.applySummaryAndElements,
  };
  return { search: engine, validator };
}

/** What tests may replace: the store (a fresh test database). */
export interface KerneOverrides {
  readonly db?: Db;
  /** Delivery tuning (tests use short back-off). */
  readonly subscriptions?: SubscriptionOptions;
}

export async function createKerne(config: KerneConfig, overrides: KerneOverrides = {}): Promise<Kerne> {
  // 1. Definitions and storage
  loadFhirDefinitions();
  const db = overrides.db ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  await migrate(db);
  const parts = await createRepositoryParts(db);

  // 2. Change events: outbox → bus (NATS JetStream when NATS_URL is set, in-process otherwise)
  const bus: ChangeBus = await createChangeBus(config.natsUrl, { namespace: await readStoreId(db) });
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
    // Errors Fastify raises before routing (a malformed URL, a bad content type) are OperationOutcomes too.
    frameworkErrors: (err, _req, reply) => {
      const e = toFhirError(err);
      (reply as unknown as FastifyReply).code(e.status).type(FHIR_JSON).send(JSON.stringify(e.outcome));
    },
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
  // 5. Subscriptions: rest-hook and websocket notifications of committed changes
  const subscriptions = createSubscriptions({ db, repo, bus, log: http.log, baseUrl: config.baseUrl, options: overrides.subscriptions });
  await http.register(fhirRestPlugin, { prefix: '/fhir', repo, baseUrl: config.baseUrl, version: KERNE_VERSION, subscriptionChannels: subscriptions.channels });
  await http.register(subscriptions.plugin);

  relay.committed(); // publish what an earlier run left in the outbox
  await subscriptions.start(); // and deliver what earlier runs left undelivered

  let closing: Promise<void> | undefined;
  return {
    config,
    http,
    db,
    repo,
    bus,
    relay,
    subscriptions,
    close() {
      closing ??= (async () => {
        await http.close();
        await relay.flush().catch(() => {});
        await relay.stop();
        await subscriptions.close();
        await bus.close();
        await db.close();
      })();
      return closing;
    },
  };
}
