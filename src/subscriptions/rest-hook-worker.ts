/**
 * Rest-hook delivery (R4 channel type rest-hook): per subscription, walks the outbox after its cursor up
 * to the watermark, POSTs each matching change in order, and advances the cursor after each success.
 * Failures retry with exponential back-off; after maxAttempts the Subscription goes to status 'error'.
 * At-least-once: a crash after a POST and before the cursor update re-delivers that one change.
 * @see https://hl7.org/fhir/R4/subscription.html#2.46.7.1
 */
import type { Subscription } from '@medplum/fhirtypes';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { backoffDelay } from './backoff.ts';
import type { AuditDelivery } from './delivery-audit.ts';
import { readChangedVersion } from './changed-version.ts';
import type { DeliveryRow, DeliveryStore } from './delivery-store.ts';
import type { OutboxWatermark } from './outbox-watermark.ts';
import { postNotification } from './rest-hook-post.ts';
import { readSubscription, type SubscriptionSpec } from './subscription-spec.ts';
import { setSubscriptionStatus } from './subscription-status.ts';

export interface RestHookOptions {
  /** Per POST. */
  readonly timeoutMs: number;
  /** Failed attempts in a row before status 'error'. */
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** Safety-net poll (changes from nodes whose bus events were missed, due retries). */
  readonly pollMs: number;
  /** Subscriptions worked at once by one node. */
  readonly concurrency: number;
}

export const DEFAULT_REST_HOOK: RestHookOptions = { timeoutMs: 10_000, maxAttempts: 8, backoffBaseMs: 1000, backoffMaxMs: 5 * 60_000, pollMs: 1000, concurrency: 16 };

const PAGE = 200;

export interface RestHookStats {
  delivered: number;
  failed: number;
}

export class RestHookWorker {
  readonly #db: Db;
  readonly #repo: FhirRepository;
  readonly #auditDelivery: AuditDelivery;
  readonly #store: DeliveryStore;
  readonly #watermark: OutboxWatermark;
  readonly #options: RestHookOptions;
  readonly #log: FastifyBaseLogger;
  readonly #abort = new AbortController();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly stats: RestHookStats = { delivered: 0, failed: 0 };
  #running: Promise<void> | undefined;
  #again = false;
  #poll: NodeJS.Timeout | undefined;

  constructor(deps: { db: Db; repo: FhirRepository; store: DeliveryStore; watermark: OutboxWatermark; options: RestHookOptions; log: FastifyBaseLogger; auditDelivery: AuditDelivery }) {
    this.#auditDelivery = deps.auditDelivery;
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#store = deps.store;
    this.#watermark = deps.watermark;
    this.#options = deps.options;
    this.#log = deps.log;
  }

  #idle = false;

  start(): void {
    this.#poll = setInterval(() => this.wake(), this.#options.pollMs);
    this.#poll.unref();
    this.wake();
  }

