/** The transfer handshake as it lives in Tasks (code overflytning, focus = the Encounter, requester = sending unit, owner = receiving unit, location = receiving ward, input 'seng' = assigned bed). */
import type { Reference, Task } from '@medplum/fhirtypes';
import { TASK_KIND_SYSTEM, TaskKind, TRANSFER_INPUT_SYSTEM } from '../model.ts';
import type { Places } from './places.ts';
import { hasCode, refId } from './refs.ts';
import type { SnapshotIndex } from './snapshot.ts';
import { toMillis } from './time.ts';

/** Task.input type codes of a transfer (TRANSFER_INPUT_SYSTEM). */
export const TransferInput = { bed: 'seng' } as const;

/** Task statuses of a transfer still under way (not completed, cancelled, rejected, failed or in error). */
export const OPEN_TRANSFER_STATUSES: readonly Task['status'][] = ['draft', 'requested', 'received', 'accepted', 'ready', 'in-progress', 'on-hold'];

export const isTransferTask = (task: Task): boolean => hasCode(task.code, TASK_KIND_SYSTEM, TaskKind.transfer);

export const isOpenTransfer = (task: Task): boolean => isTransferTask(task) && OPEN_TRANSFER_STATUSES.includes(task.status);

/** The bed assigned to a transfer (Task.input typed 'seng'). */
export function transferBed(task: Task): Reference | undefined {
  return task.input?.find((i) => hasCode(i.type, TRANSFER_INPUT_SYSTEM, TransferInput.bed))?.valueReference;
}

/** The open transfer of a stay (the latest authored, if several). */
export function openTransferOf(index: SnapshotIndex, encounterId: string): Task | undefined {
  const tasks = (index.tasksByRef.get(`Encounter/${encounterId}`) ?? []).filter((t) => isOpenTransfer(t) && refId(t.focus, 'Encounter') === encounterId);
  return tasks.sort((a, b) => (toMillis(b.authoredOn) ?? 0) - (toMillis(a.authoredOn) ?? 0))[0];
}

/** The ward of a reference to an Organization (its first ward by name) or a Location (the ward it lies in). */
export function wardOfRef(places: Places, ref: Reference | undefined): string | undefined {
  const location = refId(ref, 'Location');
  if (location) return places.wardIdOf(location);
  const unit = refId(ref, 'Organization');
  return unit ? places.wardsOfUnit(unit)[0]?.id : undefined;
}

/** The receiving ward: the assigned bed's ward, else Task.location (the receiving ward), else the owner's (receiving unit's) first ward. */
export const receivingWardOf = (places: Places, task: Task): string | undefined =>
  wardOfRef(places, transferBed(task)) ?? wardOfRef(places, task.location) ?? wardOfRef(places, task.owner);

/** The sending ward named by the requester (sending unit or Location), if it names one. */
export const sendingWardOf = (places: Places, task: Task): string | undefined => wardOfRef(places, task.requester);
