/**
 * The change bus on NATS JetStream (https://docs.nats.io/nats-concepts/jetstream): several Kerne nodes on
 * one database see each other's committed changes.
 *
 * - Stream KERNE_CHANGES, subjects `kerne.changes.>`, limits retention (max age 24 h), file storage.
 * - Subjects are `kerne.changes.<namespace>.<ResourceType>`; the namespace is the store id (table
 *   kerne_store), so stores sharing one NATS server never see or de-duplicate each other's events.
 * - Publish sets msgID `<namespace>:<outbox seq>`: a re-publish after a crash between publish and
 *   marking the outbox row published is dropped by JetStream's duplicate window (2 min).
 * - Every node reads every event with its own ordered (ephemeral) consumer that starts at new
 *   messages; the client reconnects forever, and the consumer is re-created after NATS restarts.
 */
import { DeliverPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EventEmitter } from 'node:events';
import type { ChangeEvent } from './change.ts';
import type { ChangeBus, ChangeHandler } from './change-bus.ts';

export const KERNE_STREAM = 'KERNE_CHANGES';
export const KERNE_SUBJECTS = 'kerne.changes.>';
const MAX_AGE_NS = 24 * 60 * 60 * 1e9;
const DUPLICATE_WINDOW_NS = 2 * 60 * 1e9;

export interface NatsBusOptions {
  /** Namespace of this store's events (the store id); one word of [A-Za-z0-9_-]. */
  readonly namespace: string;
  /** Called with errors the bus recovers from by itself (reconnects, consumer re-creation). */
  readonly onError?: (err: unknown) => void;
}

export class NatsChangeBus implements ChangeBus {
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #namespace: string;
  readonly #onError: (err: unknown) => void;
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  #messages: ConsumerMessages | undefined;
  #consuming: Promise<void> | undefined;
  #closed = false;

  private constructor(nc: NatsConnection, jsm: JetStreamManager, options: NatsBusOptions) {
    this.#nc = nc;
    this.#jsm = jsm;
    this.#js = jetstream(nc);
    this.#namespace = options.namespace;
    this.#onError = options.onError ?? (() => {});
  }

  /** Connects, makes sure the stream exists, and starts consuming new events. */
  static async connect(url: string, options: NatsBusOptions): Promise<NatsChangeBus> {
    if (!/^[A-Za-z0-9_-]+$/.test(options.namespace)) throw new Error(`Invalid NATS event namespace '${options.namespace}'`);
    const nc = await connect({ servers: url, name: 'kerne', maxReconnectAttempts: -1, reconnectTimeWait: 250, pingInterval: 10_000 });
    try {
      const jsm = await jetstreamManager(nc);
      const bus = new NatsChangeBus(nc, jsm, options);
      await bus.#ensureStream();
      await bus.#startConsumer();
      bus.#watchConnection();
      return bus;
    } catch (err) {
      await nc.close().catch(() => {});
      throw err;
    }
  }

  get namespace(): string {
    return this.#namespace;
  }

  /** Pipelined: one connection keeps the order; resolves when JetStream has stored (or de-duplicated) every event. */
  async publish(events: readonly ChangeEvent[]): Promise<void> {
    await Promise.all(
      events.map((e) => this.#js.publish(`kerne.changes.${this.#namespace}.${e.type}`, JSON.stringify(e), { msgID: `${this.#namespace}:${e.seq}`, timeout: 5000 })),
    );
  }

  subscribe(handler: ChangeHandler): () => void {
    this.#emitter.on('change', handler);
    return () => this.#emitter.off('change', handler);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#messages?.close().catch(() => {});
    await this.#consuming?.catch(() => {});
    await this.#nc.drain().catch(() => this.#nc.close());
    this.#emitter.removeAllListeners();
  }

  async #ensureStream(): Promise<void> {
    try {
      await this.#jsm.streams.info(KERNE_STREAM);
    } catch {
      await this.#jsm.streams.add({
        name: KERNE_STREAM,
        subjects: [KERNE_SUBJECTS],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        max_age: MAX_AGE_NS,
        duplicate_window: DUPLICATE_WINDOW_NS,
      });
    }
  }

  async #startConsumer(): Promise<void> {
    const consumer = await this.#js.consumers.get(KERNE_STREAM, {
      filter_subjects: `kerne.changes.${this.#namespace}.>`, // one subject: works on nats-server 2.9
      deliver_policy: DeliverPolicy.New,
    });
    const messages = await consumer.consume({ max_messages: 256 });
    this.#messages = messages;
    void this.#watchStatus(messages);
    this.#consuming = (async () => {
      for await (const m of messages) {
        let event: ChangeEvent;
        try {
          event = m.json<ChangeEvent>();
        } catch (err) {
          this.#onError(err);
          continue;
        }
        try {
          this.#emitter.emit('change', event);
        } catch (err) {
          this.#onError(err);
        }
      }
    })().catch((err: unknown) => this.#onError(err));
  }

  /** The ordered consumer re-creates itself; a lost stream (NATS restarted without its store) is re-created here. */
  async #watchStatus(messages: ConsumerMessages): Promise<void> {
    for await (const s of messages.status()) {
      if (this.#closed || messages !== this.#messages) return;
      if (s.type === 'stream_not_found') await this.#restartConsumer();
    }
  }

  async #restartConsumer(): Promise<void> {
    const old = this.#messages;
    this.#messages = undefined;
    await old?.close().catch(() => {});
    for (let delay = 250; !this.#closed; delay = Math.min(delay * 2, 5000)) {
      try {
        await this.#ensureStream();
        await this.#startConsumer();
        return;
      } catch (err) {
        this.#onError(err);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  #watchConnection(): void {
    void (async () => {
      for await (const s of this.#nc.status()) {
        if (this.#closed) return;
        if (s.type === 'reconnect') await this.#ensureStream().catch((err: unknown) => this.#onError(err));
      }
    })();
  }
}