  /**
   * Runs a delivery pass now (coalesced): called on every change event (with its resource type)
   * and by the poll. While no rest-hook subscription is active, only Subscription changes and the
   * poll look again, so a busy store without subscribers pays nothing per write.
   */
  wake(changedType?: string): void {
    if (this.#abort.signal.aborted) return;
    if (this.#idle && changedType !== undefined && changedType !== 'Subscription') return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#pass()
      .catch((err: unknown) => {
        if (!this.#abort.signal.aborted) this.#log.error({ err }, 'rest-hook delivery pass failed');
      })
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  /** Stops: aborts in-flight POSTs (their changes stay behind the cursor) and gives the leases back. */
  async stop(): Promise<void> {
    this.#abort.abort();
    if (this.#poll) clearInterval(this.#poll);
    for (const t of this.#timers) clearTimeout(t);
    while (this.#running) await this.#running;
    await this.#store.releaseAll().catch(() => {});
  }

  async #pass(): Promise<void> {
    this.#idle = !(await this.#store.anyActive());
    if (this.#idle) return;
    for (;;) {
      const watermark = await this.#watermark.advance();
      const due = await this.#store.claimDue(watermark, this.#options.concurrency);
      if (due.length === 0) return;
      await Promise.all(due.map((row) => this.#work(row, watermark)));
      if (this.#abort.signal.aborted || due.length < this.#options.concurrency) return;
    }
  }

  async #work(row: DeliveryRow, watermark: string): Promise<void> {
    const spec = await this.#activeSpec(row.subscriptionId);
    if (spec === 'pending') return this.#store.release(row.subscriptionId);
    if (!spec) return this.#store.deactivate(row.subscriptionId);
    let cursor = row.cursor;
    for (;;) {
      const changes = await this.#db.query<{ seq: string; type: string; id: string; version_id: number; action: 'create' | 'update' | 'delete' }>(
        `SELECT seq::text, type, id, version_id, action FROM outbox WHERE seq > $1 AND seq <= $2 AND type = $3 ORDER BY outbox.seq LIMIT ${PAGE}`,
        [cursor, watermark, spec.criteria.type],
      );
      for (const c of changes) {
        if (this.#abort.signal.aborted) break;
        const { resource, patientId } = await readChangedVersion(this.#repo, { seq: c.seq, type: c.type, id: c.id, versionId: c.version_id, action: c.action });
        if (!resource || !spec.criteria.matches(resource)) {
          cursor = c.seq;
          continue;
        }
        const body = spec.withResource && c.action !== 'delete' ? JSON.stringify(resource) : '';
        try {
          // Patient data leaving Kerne is audited first; while the log is unavailable the delivery waits and is retried.
          if (body && patientId) this.#auditDelivery({ subscriptionId: spec.id, channel: 'rest-hook', destination: spec.endpoint ?? '', patientId, what: `${c.type}/${c.id}/_history/${c.version_id}` });
          await postNotification(spec, { deliveryId: `${spec.id}:${c.seq}`, body }, { timeoutMs: this.#options.timeoutMs, signal: this.#abort.signal });
        } catch (err) {
          await this.#store.advance(row.subscriptionId, cursor, 0);
          if (this.#abort.signal.aborted) return this.#store.release(row.subscriptionId);
          await this.#failed(row, spec, err);
          return;
        }
        this.stats.delivered++;
        cursor = c.seq;
        if (!(await this.#store.advance(row.subscriptionId, cursor, 1))) return; // lease lost: another node carries on
      }
      if (this.#abort.signal.aborted) {
        await this.#store.advance(row.subscriptionId, cursor, 0);
        return this.#store.release(row.subscriptionId);
      }
      if (changes.length < PAGE) {
        await this.#store.advance(row.subscriptionId, watermark, 0);
        await this.#store.release(row.subscriptionId);
        return;
      }
    }
  }

  async #failed(row: DeliveryRow, spec: SubscriptionSpec, err: unknown): Promise<void> {
    this.stats.failed++;
    const message = err instanceof Error ? (err.name === 'TimeoutError' ? `${spec.endpoint} did not answer in ${this.#options.timeoutMs} ms` : err.message) : String(err);
    const attempts = row.attempts + 1;
    if (attempts >= this.#options.maxAttempts) {
      this.#log.warn({ subscription: spec.id, attempts, error: message }, 'rest-hook failed repeatedly; Subscription status set to error');
      await this.#store.failed(row.subscriptionId, message, 0);
      await this.#store.deactivate(row.subscriptionId);
      const current = await this.#repo.read('Subscription', spec.id).catch(() => undefined);
      if (current?.json) {
        await setSubscriptionStatus(this.#repo, JSON.parse(current.json) as Subscription, 'error', `Delivery failed ${attempts} times: ${message}`);
      }
      return;
    }
    const delay = backoffDelay(attempts, { baseMs: this.#options.backoffBaseMs, maxMs: this.#options.backoffMaxMs });
    await this.#store.failed(row.subscriptionId, message, delay);
    this.#log.info({ subscription: spec.id, attempts, retryInMs: delay, error: message }, 'rest-hook delivery failed; will retry');
    const t = setTimeout(() => {
      this.#timers.delete(t);
      this.wake();
    }, delay + 5);
    t.unref();
    this.#timers.add(t);
  }

  /** The current Subscription if it is an active rest-hook; 'pending' while it is still 'requested'. */
  async #activeSpec(id: string): Promise<SubscriptionSpec | 'pending' | undefined> {
    const stored = await this.#repo.read('Subscription', id).catch(() => undefined);
    if (!stored?.json) return undefined;
    const resource = JSON.parse(stored.json) as Subscription;
    if (resource.status === 'requested') return 'pending';
    const read = readSubscription(resource);
    if (!('spec' in read) || read.spec.status !== 'active' || read.spec.channel !== 'rest-hook') return undefined;
    return read.spec;
  }
}
