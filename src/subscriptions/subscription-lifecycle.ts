/**
 * The server's side of the R4 Subscription lifecycle: a 'requested' Subscription is checked and set to
 * 'active' (or to 'error' with Subscription.error saying why); rest-hook cursors follow the status.
 * Driven by Subscription change events on every node (If-Match makes one node's write win), and by a
 * scan at start for what changed while no node ran. @see https://hl7.org/fhir/R4/subscription.html#2.46.6
 */
import type { Subscription } from '@medplum/fhirtypes';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/index.ts';
import type { ChangeEvent } from '../events/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import type { DeliveryStore } from './delivery-store.ts';
import { readSubscription } from './subscription-spec.ts';
import { setSubscriptionStatus } from './subscription-status.ts';

export class SubscriptionLifecycle {
  readonly #db: Db;
  readonly #repo: FhirRepository;
  readonly #store: DeliveryStore;
  readonly #log: FastifyBaseLogger;
  #chain: Promise<void> = Promise.resolve();

  constructor(deps: { db: Db; repo: FhirRepository; store: DeliveryStore; log: FastifyBaseLogger }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#store = deps.store;
    this.#log = deps.log;
  }

  /** Handles a change event (in arrival order); other resource types are ignored. */
  onChange(e: ChangeEvent): void {
    if (e.type !== 'Subscription') return;
    this.#chain = this.#chain
      .then(() => this.#changed(e.id, e.seq, e.action === 'delete'))
      .catch((err: unknown) => this.#log.error({ err, subscription: e.id }, 'Subscription status handling failed'));
  }

  /** Waits for the event handling queued so far. */
  async idle(): Promise<void> {
    await this.#chain;
  }

  /**
   * At start: activates Subscriptions requested while no node ran and makes sure every active
   * rest-hook has a cursor. Reads the resource table directly (the set is small and this must not
   * depend on the search engine).
   */
  async reconcile(): Promise<void> {
    const rows = await this.#db.query<{ id: string; content: string; has_cursor: boolean }>(
      `SELECT r.id, r.content, EXISTS (SELECT 1 FROM subscription_delivery d WHERE d.subscription_id = r.id AND d.active) AS has_cursor
       FROM resource r WHERE r.type = 'Subscription' AND NOT r.deleted`,
    );
    for (const r of rows) {
      const sub = JSON.parse(r.content) as Subscription;
      if (sub.status !== 'requested' && !(sub.status === 'active' && sub.channel?.type === 'rest-hook' && !r.has_cursor)) continue;
      const first = await this.#db.query<{ seq: string }>(`SELECT coalesce(min(seq), 0)::text AS seq FROM outbox WHERE type = 'Subscription' AND id = $1`, [r.id]);
      await this.#apply(sub, first[0]!.seq);
    }
  }

  async #changed(id: string, seq: string, deleted: boolean): Promise<void> {
    if (deleted) return this.#store.remove(id);
    const stored = await this.#repo.read('Subscription', id).catch(() => undefined);
    if (!stored?.json) return this.#store.remove(id);
    await this.#apply(JSON.parse(stored.json) as Subscription, seq);
  }

  /** `fromSeq`: a new rest-hook cursor starts there (changes committed after it are delivered). */
  async #apply(sub: Subscription, fromSeq: string): Promise<void> {
    const id = sub.id!;
    if (sub.status === 'requested') {
      const read = readSubscription(sub);
      if ('error' in read) {
        await setSubscriptionStatus(this.#repo, sub, 'error', read.error);
        return;
      }
      if (read.spec.channel === 'rest-hook') await this.#store.activate(id, fromSeq);
      if (await setSubscriptionStatus(this.#repo, sub, 'active')) this.#log.info({ subscription: id, criteria: sub.criteria }, 'Subscription activated');
      return;
    }
    if (sub.status === 'active' && sub.channel?.type === 'rest-hook') return this.#store.activate(id, fromSeq);
    await this.#store.deactivate(id);
  }
}
