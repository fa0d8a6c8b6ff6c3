/**
 * FHIR R4 Subscriptions (criteria-based): rest-hook (signed, retried, at-least-once from the outbox,
 * one node per subscription) and websocket (Backport IG 1.1.0 binding token). The face of src/subscriptions/.
 * @see https://hl7.org/fhir/R4/subscription.html
 */
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/index.ts';
import type { ChangeBus } from '../events/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import type { AuditDelivery } from './delivery-audit.ts';
import { DeliveryStore } from './delivery-store.ts';
import { OutboxWatermark } from './outbox-watermark.ts';
import { DEFAULT_REST_HOOK, RestHookWorker, type RestHookOptions } from './rest-hook-worker.ts';
import { SubscriptionLifecycle } from './subscription-lifecycle.ts';
import { SUBSCRIPTION_CHANNELS } from './subscription-spec.ts';
import { subscriptionsPlugin } from './subscriptions.plugin.ts';
import { WebsocketHub } from './websocket-hub.ts';

export { SECRET_EXTENSION, SUBSCRIPTION_CHANNELS } from './subscription-spec.ts';
export { SIGNATURE_HEADER, signBody, verifySignature } from './signature.ts';
export { DELIVERY_HEADER } from './rest-hook-post.ts';
export { WS_PATH } from './subscriptions.plugin.ts';
export { compileCriteria, type Criteria } from './criteria.ts';
export type { RestHookOptions } from './rest-hook-worker.ts';
export type { AuditDelivery, SubscriptionDelivery } from './delivery-audit.ts';

export interface SubscriptionOptions {
  readonly restHook?: Partial<RestHookOptions>;
  /** Lifetime of websocket binding tokens (default 60 s). */
  readonly wsTokenTtlMs?: number;
  /** How long a node holds a rest-hook subscription without renewing (default 60 s; above restHook.timeoutMs). */
  readonly leaseMs?: number;
}

export interface SubscriptionStats {
  readonly restHookDelivered: number;
  readonly restHookFailed: number;
  readonly websocketSent: number;
  readonly websocketClients: number;
}

export interface Subscriptions {
  /** The channel types served, for the CapabilityStatement. */
  readonly channels: readonly string[];
  /** Fastify plugin: $get-ws-binding-token and the websocket endpoint. */
  readonly plugin: (app: FastifyInstance) => Promise<void>;
  /** Activates what was requested while no node ran, then follows the bus. Call once the relay runs. */
  start(): Promise<void>;
  stats(): SubscriptionStats;
  /** Stops delivery (in-flight POSTs are aborted and stay behind the cursor) and closes the websockets. */
  close(): Promise<void>;
}

export interface SubscriptionDeps {
  readonly db: Db;
  readonly repo: FhirRepository;
  readonly bus: ChangeBus;
  readonly log: FastifyBaseLogger;
  /** Fixed public FHIR base URL (config.baseUrl). */
  readonly baseUrl?: string | undefined;
  readonly options?: SubscriptionOptions | undefined;
  /** The repository acting for an HTTP caller (authenticated and access-controlled). */
  readonly repoFor: (req: FastifyRequest) => Promise<FhirRepository>;
  /** Audits notifications that carry patient data (none without it: tests and --dev-no-auth). */
  readonly auditDelivery?: AuditDelivery;
}

export function createSubscriptions(deps: SubscriptionDeps): Subscriptions {
  const { db, repo, bus, log } = deps;
  const restHook: RestHookOptions = { ...DEFAULT_REST_HOOK, ...deps.options?.restHook };
  const leaseMs = Math.max(deps.options?.leaseMs ?? 60_000, restHook.timeoutMs * 2);
  const store = new DeliveryStore(db, `node-${randomBytes(8).toString('hex')}`, leaseMs);
  const auditDelivery: AuditDelivery = deps.auditDelivery ?? (() => {});
  const worker = new RestHookWorker({ db, repo, store, watermark: new OutboxWatermark(db), options: restHook, log, auditDelivery });
  const lifecycle = new SubscriptionLifecycle({ db, repo, store, log });
  const hub = new WebsocketHub({ repo, log, auditDelivery });
  let unsubscribe: (() => void) | undefined;

  return {
    channels: SUBSCRIPTION_CHANNELS,
    plugin: (app) => subscriptionsPlugin(app, { db, repoFor: deps.repoFor, hub, tokenTtlMs: deps.options?.wsTokenTtlMs ?? 60_000, baseUrl: deps.baseUrl }),
    async start() {
      unsubscribe = bus.subscribe((e) => {
        lifecycle.onChange(e);
        hub.onChange(e);
        worker.wake(e.type);
      });
      await lifecycle.reconcile();
      worker.start();
    },
    stats: () => ({
      restHookDelivered: worker.stats.delivered,
      restHookFailed: worker.stats.failed,
      websocketSent: hub.sent,
      websocketClients: hub.socketCount,
    }),
    async close() {
      unsubscribe?.();
      hub.close();
      await worker.stop();
      await lifecycle.idle().catch(() => {});
      await hub.idle().catch(() => {});
    },
  };
}
