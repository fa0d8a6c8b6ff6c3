/** The change bus: carries committed changes to every listener, in-process or across nodes. */
import { EventEmitter } from 'node:events';
import type { ChangeEvent } from './change.ts';

export type ChangeHandler = (event: ChangeEvent) => void;

export interface ChangeBus {
  /** Publishes events in order; resolves when the bus has taken them (durably, for NATS). */
  publish(events: readonly ChangeEvent[]): Promise<void>;
  /** Every event published by any node, in order; returns an unsubscribe function. */
  subscribe(handler: ChangeHandler): () => void;
  close(): Promise<void>;
}

/** The embedded default: one process, events delivered synchronously after publish. */
export class InProcessChangeBus implements ChangeBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  async publish(events: readonly ChangeEvent[]): Promise<void> {
    for (const e of events) this.#emitter.emit('change', e);
  }

  subscribe(handler: ChangeHandler): () => void {
    this.#emitter.on('change', handler);
    return () => this.#emitter.off('change', handler);
  }

  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}
