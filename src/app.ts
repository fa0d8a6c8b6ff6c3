/**
 * Kerne's composition root: what starts, in which order, and how it stops. Read this first.
 */
import { readFileSync } from 'node:fs';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { AccessControl, accessPlugin, requestOrigin, type Principal } from './access/index.ts';
import type { KerneConfig } from './config/index.ts';
import { keepStatisticsFresh, migrate, openDb, type Db } from './db/index.ts';
import { createChangeBus, OutboxRelay, readStoreId, type ChangeBus } from './events/index.ts';
import { loadFhirDefinitions } from './fhir/definitions/index.ts';
import { CONFORMANCE_TYPES, FhirRepository, readConformanceResources, type SearchPort } from './fhir/repository/index.ts';
import { fhirRestPlugin } from './fhir/rest/index.ts';
import * as search from './fhir/search/index.ts';
import { createValidator, type Validator } from './fhir/validation/index.ts';
import { createIdentity, type Identity } from './identity/index.ts';
import { createHttpServer, metricsPlugin } from './ops/index.ts';
import { createDevices, DEVICE_READING_ID_PREFIX, isDeviceReadingId, type Devices } from './devices/index.ts';
import { EarlyWarningService } from './early-warning/index.ts';
import { createJournal, createLanguageModel, type Journal } from './journal/index.ts';
import { createDocuments, type Documents } from './documents/index.ts';
import { createTimeline } from './timeline/index.ts';
import { createNotes } from './notes/index.ts';
import { createLogistics, type Caller, type Logistics } from './logistics/index.ts';
import { webAppPlugin } from './web/index.ts';
import { createSubscriptions, type SubscriptionOptions, type Subscriptions } from './subscriptions/index.ts';
import { createVitals, type Vitals } from './vitals/index.ts';

export const KERNE_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface Kerne {
  readonly config: KerneConfig;
  readonly http: FastifyInstance;
  readonly db: Db;
  readonly repo: FhirRepository;
  readonly bus: ChangeBus;
  readonly relay: OutboxRelay;
  readonly subscriptions: Subscriptions;
  readonly identity: Identity;
  readonly access: AccessControl;
  readonly logistics: Logistics;
  readonly devices: Devices;
  readonly earlyWarning: EarlyWarningService;
  readonly vitals: Vitals;
  readonly journal: Journal;
  readonly documents: Documents;
  /** Stops accepting requests, lets in-flight ones finish, flushes the outbox, closes the store. */
  close(): Promise<void>;
}

/** The repository's neighbours: the search engine and the validator (with the store's installed profiles). */
export interface RepositoryParts {
  readonly search: SearchPort;
  readonly validator: Validator;
}

