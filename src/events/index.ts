/** Change events: the outbox relay and the buses that carry committed changes. */
export { ChangeAction, type ChangeEvent, type CommitListener } from './change.ts';
export { InProcessChangeBus, type ChangeBus, type ChangeHandler } from './change-bus.ts';
export { NatsChangeBus, KERNE_STREAM, type NatsBusOptions } from './nats-bus.ts';
export { createChangeBus, type ChangeBusOptions } from './create-change-bus.ts';
export { readStoreId } from './store-id.ts';
export { OutboxRelay } from './outbox-relay.ts';
