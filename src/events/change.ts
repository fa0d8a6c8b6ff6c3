/** A committed change to one resource version: what the outbox holds and the event buses carry. */
export const ChangeAction = { create: 'create', update: 'update', delete: 'delete' } as const;
export type ChangeAction = (typeof ChangeAction)[keyof typeof ChangeAction];

export interface ChangeEvent {
  /** The outbox sequence number (global order of commits on one database). */
  readonly seq: string;
  readonly type: string;
  readonly id: string;
  readonly versionId: number;
  readonly action: ChangeAction;
  readonly at: string;
}

/** Told by the repository after each commit that wrote outbox rows. */
export interface CommitListener {
  committed(): void;
}
