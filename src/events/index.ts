/** Change events: the outbox relay and the buses that carry committed changes. */
export { ChangeAction, type ChangeEvent, type CommitListener } from './change.ts';
export { InProcessChangeBus, type ChangeBus, type ChangeHandler } from './change-bus.ts';
export { OutboxRelay } from './outbox-relay.ts';