export async function createRepositoryParts(db: Db, config: Pick<KerneConfig, 'validation'>): Promise<RepositoryParts> {
  const validator = createValidator({ mode: config.validation });
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
  const http = createHttpServer(config);
  const log = http.log;

  // 1. Definitions and storage
  loadFhirDefinitions();
  const db = overrides.db ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  await migrate(db);
  const stopStatistics = keepStatisticsFresh(db, undefined, (err) => log.warn({ err }, 'ANALYZE failed'));
  const parts = await createRepositoryParts(db, config);

  // 2. Change events: outbox → bus (NATS JetStream when NATS_URL is set, in-process otherwise)
  const onEventError = (err: unknown) => log.warn({ err }, 'change events: publish failed; will retry');
  const bus: ChangeBus = await createChangeBus(config.natsUrl, { namespace: await readStoreId(db), onError: onEventError });
  const relay = new OutboxRelay(db, bus, { onError: onEventError });

  // 3. The repository: every read and write goes through it
  const repo = new FhirRepository({ db, validator: parts.validator, search: parts.search, commits: relay });
  reloadProfilesOnChange(db, bus, parts.validator, log);

  // 4. Identity and access: who is asking (bearer tokens), what they may see, and the audit of it
  const identity = await createIdentity({ db, repo, config, log });
  const access = new AccessControl({ db, bus, breakTheGlassMinutes: config.breakTheGlassMinutes, onAuditError: (err) => log.error({ err }, 'audit log: append failed; retrying') });
  const authenticate = config.devNoAuth ? async () => DEV_PRINCIPAL : identity.authenticate;
  const callerFor = async (req: FastifyRequest): Promise<Caller> => {
    const principal = await authenticate(req);
    const origin = requestOrigin(req);
    // `current`: a fresh access snapshot for the same principal (live streams outlast care relations).
    const caller = async (): Promise<Caller> => ({ principal, repo: config.accessControl ? repo.forCaller(await access.guardFor(principal, origin)) : repo, current: caller });
    return caller();
  };
  const repoFor = async (req: FastifyRequest): Promise<FhirRepository> => (await callerFor(req)).repo;

  // 5. Subscriptions: rest-hook and websocket notifications of committed changes
  const subscriptions = createSubscriptions({ db, repo, repoFor, bus, log, baseUrl: config.baseUrl, options: overrides.subscriptions, ...(config.accessControl ? { auditDelivery: (d) => access.auditDelivery(d) } : {}) });

  // 6. Clinical logistics: boards derived from the record, kept live from the change bus
  const logistics = createLogistics({ repo, bus, callerFor, ignore: (e) => e.type === 'Observation' && isDeviceReadingId(e.id), onError: (err, view) => log.warn({ err, view: view.split('\n')[0] }, 'live board update failed') });
  http.addHook('preClose', (done) => {
    logistics.close(); // open board streams would keep the server from closing
    done();
  });

  // 7. Vital signs and early warning: scores as validated vitals are recorded, from any source, and escalation
  const earlyWarning = new EarlyWarningService({ repo, bus, onError: (err) => log.warn({ err }, 'early-warning score failed') });
  earlyWarning.start();
  const vitals = createVitals({ repo, engine: earlyWarning, callerFor });

  // 8. Devices: HL7 v2 over MLLP into the record (the listener starts with `devices.listen()`)
  const devices = createDevices({
    repo, bus, config,
    onOutcome: (outcome) => outcome.finalised.forEach((patient) => earlyWarning.schedule(patient)),
    onError: (err) => log.error({ err }, 'device inbox: a message could not be handled'),
  });

  // 9. The journal: Danish search in a patient's notes, documents, results and messages, indexed as they are written
  // The optional LLM layer (KERNE_LLM_PROVIDER, default none): answers are extractive unless a model is configured
  const model = createLanguageModel({ provider: config.llmProvider, url: config.llmUrl, model: config.llmModel, apiKey: config.llmApiKey, ggufPath: config.llmGgufPath, timeoutMs: config.llmTimeoutMs });
  const journal = createJournal({ repo, bus, callerFor, skip: [{ type: 'Observation', idPrefix: DEVICE_READING_ID_PREFIX }], onError: (err) => log.warn({ err }, 'journal indexing failed'), ...(model ? { model } : {}) });
  journal.backfill((indexed) => log.info({ indexed }, 'journal: indexed sources written while no indexer ran'));

  // 9b. The document archive: PDFs, images and text files by category; a PDF's text extracted for the journal search
  const documents = createDocuments({ repo, callerFor, onExtractionFailed: (reason) => log.info({ reason }, 'documents: no text could be extracted from a PDF') });

  // 9c. The timeline: the patient's course across sectors (contacts, notes, results, documents, PRO, messages), read as the caller
  const timeline = createTimeline({ callerFor });

  // 9d. Notes: admission, nursing, progress notes and discharge summaries from templates; signed values become the record's resources
  const notes = createNotes({ callerFor });

  // 10. HTTP: metrics, login and tokens, the FHIR API, Kerne's own API, the subscription websocket, the web app
  await http.register(metricsPlugin, { db, eventBacklog: () => relay.backlog(), auditBacklog: () => access.audit.backlog, devices: () => devices.stats() });
  await http.register(identity.plugin);
  await http.register(fhirRestPlugin, { prefix: '/fhir', repoFor, baseUrl: config.baseUrl, version: KERNE_VERSION, subscriptionChannels: subscriptions.channels });
  await http.register(accessPlugin, { access, authenticate });
  await http.register(subscriptions.plugin);
  await http.register(logistics.plugin);
  await http.register(vitals.plugin);
  await http.register(journal.plugin);
  await http.register(documents.plugin);
  await http.register(timeline.plugin);
  await http.register(notes.plugin);
  await http.register(webAppPlugin, {});

  // 11. Catch up on what an earlier run left: unpublished changes, undelivered notifications
  relay.committed();
  await subscriptions.start();

  let closing: Promise<void> | undefined;
  return {
    config,
    http,
    db,
    repo,
    bus,
    relay,
    subscriptions,
    identity,
    access,
    logistics,
    devices,
    earlyWarning,
    vitals,
    journal,
    documents,
    close() {
      // In-flight requests finish; the outbox is flushed (or left for the next start); then the store closes.
      closing ??= (async () => {
        await devices.close(); // messages being stored are answered; the rest the senders send again
        await http.close();
        await earlyWarning.close();
        await journal.close();
        stopStatistics();
        await relay.flush().catch(() => {});
        await relay.stop();
        await subscriptions.close();
        await access.close();
        await identity.close();
        await bus.close();
        await db.close();
      })();
      return closing;
    },
  };
}

/** Who every request is with --dev-no-auth (loopback only): a local integration with full access, still audited. */
const DEV_PRINCIPAL: Principal = {
  kind: 'system',
  subject: 'dev-no-auth',
  issuer: 'urn:kerne:dev-no-auth',
  clientId: 'dev-no-auth',
  display: 'Udvikler uden login (--dev-no-auth)',
  memberships: [{ role: 'integration' }],
  scopes: ['system/*.*'],
  sessionId: 'dev-no-auth',
};

/** Profiles installed while running (or by another node) take effect without a restart. */
function reloadProfilesOnChange(db: Db, bus: ChangeBus, validator: Validator, log: FastifyBaseLogger): void {
  let timer: NodeJS.Timeout | undefined;
  bus.subscribe((event) => {
    if (!(CONFORMANCE_TYPES as readonly string[]).includes(event.type) || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      readConformanceResources(db).then(
        (resources) => validator.loadConformance(resources),
        (err: unknown) => log.warn({ err }, 'could not reload profiles'),
      );
    }, 200);
    timer.unref();
  });
}
