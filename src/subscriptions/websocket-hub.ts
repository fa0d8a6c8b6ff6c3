/**
 * The websocket channel (R4 channel type websocket, bound as in the R5 Backport IG 1.1.0): this node's
 * bound sockets, fed from the change bus, so every node serves its own clients whatever node wrote the
 * change. Live only: a client that is not connected misses notifications (no cursor).
 * @see https://hl7.org/fhir/uv/subscriptions-backport/STU1.1/channels.html#websockets
 */
import type { Subscription } from '@medplum/fhirtypes';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { ChangeEvent } from '../events/index.ts';
import type { FhirRepository } from '../fhir/repository/index.ts';
import { readChangedVersion, type ChangedVersion } from './changed-version.ts';
import type { AuditDelivery } from './delivery-audit.ts';
import { notificationBundle } from './notification-bundle.ts';
import { readSubscription, type SubscriptionSpec } from './subscription-spec.ts';

/** A client that lets this much queue up unread is cut off rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

interface Binding {
  spec: SubscriptionSpec;
  /** socket → the FHIR base URL its notifications use */
  readonly sockets: Map<WebSocket, string>;
}

export class WebsocketHub {
  readonly #repo: FhirRepository;
  readonly #log: FastifyBaseLogger;
  readonly #auditDelivery: AuditDelivery;
  readonly #bindings = new Map<string, Binding>();
  #chain: Promise<void> = Promise.resolve();
  /** Notifications sent by this node (for tests and metrics). */
  sent = 0;

  constructor(deps: { repo: FhirRepository; log: FastifyBaseLogger; auditDelivery: AuditDelivery }) {
    this.#repo = deps.repo;
    this.#auditDelivery = deps.auditDelivery;
    this.#log = deps.log;
  }

  get socketCount(): number {
    const all = new Set<WebSocket>();
    for (const b of this.#bindings.values()) for (const s of b.sockets.keys()) all.add(s);
    return all.size;
  }

  /** Binds a socket to an active websocket Subscription and sends the handshake; returns an error text instead. */
  async bind(socket: WebSocket, subscriptionId: string, baseUrl: string): Promise<string | undefined> {
    const spec = await this.#load(subscriptionId);
    if (!spec) return `Subscription/${subscriptionId} is not an active websocket subscription`;
    let binding = this.#bindings.get(subscriptionId);
    if (!binding) this.#bindings.set(subscriptionId, (binding = { spec, sockets: new Map() }));
    binding.sockets.set(socket, baseUrl);
    socket.once('close', () => this.#unbind(socket));
    this.#send(socket, JSON.stringify(notificationBundle(baseUrl, subscriptionId, 'handshake')));
    return undefined;
  }

  /** Handles a change event; notifications go out in bus order. */
  onChange(e: ChangeEvent): void {
    if (this.#bindings.size === 0) return;
    this.#chain = this.#chain.then(() => this.#changed(e)).catch((err: unknown) => this.#log.error({ err }, 'websocket notification failed'));
  }

  async idle(): Promise<void> {
    await this.#chain;
  }

  /** Closes every socket (going away). */
  close(): void {
    for (const b of this.#bindings.values()) for (const s of b.sockets.keys()) s.close(1001, 'server shutting down');
    this.#bindings.clear();
  }

  async #changed(e: ChangeEvent): Promise<void> {
    if (e.type === 'Subscription' && this.#bindings.has(e.id)) await this.#refresh(e.id);
    let changed: ChangedVersion | undefined;
    for (const [id, binding] of this.#bindings) {
      if (binding.spec.criteria.type !== e.type) continue;
      changed ??= await readChangedVersion(this.#repo, e);
      if (!changed.resource || !binding.spec.criteria.matches(changed.resource)) continue;
      const withResource = binding.spec.withResource ? changed.resource : undefined;
      if (withResource && changed.patientId) {
        try {
          this.#auditDelivery({ subscriptionId: id, channel: 'websocket', destination: `${binding.sockets.size} websocket client(s)`, patientId: changed.patientId, what: `${e.type}/${e.id}/_history/${e.versionId}` });
        } catch (err) {
          this.#log.warn({ err }, `websocket notification for Subscription/${id} not sent: the audit log is unavailable`);
          continue;
        }
      }
      for (const [socket, baseUrl] of binding.sockets) {
        this.#send(socket, JSON.stringify(notificationBundle(baseUrl, id, 'event-notification', [{ event: e, resource: withResource }])));
      }
    }
  }

  async #refresh(id: string): Promise<void> {
    const binding = this.#bindings.get(id);
    if (!binding) return;
    const spec = await this.#load(id);
    if (spec) {
      binding.spec = spec;
      return;
    }
    this.#bindings.delete(id);
    for (const socket of binding.sockets.keys()) if (!this.#isBound(socket)) socket.close(1000, `Subscription/${id} is no longer active`);
  }

  async #load(id: string): Promise<SubscriptionSpec | undefined> {
    const stored = await this.#repo.read('Subscription', id).catch(() => undefined);
    if (!stored?.json) return undefined;
    const read = readSubscription(JSON.parse(stored.json) as Subscription);
    return 'spec' in read && read.spec.status === 'active' && read.spec.channel === 'websocket' ? read.spec : undefined;
  }

  #send(socket: WebSocket, text: string): void {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.#log.warn('websocket subscriber too slow; closing it');
      socket.close(1013, 'too slow');
      return;
    }
    socket.send(text);
    this.sent++;
  }

  #unbind(socket: WebSocket): void {
    for (const [id, b] of this.#bindings) {
      b.sockets.delete(socket);
      if (b.sockets.size === 0) this.#bindings.delete(id);
    }
  }

  #isBound(socket: WebSocket): boolean {
    for (const b of this.#bindings.values()) if (b.sockets.has(socket)) return true;
    return false;
  }
}
