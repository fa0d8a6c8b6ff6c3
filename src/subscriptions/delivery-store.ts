/**
 * The rest-hook delivery cursors (table subscription_delivery, migration 002): one row per rest-hook
 * Subscription with its outbox cursor, retry state and a lease. A node works a subscription only while
 * it holds the lease, so exactly one node delivers each subscription's notifications, in order.
 * A lease (not a row lock held across the HTTP call) keeps transactions short, which PGlite's single
 * connection needs; a node that dies loses its lease when lease_until passes.
 */
import type { Queryable } from '../db/index.ts';

export interface DeliveryRow {
  readonly subscriptionId: string;
  readonly cursor: string;
  readonly attempts: number;
  readonly delivered: number;
}

interface Row {
  subscription_id: string;
  cursor: string;
  attempts: number;
  delivered: string;
}
const toRow = (r: Row): DeliveryRow => ({ subscriptionId: r.subscription_id, cursor: r.cursor, attempts: r.attempts, delivered: Number(r.delivered) });

export class DeliveryStore {
  readonly #q: Queryable;
  readonly #node: string;
  readonly #leaseMs: number;

  constructor(q: Queryable, node: string, leaseMs: number) {
    this.#q = q;
    this.#node = node;
    this.#leaseMs = leaseMs;
  }

  /**
   * Makes the subscription deliverable. A new cursor starts at `fromSeq` (changes after it are
   * delivered); an existing one keeps its place, so re-activating after 'error' or 'off' resumes.
   */
  async activate(subscriptionId: string, fromSeq: string): Promise<void> {
    await this.#q.query(
      `INSERT INTO subscription_delivery (subscription_id, cursor) VALUES ($1, $2)
       ON CONFLICT (subscription_id) DO UPDATE SET active = true, attempts = 0, next_attempt_at = now(), last_error = NULL
       WHERE NOT subscription_delivery.active`,
      [subscriptionId, fromSeq],
    );
  }

  async deactivate(subscriptionId: string): Promise<void> {
    await this.#q.query('UPDATE subscription_delivery SET active = false, lease_owner = NULL, lease_until = NULL WHERE subscription_id = $1', [subscriptionId]);
  }

  async remove(subscriptionId: string): Promise<void> {
    await this.#q.query('DELETE FROM subscription_delivery WHERE subscription_id = $1', [subscriptionId]);
  }

  /** Leases up to `limit` active subscriptions that are due and behind the watermark. */
  /** Whether any rest-hook subscription is being delivered. */
  async anyActive(): Promise<boolean> {
    const rows = await this.#q.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM subscription_delivery WHERE active) AS any', [], { name: 'kerne_delivery_any' });
    return rows[0]?.any === true;
  }

  async claimDue(watermark: string, limit: number): Promise<DeliveryRow[]> {
    const rows = await this.#q.query<Row>(
      `UPDATE subscription_delivery d SET lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond'
       WHERE d.subscription_id IN (
         SELECT subscription_id FROM subscription_delivery
         WHERE active AND next_attempt_at <= now() AND cursor < $3
           AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $1)
         ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING d.subscription_id, d.cursor::text AS cursor, d.attempts, d.delivered::text AS delivered`,
      [this.#node, this.#leaseMs, watermark, limit],
    );
    return rows.map(toRow);
  }

  /** Records progress (and renews the lease; a delivery also clears the retry state); false when the lease was lost to another node. */
  async advance(subscriptionId: string, cursor: string, deliveredNow: number): Promise<boolean> {
    const rows = await this.#q.query(
      `UPDATE subscription_delivery SET cursor = GREATEST(cursor, $3::bigint), delivered = delivered + $4,
         attempts = CASE WHEN $4 > 0 THEN 0 ELSE attempts END, last_error = CASE WHEN $4 > 0 THEN NULL ELSE last_error END,
         lease_until = now() + $2 * interval '1 millisecond'
       WHERE subscription_id = $1 AND lease_owner = $5 RETURNING 1`,
      [subscriptionId, this.#leaseMs, cursor, deliveredNow, this.#node],
    );
    return rows.length > 0;
  }

  /** Records a failed attempt: the cursor stays, the next attempt waits `delayMs`; returns the attempt count. */
  async failed(subscriptionId: string, error: string, delayMs: number): Promise<number> {
    const rows = await this.#q.query<{ attempts: number }>(
      `UPDATE subscription_delivery SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond',
         lease_owner = NULL, lease_until = NULL
       WHERE subscription_id = $1 AND lease_owner = $4 RETURNING attempts`,
      [subscriptionId, error.slice(0, 1000), delayMs, this.#node],
    );
    return rows[0]?.attempts ?? 0;
  }

  async release(subscriptionId: string): Promise<void> {
    await this.#q.query('UPDATE subscription_delivery SET lease_owner = NULL, lease_until = NULL WHERE subscription_id = $1 AND lease_owner = $2', [
      subscriptionId,
      this.#node,
    ]);
  }

  /** Releases every lease this node holds (shutdown), so another node can take over at once. */
  async releaseAll(): Promise<void> {
    await this.#q.query('UPDATE subscription_delivery SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1', [this.#node]);
  }
}
