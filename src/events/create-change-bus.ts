/** Chooses the change bus: NATS JetStream when a NATS URL is configured, in-process otherwise. */
import { InProcessChangeBus, type ChangeBus } from './change-bus.ts';
import { NatsChangeBus } from './nats-bus.ts';

export interface ChangeBusOptions {
  /** The store id (readStoreId); required with NATS, where it namespaces subjects and message ids. */
  readonly namespace?: string;
  readonly onError?: (err: unknown) => void;
}

export async function createChangeBus(natsUrl?: string, options: ChangeBusOptions = {}): Promise<ChangeBus> {
  if (!natsUrl) return new InProcessChangeBus();
  if (!options.namespace) throw new Error('A NATS change bus needs the store id as namespace');
  return NatsChangeBus.connect(natsUrl, { namespace: options.namespace, ...(options.onError ? { onError: options.onError } : {}) });
}
